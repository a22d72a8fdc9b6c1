"""The one formula-neutralising rule (seslip.csv_safety) and every CSV the portal writes.

The rule: a text cell is prefixed with an apostrophe when it starts with a tab or carriage
return, or when its first character after white space and invisible format characters is
a formula start (= + - @), a compatibility form of one (full-width, small) or the minus
sign. The reference below restates that rule plainly; hypothesis compares the two.
"""

import csv
import io
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seslip import csv_safety
from seslip.csv_safety import neutralise_formula
from seslip.renderers import SafeCSVRenderer

STARTS = ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "−"]
LEADING = [" ", "\n", "\r", "\t", "\u00a0", "\u3000", "\u200b", "\ufeff", "\x0b", "\x0c"]


def reference_is_formula(text: str) -> bool:
    """The rule, written out the long way."""
    if text[:1] in ("\t", "\r"):
        return True
    position = 0
    while position < len(text) and (
        text[position].isspace() or unicodedata.category(text[position]) == "Cf"
    ):
        position += 1
    if position == len(text):
        return False
    first = text[position]
    folded = unicodedata.normalize("NFKC", first)
    return first == "−" or (folded != "" and folded[0] in "=+-@")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        (" =1+1", "' =1+1"),
        ("  @SUM(A1)", "'  @SUM(A1)"),
        ("\n=1+1", "'\n=1+1"),
        ("\r\n+1", "'\r\n+1"),
        ("＝1+1", "'＝1+1"),
        ("＋cmd", "'＋cmd"),
        ("－2", "'－2"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        (" ＝1", "' ＝1"),
        ("\u3000=1", "'\u3000=1"),
        ("\u200b=1", "'\u200b=1"),
        ("\ufeff@x", "'\ufeff@x"),
        ("−5", "'−5"),
        ("\tplain", "'\tplain"),
        ("\rplain", "'\rplain"),
        ("Bracknell Forest", "Bracknell Forest"),
        ("  Bracknell Forest", "  Bracknell Forest"),
        ("a=b", "a=b"),
        ("'=already", "'=already"),
        ("   ", "   "),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


@given(st.text())
def test_the_rule_matches_the_reference(text):
    expected = "'" + text if reference_is_formula(text) else text
    assert neutralise_formula(text) == expected


@given(
    st.text(alphabet=st.sampled_from(LEADING), max_size=5),
    st.sampled_from(STARTS),
    st.text(),
)
def test_any_padding_before_any_formula_start_is_neutralised(padding, start, rest):
    text = padding + start + rest
    assert neutralise_formula(text) == "'" + text


@given(st.text())
def test_neutralising_twice_changes_nothing_more(text):
    once = neutralise_formula(text)
    assert neutralise_formula(once) == once


@given(st.lists(st.lists(st.text(), min_size=1, max_size=4), min_size=1, max_size=5))
def test_the_shared_writer_neutralises_every_cell_and_round_trips(rows):
    out = io.StringIO()
    csv_safety.writer(out).writerows(rows)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert read == [[neutralise_formula(cell) for cell in row] for row in rows]
    for row in read:
        for cell in row:
            assert not reference_is_formula(cell)


@given(st.dictionaries(st.sampled_from(["la", "measure", "cohort"]), st.text(), min_size=1))
def test_the_api_csv_renderer_writes_no_runnable_cell(item):
    body = SafeCSVRenderer().render([item]).decode()
    header, row = list(csv.reader(io.StringIO(body, newline="")))
    assert header == list(item)
    for cell in row:
        assert not reference_is_formula(cell)


def test_numbers_stay_numbers_through_the_writer():
    out = io.StringIO()
    csv_safety.writer(out).writerow([-5, 2.5, "-5"])
    assert out.getvalue() == "-5,2.5,'-5\r\n"

"""seslip.text.clean_rich_text against XSS payloads; seslip.csv_safety against formula
injection."""

import csv
import io

import pytest
from django.template import engines
from hypothesis import given
from hypothesis import strategies as st

from seslip.csv_safety import FORMULA_TRIGGERS, neutralise_formula, neutralise_row
from seslip.text import clean_rich_text

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<svg onload="alert(1)"><circle /></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div onmouseover="alert(1)">hover</div>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '"><script>alert(1)</script>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>"
    "</mglyph></table></mtext></math>",
    '<form action="https://evil.example/"><input name="password"></form>',
    "<object data='x.swf'></object><embed src='x.swf'>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_come_out_inert(payload):
    cleaned = str(clean_rich_text(payload)).lower()
    for dangerous in [
        "<script",
        "onerror",
        "onload",
        "onmouseover",
        "javascript:",
        "<iframe",
        "style=",
        "<svg",
        "data:text",
        "<form",
        "<input",
        "<object",
        "<embed",
        "<base",
        "<meta",
        "<style",
        "<img",
    ]:
        assert dangerous not in cleaned, (payload, cleaned)


def test_allowed_formatting_survives_and_links_get_a_safe_rel():
    cleaned = str(
        clean_rich_text(
            "<p>Evidence is <strong>strong</strong> and <em>recent</em>.</p>"
            '<ul><li>one</li></ul><a href="https://example.org/report">report</a>'
        )
    )
    assert "<strong>strong</strong>" in cleaned
    assert "<em>recent</em>" in cleaned
    assert "<ul><li>one</li></ul>" in cleaned
    assert 'href="https://example.org/report"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_plain_text_is_escaped_not_interpreted():
    assert str(clean_rich_text("Outcomes < 5 & rising")) == "Outcomes &lt; 5 &amp; rising"


def test_empty_values_are_empty():
    assert clean_rich_text(None) == ""
    assert clean_rich_text("") == ""


def test_rich_text_filter_renders_sanitised_html():
    template = engines["django"].from_string("{% load rich_text %}{{ text|rich_text }}")
    rendered = template.render({"text": "<p>Hi</p><script>alert(1)</script>"})
    assert rendered == "<p>Hi</p>"


@given(st.text())
def test_no_script_tag_ever_survives(text):
    assert "<script" not in str(clean_rich_text(text + "<script>x</script>")).lower()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Bracknell Forest", "Bracknell Forest"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


@given(st.text())
def test_no_neutralised_text_starts_with_a_trigger(text):
    assert not neutralise_formula(text).startswith(FORMULA_TRIGGERS)


def test_neutralised_row_round_trips_through_csv_as_text():
    buffer = io.StringIO()
    csv.writer(buffer).writerow(neutralise_row(["=1+1", "Surrey", 7]))
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'=1+1", "Surrey", "7"]

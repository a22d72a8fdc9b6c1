"""RowChecker's memo of accepted texts: a shortcut that must never change an answer."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.ingest import checks
from kpi.ingest.checks import ProblemLog, RowChecker

HEADER = ["R01", "D01", "R03", "D04", "I01"]


def checker() -> tuple[RowChecker, ProblemLog]:
    problems = ProblemLog()
    return RowChecker(HEADER, today=date(2026, 12, 1), problems=problems), problems


def test_a_remembered_text_gives_the_same_value_on_a_later_row():
    rows, problems = checker()
    first = rows.check(2, ["F1", "P1", "02/11/2017", "7", "0"])
    second = rows.check(3, ["F1", "P2", "02/11/2017", "7", "0"])
    assert first["fs_start"] == second["fs_start"] == date(2017, 11, 2)
    assert first["age"] == second["age"] == 7
    assert problems.error_count == 0


def test_a_bad_text_is_reported_on_every_row_it_appears_in():
    rows, problems = checker()
    for number in (2, 3, 4):
        rows.check(number, ["F1", f"P{number}", "31/02/2018", "7", ""])
    assert [(p.row, p.value) for p in problems.errors] == [
        (2, "31/02/2018"),
        (3, "31/02/2018"),
        (4, "31/02/2018"),
    ]


def test_typed_cells_are_never_answered_from_texts_in_the_memo():
    # True == 1 as a dictionary key: a workbook's TRUE must not pass as the count "1".
    rows, problems = checker()
    rows.check(2, ["F1", "P1", date(2017, 11, 2), 7, 1])
    rows.check(3, ["F1", "P2", date(2017, 11, 2), 7, True])
    assert [(p.row, p.column, p.message) for p in problems.errors] == [
        (
            3,
            "I01 Number of Times Previously a victim",
            "This should be a whole number, not true/false.",
        )
    ]


def test_a_full_memo_still_checks_every_cell(monkeypatch):
    monkeypatch.setattr(checks, "MEMO_LIMIT", 1)
    rows, problems = checker()
    ages = [rows.check(n, ["F1", f"P{n}", "02/11/2017", str(n), ""])["age"] for n in (2, 3, 4)]
    rows.check(5, ["F1", "P5", "02/11/2017", "200", ""])
    assert ages == [2, 3, 4]
    assert [(p.row, p.value) for p in problems.errors] == [(5, "200")]


def test_key_columns_are_not_remembered():
    rows, _ = checker()
    for number in range(2, 50):
        rows.check(number, ["F1", f"P{number}", "02/11/2017", "7", ""])
    memos = {column.attr: memo for _, column, _, _, memo in rows._plan}
    assert memos["person_key"] is None and memos["family_key"] is None
    assert len(memos["fs_start"]) == 1


CELLS = {
    "R03": ["02/11/2017", "2017-11-02", "31/02/2018", "02/11/2099", "", " ", "soon"],
    "D04": ["7", "07", "-1", "121", "7.5", "", "seven"],
    "I01": ["0", "3", "+3", "x", ""],
    "X01": ["Y", "n", "TRUE", "maybe", ""],
    "R07": ["N1", "n9", "N10", ""],
}


@given(
    st.lists(
        st.tuples(*(st.sampled_from(values) for values in CELLS.values())),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([0, 1, 10_000]),
)
def test_the_memo_never_changes_a_value_or_a_report_line(rows, limit):
    """Against a plain reference: the same rows, each checked by a fresh RowChecker (an
    empty memo every time)."""
    header = ["R01", "D01", "R02", *CELLS]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checks, "MEMO_LIMIT", limit)
        shared, shared_log = checker_for(header)
        got = [shared.check(n, ["F1", f"P{n}", "REF", *row]) for n, row in enumerate(rows, 2)]
    expected, expected_log = [], ProblemLog()
    for n, row in enumerate(rows, 2):
        fresh, log = checker_for(header)
        expected.append(fresh.check(n, ["F1", f"P{n}", "REF", *row]))
        for problem in log.errors + log.warnings:
            expected_log.add(problem)
    assert got == expected
    assert shared_log.errors == expected_log.errors
    assert shared_log.warnings == expected_log.warnings


def checker_for(header: list[str]) -> tuple[RowChecker, ProblemLog]:
    problems = ProblemLog()
    return RowChecker(header, today=date(2026, 12, 1), problems=problems), problems


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        (["F1", "P1", "٠٢/١١/٢٠١٧", "7", ""], "R03"),
        (["F1", "P1", "２０１７-１１-０２", "7", ""], "R03"),
        (["F1", "P1", "02/11/2017", "٧", ""], "D04"),
        (["F1", "P1", "02/11/2017", "7", "+٣"], "I01"),
    ],
)
def test_digits_other_than_0_to_9_are_errors_not_read_as_ascii(cells, column):
    """As for quarters (kpi.quarters): a cell's date or number is written with the digits
    0 to 9; `\\d` would read ٢٠١٧ as 2017 without saying so."""
    rows, problems = checker()

    rows.check(2, cells)

    assert [(p.row, p.column.split()[0]) for p in problems.errors] == [(2, column)]

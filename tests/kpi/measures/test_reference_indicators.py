"""The plain reference implementation against the hand-worked cases.

The database implementation is checked against the same cases and against this
reference on generated data (tests/kpi/measures/test_indicators*.py)."""

import pytest

from tests.kpi import reference_indicators as reference
from tests.kpi.indicator_cases import CASES, COHORTS, QE, QS


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_reference_gives_the_hand_worked_answers(case):
    results = reference.compute(case.rows, QS, QE, COHORTS)
    for key, expected in case.expected.items():
        got = results[key]
        assert (got.value, got.numerator, got.denominator, got.people) == expected, key


def test_six_calendar_months_clamp_to_month_end():
    from datetime import date

    assert reference.add_months(date(2017, 8, 31), 6) == date(2018, 2, 28)
    assert reference.add_months(date(2019, 8, 31), 6) == date(2020, 2, 29)
    assert reference.add_months(date(2017, 9, 30), 6) == date(2018, 3, 30)

"""The database implementation of docs/kpi-specification.md §6 against the hand-worked cases."""

import pytest

from kpi.indicators.base import Window, six_months_before
from kpi.measures.computation import compute_submission
from kpi.models.values import ALL_COHORTS
from tests.factories import LocalAuthorityFactory
from tests.kpi.builders import build_submission, make_cohorts
from tests.kpi.indicator_cases import CASES, COHORTS, QE, QS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_database_gives_the_hand_worked_answers(case):
    authority = LocalAuthorityFactory()
    cohorts = make_cohorts(authority, COHORTS)
    submission = build_submission(authority, "2018-Q1", case.rows, cohorts)
    results = {
        (r.cohort, r.measure): r
        for r in compute_submission(submission, cohorts, Window(QS, QE)).measures
    }
    for key, expected in case.expected.items():
        got = results[key]
        assert (got.value, got.numerator, got.denominator, got.people) == expected, key


def test_every_measure_is_reported_for_every_cohort_and_for_all():
    authority = LocalAuthorityFactory()
    cohorts = make_cohorts(authority, COHORTS)
    submission = build_submission(authority, "2018-Q1", CASES[0].rows, cohorts)
    results = compute_submission(submission, cohorts, Window(QS, QE)).measures
    cohort_names = {r.cohort for r in results}
    assert cohort_names == {"Cohort 1", "Cohort 2", ALL_COHORTS}
    per_cohort = {}
    for result in results:
        per_cohort.setdefault(result.cohort, set()).add(result.measure)
    assert per_cohort["Cohort 1"] == per_cohort["Cohort 2"] == per_cohort[ALL_COHORTS]


def test_computation_takes_a_constant_number_of_queries(django_assert_max_num_queries):
    authority = LocalAuthorityFactory()
    cohorts = make_cohorts(authority, COHORTS)
    rows = [row for case in CASES for row in case.rows]
    submission = build_submission(authority, "2018-Q1", rows * 1, cohorts)
    with django_assert_max_num_queries(7):
        compute_submission(submission, cohorts, Window(QS, QE))


@pytest.mark.parametrize(
    ("qe", "cutoff"),
    [
        ("2018-03-31", "2017-09-30"),
        ("2018-06-30", "2017-12-31"),
        ("2018-09-30", "2018-03-31"),
        ("2018-12-31", "2018-06-30"),
        ("2020-03-31", "2019-09-30"),
    ],
)
def test_six_month_cutoff_is_the_last_day_that_reaches_six_months_by_qe(qe, cutoff):
    from datetime import date

    assert six_months_before(date.fromisoformat(qe)) == date.fromisoformat(cutoff)

"""Property: on any generated cohort data, the database implementation of every §3 measure,
and of every quantity disclosure control weighs (with the people contributing to it),
gives exactly what the plain reference implementation gives."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.indicators.base import Window
from kpi.measures.computation import compute_submission
from kpi.quarters import Quarter
from tests.factories import LocalAuthorityFactory
from tests.kpi import reference_indicators as reference
from tests.kpi.builders import build_submission, make_cohorts
from tests.kpi.strategies import COHORT_WINDOWS, QUARTERS, cohort_files

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), quarter=st.sampled_from(QUARTERS))
def test_every_measure_matches_the_plain_reference(data, quarter):
    window = Window(Quarter.parse(quarter).start, Quarter.parse(quarter).end)
    rows = data.draw(cohort_files(window))
    expected = reference.compute(rows, window.qs, window.qe, COHORT_WINDOWS)
    try:
        with transaction.atomic():
            authority = LocalAuthorityFactory()
            cohorts = make_cohorts(authority, COHORT_WINDOWS)
            submission = build_submission(authority, quarter, rows, cohorts)
            figures = compute_submission(submission, cohorts, window)
            raise Rollback
    except Rollback:
        pass
    got = {(r.cohort, r.measure): r for r in figures.measures}
    assert set(got) == set(expected)
    amounts = reference.compute_amounts(rows, window.qs, window.qe, COHORT_WINDOWS)
    assert {key: (a.value, a.people) for key, a in figures.amounts.items()} == amounts
    for key, want in expected.items():
        result = got[key]
        assert (result.numerator, result.denominator, result.people) == (
            want.numerator,
            want.denominator,
            want.people,
        ), key
        if want.value is None:
            assert result.value is None, key
        else:
            assert result.value == pytest.approx(want.value), key

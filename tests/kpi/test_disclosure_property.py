"""Property tests of disclosure control against the plain reference of the rule set
(tests/kpi/reference_disclosure.py): over random small cohorts, nothing the public is
shown, and no sum or difference of it (totals minus cohorts, a rate's numerator minus a
shown count, denominator minus numerator, ...), gives away a number resting on 1 to 4
people.

The first property works on the rules alone, over random people counts: fast, so many
cases. The second goes the whole way: random cohort files, the database's computation,
the stored decision, and what an anonymous visitor gets from the values API."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.disclosure import cells_to_suppress
from kpi.indicators.base import Window
from kpi.measures.computation import QUANTITIES, RULES
from kpi.measures.records import RECORD_MEASURES
from kpi.models.values import ALL_COHORTS
from kpi.quarters import Quarter
from kpi.services.values import recompute_indicators
from tests.factories import LocalAuthorityFactory
from tests.kpi import reference_disclosure as reference
from tests.kpi import reference_indicators
from tests.kpi.builders import build_submission, make_cohorts, stored_cohort
from tests.kpi.strategies import COHORT_WINDOWS, QUARTERS, cohort_files

MEASURE_NAMES = list(RECORD_MEASURES)


@st.composite
def people_counts(draw) -> dict[tuple[str, str], int]:
    """People per quantity for 1 to 3 cohorts, mostly around the threshold, and for all
    cohorts their sum (cohorts partition the people)."""
    cohorts = [f"Cohort {n}" for n in range(1, draw(st.integers(1, 3)) + 1)]
    count = st.sampled_from([0, 0, 1, 2, 4, 5, 6, 9])
    people = {(c, q): draw(count) for c in cohorts for q in QUANTITIES}
    for quantity in QUANTITIES:
        people[(ALL_COHORTS, quantity)] = sum(people[(c, quantity)] for c in cohorts)
    return people


@settings(max_examples=120, deadline=None)
@given(people_counts())
def test_the_rules_leave_no_small_number_to_be_worked_out(people):
    hidden = cells_to_suppress(people, RULES)
    cells = {(cohort, measure) for cohort, _ in people for measure in MEASURE_NAMES}
    assert reference.must_hide(people, MEASURE_NAMES) <= hidden
    assert reference.revealed(cells - hidden, people, MEASURE_NAMES) == []


class Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), quarter=st.sampled_from(QUARTERS))
def test_the_public_api_gives_away_no_small_number(client, data, quarter):
    period = Quarter.parse(quarter)
    window = Window(period.start, period.end)
    rows = data.draw(cohort_files(window))
    amounts = reference_indicators.compute_amounts(rows, window.qs, window.qe, COHORT_WINDOWS)
    people = {key: contributors for key, (_, contributors) in amounts.items()}
    values = {key: value for key, (value, _) in amounts.items()}
    try:
        with transaction.atomic():
            authority = LocalAuthorityFactory()
            build_submission(authority, quarter, rows, make_cohorts(authority, COHORT_WINDOWS))
            recompute_indicators(authority=authority, quarter=quarter)
            response = client.get("/api/v1/kpi/values/", {"la": authority.slug, "page_size": 1000})
            raise Rollback
    except Rollback:
        pass
    api_rows = response.json()["results"]
    assert len(api_rows) == len(MEASURE_NAMES) * (len(COHORT_WINDOWS) + 1)
    shown = {(stored_cohort(r), r["measure"]) for r in api_rows if not r["suppressed"]}
    for r in api_rows:
        if r["suppressed"]:
            continue
        # What the attacker reads is the truth: the reference's numbers.
        numerator = reference.quantity_of(reference.N(r["measure"]))
        assert r["numerator"] == values[(stored_cohort(r), numerator)], r
        assert r["people"] is None
    hidden = {(stored_cohort(r), r["measure"]) for r in api_rows} - shown
    assert reference.must_hide(people, MEASURE_NAMES) <= hidden
    assert reference.revealed(shown, people, MEASURE_NAMES) == []

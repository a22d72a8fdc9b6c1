"""Disclosure control on hand-made cases whose answers are worked out by hand (issue 16:
every number shown is covered). Each case is small enough to check on paper: a rate of
4 out of 5, an event total of 2 from 1 person, returned figures without a count."""

from datetime import date

import pytest

from kpi.models import IndicatorValue
from kpi.returns.figures import Figure
from kpi.returns.services import submit_aggregates
from kpi.services.toolkit import ensure_cohorts
from kpi.services.values import recompute_indicators
from tests.kpi.builders import build_submission, make_cohorts
from tests.kpi.indicator_cases import COHORTS, row

pytestmark = pytest.mark.django_db

URL = "/api/v1/kpi/values/"
START = date(2017, 11, 1)  # Cohort 1


def adult(person: str, **fields) -> dict:
    return row(f"F-{person}", person, START, child=False, **fields)


def stored(authority, measure: str, cohort: str = "all") -> IndicatorValue:
    return IndicatorValue.objects.get(authority=authority, measure=measure, cohort=cohort)


def public(client, measure: str, cohort: str = "all") -> dict:
    rows = client.get(URL, {"measure": measure, "cohort": cohort}).json()["results"]
    (found,) = rows
    return found


def programme(person: str, outcome: str) -> dict:
    return adult(
        person, I47=date(2017, 12, 1), I48=date(2018, 2, 1), I49=outcome, I01=0, I03=0, I04=0
    )


def test_a_rate_of_4_out_of_5_is_hidden_with_its_counts(client, bracknell):
    # Five adults ended a DA programme in the quarter; four completed it. The rate is 80%
    # = 4 / 5: its numerator (4 adults) and its denominator minus numerator (1 adult who
    # did not complete) rest on fewer than 5 people, so the rate goes, although its
    # denominator (5) alone could be shown. Twelve other adults make the cohort large.
    rows = [programme(p, "Completed") for p in "ABCD"] + [programme("E", "Not completed")]
    rows += [adult(f"X{n}") for n in range(12)]
    cohorts = make_cohorts(bracknell, COHORTS)
    build_submission(bracknell, "2018-Q1", rows, cohorts)
    recompute_indicators(authority=bracknell, quarter="2018-Q1")

    rate = stored(bracknell, "da_completion_rate")
    assert (rate.value, rate.numerator, rate.denominator) == (80.0, 4, 5)
    assert rate.suppressed
    assert stored(bracknell, "da_completed").suppressed  # 4 adults
    shown = public(client, "da_completion_rate")
    assert shown["suppressed"] is True
    assert shown["value"] is shown["numerator"] is shown["denominator"] is None


def test_a_rate_of_20_out_of_23_is_hidden_for_the_3_who_did_not_complete(client, bracknell):
    # 23 adults ended a programme by quarter end, 20 completed: numerator and denominator
    # are large, but 23 - 20 = 3 adults did not complete, which the rate would show.
    rows = [programme(f"C{n}", "Completed") for n in range(20)]
    rows += [programme(f"N{n}", "Not completed") for n in range(3)]
    cohorts = make_cohorts(bracknell, COHORTS)
    build_submission(bracknell, "2018-Q1", rows, cohorts)
    recompute_indicators(authority=bracknell, quarter="2018-Q1")

    rate = stored(bracknell, "da_completion_rate")
    assert (rate.numerator, rate.denominator) == (20, 23)
    assert rate.suppressed
    assert public(client, "da_completion_rate")["suppressed"] is True


def test_an_event_total_of_2_from_1_person_is_hidden(client, bracknell):
    # Twelve people in the cohort; one of them was a victim twice in the quarter. The
    # total (2) rests on the 1 person who contributed to it, not on the 12 counted.
    rows = [adult("V", I03=2, I04=0)] + [adult(f"P{n}", I03=0, I04=0) for n in range(11)]
    cohorts = make_cohorts(bracknell, COHORTS)
    build_submission(bracknell, "2018-Q1", rows, cohorts)
    recompute_indicators(authority=bracknell, quarter="2018-Q1")

    victim = stored(bracknell, "victim_in_quarter")
    assert (victim.value, victim.people) == (2, 1)
    assert victim.suppressed
    assert public(client, "victim_in_quarter")["suppressed"] is True
    offender = stored(bracknell, "offender_in_quarter")
    assert (offender.value, offender.suppressed) == (0, False)  # zero is not small
    assert public(client, "people")["value"] == 12


def test_a_return_percentage_without_a_count_is_hidden_until_one_is_given(client, bracknell):
    ensure_cohorts(authority=bracknell)  # returns start at the first cohort window

    def submit(figures):
        submit_aggregates(
            authority=bracknell, quarter="2018-Q1", figures=figures, user=None, source="form"
        )
        return {v.measure: v.suppressed for v in IndicatorValue.objects.filter(measure__in=names)}

    names = ["ae_children_pct", "caseload_social_worker"]
    # 12.5% of an unknown number of children; a mean caseload over an unknown number of
    # social workers: nobody can tell how many people they rest on.
    assert submit([Figure("ae_children_pct", 12.5), Figure("caseload_social_worker", 14.2)]) == {
        "ae_children_pct": True,
        "caseload_social_worker": True,
    }
    assert public(client, "ae_children_pct")["suppressed"] is True
    # 12.5% of 80 children is 10 children with an attendance and 70 without: shown.
    assert submit(
        [Figure("ae_children_pct", 12.5, people=80), Figure("caseload_social_worker", 14.2, 9)]
    ) == {"ae_children_pct": False, "caseload_social_worker": False}
    assert public(client, "ae_children_pct")["value"] == 12.5
    # 2.5% of 80 is 2 children; 97.5% of 80 leaves 2 children without: both hidden.
    assert submit([Figure("ae_children_pct", 2.5, people=80)]) == {"ae_children_pct": True}
    assert submit([Figure("ae_children_pct", 97.5, people=80)]) == {"ae_children_pct": True}


def test_lsir_improved_out_of_assessed_hides_a_figure_when_3_did_not_improve(bracknell):
    ensure_cohorts(authority=bracknell)
    # 12 adults assessed, 9 improved: both large, but 12 - 9 = 3 did not improve. One of
    # the two goes: the one resting on fewer people (improved, 9).
    submit_aggregates(
        authority=bracknell,
        quarter="2018-Q1",
        figures=[Figure("lsir_assessed", 12), Figure("lsir_improved", 9)],
        user=None,
        source="form",
    )
    hidden = set(IndicatorValue.objects.filter(suppressed=True).values_list("measure", flat=True))
    assert hidden == {"lsir_improved"}


def test_a_percentage_that_is_not_a_number_is_hidden_not_an_error():
    from kpi.returns.disclosure import disclosure_people

    people = disclosure_people([Figure("ae_children_pct", float("nan"), people=80)])
    assert people[("all", "ae_children_pct")] is None  # too few: hidden
    assert people[("all", "ae_children_pct_people")] == 80

"""Indicators returned as figures (kpi-spec §4): form and CSV, all-or-nothing validation,
history with one current return, values with disclosure control, permissions."""

import io

import pytest

from kpi.models import AggregateReturn, IndicatorValue
from kpi.returns.figures import Figure
from kpi.returns.reading import parse_aggregate_csv
from kpi.returns.services import submit_aggregate_csv, submit_aggregates
from kpi.services.toolkit import ensure_cohorts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cohort_windows(bracknell):
    """Returns are only for quarters from an authority's first cohort window (kpi.quarters)."""
    ensure_cohorts(authority=bracknell)


def submit(authority, figures, quarter="2018-Q1", user=None):
    return submit_aggregates(
        authority=authority, quarter=quarter, figures=figures, user=user, source="form"
    )


def test_accepted_figures_become_values_and_small_counts_are_suppressed(bracknell):
    report = submit(
        bracknell,
        [
            Figure("care_proceedings", 3),
            Figure("la_cla_at_end", 140),
            Figure("ae_children_pct", 12.5, people=80),
            Figure("caseload_social_worker", 14.2, people=2),
        ],
    )
    assert report.outcome == "accepted"
    values = {v.measure: v for v in IndicatorValue.objects.filter(authority=bracknell)}
    assert values["care_proceedings"].suppressed  # 3 proceedings: 1 to 4
    assert not values["la_cla_at_end"].suppressed
    assert not values["ae_children_pct"].suppressed
    assert values["caseload_social_worker"].suppressed  # rests on 2 workers
    assert values["la_cla_at_end"].indicator == 5
    assert values["la_cla_at_end"].cohort == "all"
    assert values["la_cla_at_end"].submission is None


def test_any_bad_figure_rejects_the_whole_return_and_keeps_the_current(bracknell):
    submit(bracknell, [Figure("la_cla_at_end", 140)])
    report = submit(
        bracknell,
        [Figure("la_cla_at_end", 150), Figure("ae_adults_pct", 130), Figure("nonsense", 1)],
    )
    assert report.outcome == "rejected"
    messages = " ".join(p.message for p in report.problems)
    assert "percentage from 0 to 100" in messages
    assert "not a measure returned as a figure" in messages
    value = IndicatorValue.objects.get(authority=bracknell, measure="la_cla_at_end")
    assert value.value == 140
    assert AggregateReturn.objects.current().count() == 1


def test_a_new_return_supersedes_the_current_one_and_keeps_history(bracknell):
    first = submit(bracknell, [Figure("la_cla_at_end", 140), Figure("lsir_assessed", 9)])
    second = submit(bracknell, [Figure("la_cla_at_end", 150)])
    first.aggregate_return.refresh_from_db()
    assert first.aggregate_return.status == "superseded"
    assert second.aggregate_return.status == "accepted"
    measures = set(
        IndicatorValue.objects.filter(authority=bracknell).values_list("measure", flat=True)
    )
    assert measures == {"la_cla_at_end"}


def test_figures_do_not_touch_values_computed_from_records(bracknell):
    from kpi.models import Cohort
    from kpi.services.values import recompute_indicators
    from tests.kpi.builders import build_submission, make_cohorts
    from tests.kpi.indicator_cases import CASES, COHORTS

    Cohort.objects.filter(authority=bracknell).delete()  # the cases' own windows instead
    cohorts = make_cohorts(bracknell, COHORTS)
    build_submission(bracknell, "2018-Q1", CASES[0].rows, cohorts)
    recompute_indicators(authority=bracknell, quarter="2018-Q1")
    records = IndicatorValue.objects.filter(submission__isnull=False).count()
    submit(bracknell, [Figure("care_proceedings", 7)])
    recompute_indicators(authority=bracknell, quarter="2018-Q1")
    assert IndicatorValue.objects.filter(submission__isnull=False).count() == records
    assert IndicatorValue.objects.filter(measure="care_proceedings").count() == 1


def test_csv_is_parsed_with_row_column_value_errors():
    figures, problems = parse_aggregate_csv(
        b"\xef\xbb\xbfmeasure,value,people\ncare_proceedings,7\nae_children_pct,12.5,80\n"
    )
    assert problems == []
    assert figures == [Figure("care_proceedings", 7.0), Figure("ae_children_pct", 12.5, 80)]
    _, problems = parse_aggregate_csv(b"measure,value\ncare_proceedings,seven\n")
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "value", "seven")]
    _, problems = parse_aggregate_csv(b"name,figure\n")
    assert {p.column for p in problems} == {"name", "figure", "measure", "value"}
    _, problems = parse_aggregate_csv(b"measure,value\nla_cla_at_end,1.5\n")
    assert "whole number" in problems[0].message


def test_same_csv_twice_changes_nothing(bracknell):
    content = b"measure,value\nla_cla_at_end,140\n"
    first = submit_aggregate_csv(authority=bracknell, quarter="2018-Q1", content=content, user=None)
    again = submit_aggregate_csv(authority=bracknell, quarter="2018-Q1", content=content, user=None)
    assert (first.outcome, again.outcome) == ("accepted", "unchanged")
    assert AggregateReturn.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("editor_bracknell", 403),
        ("regional_analyst", 403),
        ("analyst_bracknell", 200),
    ],
)
def test_only_analysts_enter_figures(client_for, bracknell, analyst_bracknell, persona, status):
    assert client_for(persona).get("/kpi/returns/new/").status_code == status


def test_analyst_enters_figures_through_the_form(client_for, bracknell, analyst_bracknell):
    client = client_for("analyst_bracknell")
    response = client.post(
        "/kpi/returns/new/",
        {
            "authority": bracknell.pk,
            "quarter": "2018-q2",
            "care_proceedings": "7",
            "ae_children_pct": "12.5",
            "ae_children_pct__people": "80",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "A&amp;E" in detail or "A&E" in detail
    assert IndicatorValue.objects.get(measure="care_proceedings").quarter == "2018-Q2"


def test_form_errors_are_shown_in_an_error_summary(client_for, bracknell, analyst_bracknell):
    client = client_for("analyst_bracknell")
    response = client.post(
        "/kpi/returns/new/",
        {"authority": bracknell.pk, "quarter": "2018-Q1", "ae_adults_pct": "150"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "must be a percentage from 0 to 100" in body
    assert not AggregateReturn.objects.exists()


def test_analyst_uploads_figures_as_csv_and_sees_a_rejection_report(
    client_for, bracknell, analyst_bracknell
):
    client = client_for("analyst_bracknell")
    bad = io.BytesIO(b"measure,value\nla_cla_at_end,-4\n")
    bad.name = "figures.csv"
    response = client.post(
        "/kpi/returns/upload/", {"authority": bracknell.pk, "quarter": "2018-Q1", "file": bad}
    )
    body = client.get(response["Location"]).content.decode()
    assert "were not accepted" in body
    assert "cannot be negative" in body
    assert not IndicatorValue.objects.exists()


def test_other_authorities_returns_are_not_found(client_for, bracknell, analyst_surrey):
    report = submit(bracknell, [Figure("la_cla_at_end", 140)])
    url = f"/kpi/returns/{report.aggregate_return.pk}/"
    assert client_for("analyst_surrey").get(url).status_code == 404

"""Every path a figure leaves by (the authority dashboard with its charts and baseline
table, the compare page, the values API as JSON and as CSV) shows exactly the stored
decision: `c` / null where the value is suppressed, the figure everywhere else, and the
same to the owning authority's analysts without any `c`."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser

from kpi.dashboards import presenters as dashboards
from kpi.models import IndicatorValue
from kpi.services.values import recompute_indicators
from tests.kpi.builders import build_submission, make_cohorts, stored_cohort
from tests.kpi.indicator_cases import CASES, COHORTS

pytestmark = pytest.mark.django_db

QUARTERS = ("2018-Q1", "2018-Q2")
C_CELL = '<abbr title="suppressed: '


@pytest.fixture
def values(bracknell):
    cohorts = make_cohorts(bracknell, COHORTS)
    for quarter in QUARTERS:
        build_submission(bracknell, quarter, [r for case in CASES for r in case.rows], cohorts)
        recompute_indicators(authority=bracknell, quarter=quarter)
    stored = {(v.quarter, v.cohort, v.measure): v for v in IndicatorValue.objects.all()}
    assert any(v.suppressed for v in stored.values())
    assert any(not v.suppressed for v in stored.values())
    return stored


@pytest.mark.parametrize("cohort", ["all", "Cohort 1", "Cohort 2"])
def test_dashboard_cells_and_charts_follow_the_stored_decision(client, bracknell, values, cohort):
    board = dashboards.authority_dashboard(AnonymousUser(), bracknell, cohort)
    suppressed = 0
    for panel in board.panels:
        for row in panel.rows:
            for quarter, cell in zip(board.quarters, row.cells, strict=True):
                value = values[(str(quarter), cohort, row.measure)]
                assert cell.suppressed is value.suppressed, (quarter, row.measure)
                assert (cell.value is None) is (value.suppressed or value.value is None)
                suppressed += value.suppressed
        for row, chart in zip(panel.rows, panel.charts, strict=True):
            plotted = [c for c in row.cells if c.value is not None]
            assert [p.label for p in chart.points] == [c.display for c in plotted]
    for row in board.baseline:
        for cell in (row.before, row.since):
            assert cell.suppressed is (cell.display == "c")
    baseline = sum(c.suppressed for row in board.baseline for c in (row.before, row.since))
    page = client.get(f"/kpi/authorities/{bracknell.slug}/", {"cohort": cohort}).content.decode()
    assert page.count(C_CELL) == suppressed + baseline


def test_compare_page_follows_the_stored_decision(client, values):
    for measure in sorted({m for _, _, m in values}):
        board = dashboards.regional_comparison(AnonymousUser(), measure)
        (row,) = board.panels[0].rows
        for quarter, cell in zip(board.quarters, row.cells, strict=True):
            assert cell.suppressed is values[(str(quarter), "all", measure)].suppressed
        page = client.get("/kpi/compare/", {"measure": measure}).content.decode()
        # The authorities' rows of the first table; the regional row and the rates
        # follow (tests/kpi/dashboards/test_dashboards.py checks those).
        authorities = page.split('class="govuk-table__header">South East region</th>')[0]
        assert authorities.count(C_CELL) == sum(cell.suppressed for cell in row.cells)


def test_api_json_and_csv_follow_the_stored_decision(client, values):
    json_rows = client.get("/api/v1/kpi/values/", {"page_size": 1000}).json()["results"]
    response = client.get("/api/v1/kpi/values/", {"format": "csv"})
    csv_rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(json_rows) == len(csv_rows) == len(values)
    for json_row, csv_row in zip(json_rows, csv_rows, strict=True):
        value = values[(json_row["quarter"], stored_cohort(json_row), json_row["measure"])]
        assert json_row["suppressed"] is value.suppressed
        assert csv_row["suppressed"] == str(value.suppressed).lower()
        if value.suppressed:
            assert json_row["value"] is json_row["numerator"] is json_row["denominator"] is None
            assert csv_row["value"] == csv_row["numerator"] == csv_row["denominator"] == ""
        else:
            assert json_row["numerator"] == value.numerator


def test_the_owning_analyst_sees_every_figure_on_every_path(client_for, bracknell, values):
    analyst = client_for("analyst_bracknell")
    page = analyst.get(f"/kpi/authorities/{bracknell.slug}/").content.decode()
    assert C_CELL not in page
    compare = analyst.get("/kpi/compare/", {"measure": "da_completion_rate"}).content.decode()
    assert C_CELL not in compare
    rows = analyst.get("/api/v1/kpi/values/", {"page_size": 1000}).json()["results"]
    assert not any(row["suppressed"] for row in rows)
    assert all(re.fullmatch(r"\d+", str(row["people"])) for row in rows)

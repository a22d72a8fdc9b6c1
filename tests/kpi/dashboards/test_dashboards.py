"""KPI dashboards: an authority over quarters, the authorities side by side; disclosure
per persona; constant query counts."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from kpi.dashboards import presenters as dashboards
from kpi.models import IndicatorValue
from kpi.services.values import recompute_indicators
from tests.kpi.builders import build_submission, make_cohorts
from tests.kpi.indicator_cases import CASES, COHORTS

pytestmark = pytest.mark.django_db

ROWS = [row for case in CASES for row in case.rows]


def with_quarters(authority, quarters: int) -> None:
    cohorts = make_cohorts(authority, COHORTS)
    for n in range(quarters):
        quarter = f"{2018 + n // 4}-Q{n % 4 + 1}"
        build_submission(authority, quarter, ROWS, cohorts)
        recompute_indicators(authority=authority, quarter=quarter)


def test_dashboard_shows_every_indicator_as_table_and_chart(client, bracknell):
    with_quarters(bracknell, 2)
    response = client.get("/kpi/authorities/bracknell-forest/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jan–Mar 2018" in body and "Apr–Jun 2018" in body
    assert "Child protection plans active in the quarter" in body
    assert "<svg" in body and "portal-chart__line" in body
    assert "Before and since Family Safeguarding" in body
    assert "<caption" in body


def test_every_measure_of_an_indicator_has_its_own_chart_named_by_its_caption(client, bracknell):
    with_quarters(bracknell, 2)
    board = dashboards.authority_dashboard(AnonymousUser(), bracknell, "all")
    for panel in board.panels:
        assert [chart.title for chart in panel.charts] == [row.label for row in panel.rows]
    body = client.get("/kpi/authorities/bracknell-forest/").content.decode()
    indicator_1 = body.split('id="indicator-1"')[1].split('id="indicator-2"')[0]
    rows = len(board.panels[0].rows)
    assert rows > 1
    assert indicator_1.count("<svg") == rows
    assert indicator_1.count("<figcaption") == rows
    assert "Child protection plans active in the quarter</figcaption>" in indicator_1
    assert indicator_1.index("<svg") < indicator_1.index("<table")


def test_crowded_quarters_label_every_other_one_and_always_the_latest(bracknell):
    from kpi.dashboards.charts import line_chart
    from kpi.quarters import Quarter

    quarters = [Quarter.parse(f"2018-Q{n}") for n in range(1, 5)] + [Quarter.parse("2019-Q1")]
    cells = [dashboards.Cell(str(n), False, float(n)) for n in range(5)]
    chart = line_chart("People", cells, quarters)
    assert len(chart.points) == 5
    assert [label.label for label in chart.x_labels] == [
        quarters[0].label,
        quarters[2].label,
        quarters[4].label,
    ]


@pytest.mark.parametrize("count", [2, 4, 5, 12, 40, 400])
def test_quarter_labels_never_overlap_however_many_quarters(count):
    from kpi.dashboards.charts import LABEL_SPACING, line_chart
    from kpi.quarters import Quarter

    quarters = [Quarter.parse(f"{2000 + n // 4}-Q{n % 4 + 1}") for n in range(count)]
    cells = [dashboards.Cell("1", False, 1.0) for _ in quarters]
    chart = line_chart("People", cells, quarters)
    xs = [label.x for label in chart.x_labels]
    assert chart.x_labels[-1].label == quarters[-1].label
    assert all(b - a >= LABEL_SPACING - 1 for a, b in itertools.pairwise(xs))


def test_anonymous_sees_c_and_the_analyst_sees_the_figure(client_for, bracknell, analyst_bracknell):
    with_quarters(bracknell, 1)
    cell = IndicatorValue.objects.filter(suppressed=True, people__gt=0, cohort="all").first()
    assert cell is not None
    anonymous = client_for("anonymous").get("/kpi/authorities/bracknell-forest/").content.decode()
    assert ">c</abbr>" in anonymous
    assert "it rests on 1 to 4 people" in anonymous
    analyst = client_for("analyst_bracknell").get("/kpi/authorities/bracknell-forest/")
    assert ">c</abbr>" not in analyst.content.decode()


def test_cohort_selector_narrows_the_figures(client, bracknell):
    with_quarters(bracknell, 1)
    body = client.get("/kpi/authorities/bracknell-forest/", {"cohort": "Cohort 2"}).content
    assert b'<option value="Cohort 2" selected>' in body
    assert b"Indicator 1 by quarter, Cohort 2" in body
    unknown = client.get("/kpi/authorities/bracknell-forest/", {"cohort": "<script>"})
    assert unknown.status_code == 400  # an unknown cohort is a field error (issue 23)
    assert b"<script>" not in unknown.content.split(b"<main")[1]


def test_unknown_authority_is_404(client, db):
    assert client.get("/kpi/authorities/nowhere/").status_code == 404


def test_regional_comparison_puts_authorities_side_by_side(client, bracknell, surrey):
    with_quarters(bracknell, 1)
    with_quarters(surrey, 1)
    response = client.get("/kpi/compare/", {"measure": "people"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bracknell Forest" in body and "Surrey" in body
    assert client.get("/kpi/compare/", {"measure": "nonsense"}).status_code == 400


@pytest.mark.parametrize("quarters", [1, 10])
def test_dashboard_queries_do_not_grow_with_data(
    client, bracknell, quarters, django_assert_max_num_queries
):
    with_quarters(bracknell, quarters)
    with django_assert_max_num_queries(6):
        assert client.get("/kpi/authorities/bracknell-forest/").status_code == 200


@pytest.mark.parametrize("quarters", [1, 10])
def test_comparison_queries_do_not_grow_with_data(
    client, bracknell, surrey, quarters, django_assert_max_num_queries
):
    with_quarters(bracknell, quarters)
    with_quarters(surrey, quarters)
    with django_assert_max_num_queries(4):
        assert client.get("/kpi/compare/").status_code == 200


def test_public_dashboard_names_the_latest_accepted_submission_only(client, upload):
    """A failed upload (the 9999-Q4 500 left one) headlined the public dashboard as its
    "Latest submission"; failures and rejections are the authority's analysts' business."""
    from kpi.models import Submission

    accepted = upload("valid_small.csv").submission
    upload("rule_age_out_of_range.csv", quarter="2018-Q2")
    failed = Submission.objects.create(
        authority=accepted.authority, quarter="2018-Q3", sha256="f" * 64, status="failed"
    )
    assert failed.uploaded_at > accepted.uploaded_at

    body = client.get("/kpi/authorities/bracknell-forest/").content.decode()

    assert "Latest accepted submission: Jan–Mar 2018" in body
    assert "Jul–Sep 2018" not in body and "Apr–Jun 2018" not in body
    assert "failed" not in body.lower() and "rejected" not in body.lower()


def test_the_authoritys_analyst_also_sees_a_later_upload_that_was_not_accepted(
    client_for, upload, analyst_bracknell
):
    upload("valid_small.csv")
    rejected = upload("rule_age_out_of_range.csv", quarter="2018-Q2").submission

    analyst = client_for("analyst_bracknell").get("/kpi/authorities/bracknell-forest/")
    surrey = client_for("analyst_surrey").get("/kpi/authorities/bracknell-forest/")

    body = analyst.content.decode()
    assert "Latest accepted submission: Jan–Mar 2018" in body
    assert "Your latest upload, for Apr–Jun 2018" in body and "was rejected" in body
    assert f"/kpi/submissions/{rejected.pk}/" in body
    assert f"/kpi/submissions/{rejected.pk}/" not in surrey.content.decode()


def test_synthetic_quarters_are_marked_and_the_banner_stays_while_any_is_shown(
    client, bracknell, surrey
):
    # Two synthetic quarters, then a real one: the latest submission is real, but the
    # dashboard still shows synthetic figures, so the banner stays (issue 23).
    with_quarters(bracknell, 3)
    bracknell.kpi_submissions.filter(quarter__in=["2018-Q1", "2018-Q2"]).update(is_synthetic=True)
    body = client.get("/kpi/authorities/bracknell-forest/").content.decode()
    assert "Synthetic demonstration data" in body
    header = body.split("Indicator 1 by quarter")[1].split("</thead>")[0]
    assert header.count("synthetic") == 2
    assert "Jul–Sep 2018</th>" in header
    assert body.count("portal-chart__point--synthetic") >= 2
    with_quarters(surrey, 2)
    real = client.get("/kpi/authorities/surrey/").content.decode()
    assert "Synthetic demonstration data" not in real
    assert "portal-chart__point--synthetic" not in real


def test_compare_page_marks_synthetic_quarters_and_says_so(client, bracknell, surrey):
    with_quarters(bracknell, 1)
    with_quarters(surrey, 1)
    surrey.kpi_submissions.update(is_synthetic=True)
    body = client.get("/kpi/compare/", {"measure": "people"}).content.decode()
    assert "Synthetic demonstration data" in body
    surrey_row = body.split(">Surrey</a>")[1].split("</tr>")[0]
    assert "synthetic" in surrey_row
    bracknell_row = body.split(">Bracknell Forest</a>")[1].split("</tr>")[0]
    assert "synthetic" not in bracknell_row


def regional_row(body: str) -> str:
    return body.split('class="govuk-table__header">South East region</th>')[1].split("</tr>")[0]


def test_compare_page_shows_a_regional_sum_and_rates_per_100_people(client_for, bracknell, surrey):
    with_quarters(bracknell, 1)
    with_quarters(surrey, 1)
    body = client_for("regional_analyst").get("/kpi/compare/", {"measure": "people"}).content
    body = body.decode()
    # The cases count 15 people in each authority: 30 in the region.
    assert ">30<" in regional_row(body)
    board = dashboards.regional_comparison(AnonymousUser(), "cp_plans_active")
    cp = {
        v.authority.slug: v.value
        for v in IndicatorValue.objects.filter(measure="cp_plans_active", cohort="all")
    }
    page = client_for("regional_analyst").get("/kpi/compare/", {"measure": "cp_plans_active"})
    text = page.content.decode()
    assert "per 100 people in the cohort" in text
    rate = 100 * cp["bracknell-forest"] / 15
    rates = text.split("As a rate per 100 people in the cohort", 1)[1]
    assert f"{rate:.1f}" in rates
    assert "of 15" in rates
    assert board.panels[0].rows


def test_compare_page_pools_a_rate_over_authorities_with_its_denominator(
    client_for, bracknell, surrey
):
    with_quarters(bracknell, 1)
    with_quarters(surrey, 1)
    rates = IndicatorValue.objects.filter(measure="pct_authorised", cohort="all")
    numerator = sum(v.numerator for v in rates)
    denominator = sum(v.denominator for v in rates)
    text = client_for("regional_analyst").get("/kpi/compare/", {"measure": "pct_authorised"})
    row = regional_row(text.content.decode())
    assert f"{100 * numerator / denominator:.1f}" in row
    assert f"of {round(denominator):,}" in row


def test_regional_figure_is_hidden_when_an_authoritys_figure_is_hidden(client, bracknell, surrey):
    with_quarters(bracknell, 1)
    with_quarters(surrey, 1)
    hidden = IndicatorValue.objects.filter(cohort="all", suppressed=True).first()
    assert hidden is not None
    row = regional_row(client.get("/kpi/compare/", {"measure": hidden.measure}).content.decode())
    assert ">c</abbr>" in row


def test_compare_page_offers_the_values_api_csv(client, bracknell):
    with_quarters(bracknell, 1)
    body = client.get("/kpi/compare/", {"measure": "people"}).content.decode()
    link = "/api/v1/kpi/values/?measure=people&amp;cohort=all&amp;format=csv"
    assert link in body
    assert client.get(link.replace("&amp;", "&")).status_code == 200

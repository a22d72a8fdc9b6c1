"""GET /api/v1/kpi/values/ and /api/v1/kpi/indicators/: filters, disclosure per persona,
CSV that matches the JSON and is formula-safe, constant query counts."""

import csv
import io

import pytest
from django.utils import timezone

from kpi.models import IndicatorValue
from kpi.services.values import recompute_indicators
from tests.kpi.builders import build_submission, make_cohorts, stored_cohort
from tests.kpi.indicator_cases import CASES, COHORTS

pytestmark = pytest.mark.django_db

URL = "/api/v1/kpi/values/"


@pytest.fixture
def bracknell_values(bracknell):
    cohorts = make_cohorts(bracknell, COHORTS)
    rows = [row for case in CASES for row in case.rows]
    build_submission(bracknell, "2018-Q1", rows, cohorts)
    recompute_indicators(authority=bracknell, quarter="2018-Q1")
    return bracknell


def suppressed_cell(authority) -> IndicatorValue:
    return IndicatorValue.objects.filter(authority=authority, suppressed=True, people__gt=0).first()


def test_anonymous_sees_small_cells_as_null_and_suppressed(client, bracknell_values):
    cell = suppressed_cell(bracknell_values)
    response = client.get(URL, {"la": "bracknell-forest", "measure": cell.measure})
    assert response.status_code == 200
    row = next(r for r in response.json()["results"] if stored_cohort(r) == cell.cohort)
    assert row["suppressed"] is True
    assert row["value"] is row["numerator"] is row["denominator"] is row["people"] is None


@pytest.mark.parametrize(
    ("persona", "sees_it"),
    [
        ("anonymous", False),
        ("member", False),
        ("editor_bracknell", False),
        ("analyst_surrey", False),
        ("analyst_bracknell", True),
        ("regional_analyst", True),
    ],
)
def test_only_own_analysts_and_regional_analysts_see_small_cells(
    client_for, bracknell_values, analyst_surrey, persona, sees_it
):
    cell = suppressed_cell(bracknell_values)
    client = client_for(persona)
    response = client.get(
        URL, {"la": "bracknell-forest", "measure": cell.measure, "cohort": cell.cohort}
    )
    (row,) = response.json()["results"]
    assert row["suppressed"] is (not sees_it)
    assert (row["people"] == cell.people) is sees_it


@pytest.mark.parametrize(
    ("persona", "sees_people"),
    [("anonymous", False), ("analyst_surrey", False), ("analyst_bracknell", True)],
)
def test_people_counts_are_only_for_those_who_see_every_figure(
    client_for, bracknell_values, analyst_surrey, persona, sees_people
):
    # How many people a figure rests on is disclosure control's working: published, the
    # people behind plans of both kinds (at and after FS start) would be a difference.
    rows = client_for(persona).get(URL, {"la": "bracknell-forest", "page_size": 1000}).json()
    shown = [row for row in rows["results"] if not row["suppressed"]]
    assert shown
    assert any(row["people"] for row in shown) is sees_people
    assert all(row["people"] is None for row in shown) is not sees_people


def test_rows_carry_every_documented_field(client_for, bracknell_values):
    client = client_for("regional_analyst")
    response = client.get(URL, {"la": "bracknell-forest", "measure": "people", "cohort": "all"})
    (row,) = response.json()["results"]
    assert set(row) == {
        "la",
        "la_name",
        "la_gss_code",
        "quarter",
        "cohort",
        "cohort_name",
        "indicator",
        "indicator_title",
        "group",
        "group_title",
        "measure",
        "measure_label",
        "unit",
        "kind",
        "decimals",
        "value",
        "numerator",
        "denominator",
        "people",
        "suppressed",
        "is_synthetic",
        "submission",
        "computed_at",
    }
    assert row["la"] == "bracknell-forest"
    assert row["quarter"] == "2018-Q1"
    # The cases name 16 people; C joins after the quarter ends.
    assert row["value"] == row["people"] == 15


def test_a_row_describes_its_authority_cohort_measure_and_indicator(client, bracknell_values):
    (row,) = client.get(
        URL, {"la": "bracknell-forest", "measure": "cla_closed_mean_days", "cohort": "2"}
    ).json()["results"]
    assert row["la_name"] == "Bracknell Forest"
    assert row["la_gss_code"] == bracknell_values.gss_code
    assert (row["cohort"], row["cohort_name"]) == ("2", "Cohort 2")
    assert row["indicator"] == 6
    assert row["indicator_title"] == "Length of time for CLA"
    assert row["group"] == "indicator-6"
    assert row["measure_label"] == "Mean length of periods of care closed in the quarter (days)"
    assert (row["unit"], row["kind"], row["decimals"]) == ("days", "mean", 1)
    assert row["is_synthetic"] is False
    (everyone,) = client.get(
        URL, {"la": "bracknell-forest", "measure": "pct_authorised", "cohort": "all"}
    ).json()["results"]
    assert (everyone["cohort"], everyone["cohort_name"]) == ("all", "All cohorts")
    assert (everyone["unit"], everyone["kind"]) == ("percent", "rate")


def test_police_and_cohort_size_form_a_named_group_not_indicator_0(client, bracknell_values):
    (row,) = client.get(
        URL, {"la": "bracknell-forest", "measure": "victim_before", "cohort": "all"}
    ).json()["results"]
    assert row["indicator"] is None and row["indicator_title"] is None
    assert (row["group"], row["group_title"]) == (
        "police-and-cohort",
        "Police involvement and cohort size",
    )
    group = client.get(f"/api/v1/kpi/measure-groups/{row['group']}/")
    assert group.status_code == 200
    assert group.json()["indicator"] is None
    assert "I01" in group.json()["definition"]
    assert {m["name"] for m in group.json()["measures"]} == {
        "victim_before",
        "offender_before",
        "victim_in_quarter",
        "offender_in_quarter",
        "people",
    }
    assert client.get(group.json()["definition_url"]).status_code == 200
    groups = client.get("/api/v1/kpi/measure-groups/").json()
    assert [g["key"] for g in groups][-1] == "police-and-cohort"
    assert [g["indicator"] for g in groups][:-1] == list(range(1, 21))


def test_values_are_rounded_to_the_measures_precision_with_exact_parts(client_for, bracknell):
    cohorts = make_cohorts(bracknell, COHORTS)
    build_submission(bracknell, "2018-Q1", [], cohorts)
    submission = bracknell.kpi_submissions.get()
    IndicatorValue.objects.create(
        authority=bracknell,
        quarter="2018-Q1",
        cohort="all",
        indicator=2,
        measure="cp_closed_mean_days",
        value=1001 / 3,
        numerator=1001,
        denominator=3,
        people=3,
        submission=submission,
        computed_at=timezone.now(),
    )
    (row,) = client_for("regional_analyst").get(URL).json()["results"]
    assert (row["value"], row["numerator"], row["denominator"]) == (333.7, 1001, 3)


def test_filters_select_quarters_cohorts_indicators(client, bracknell_values, surrey):
    assert client.get(URL, {"quarter": "2018-Q2"}).json()["count"] == 0
    assert client.get(URL, {"quarter_from": "2018-q1", "quarter_to": "2018-Q1"}).json()["count"]
    indicator_1 = client.get(URL, {"indicator": 1, "cohort": "all"}).json()
    assert {r["measure"] for r in indicator_1["results"]} == {
        "cp_plans_active",
        "cp_plans_at_fs_start",
        "cp_plans_after_fs_start",
        "children_with_cp_plan",
    }
    assert client.get(URL, {"la": "surrey"}).json()["count"] == 0


def test_a_badly_written_quarter_is_a_400_not_a_500(client, bracknell_values):
    response = client.get(URL, {"quarter": "spring"})
    assert response.status_code == 400


def test_csv_has_the_same_rows_as_json(client, bracknell_values):
    params = {"la": "bracknell-forest", "indicator": 7}
    rows = client.get(URL, {**params, "page_size": 1000}).json()["results"]
    response = client.get(URL, {**params, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(table) == len(rows)
    for json_row, csv_row in zip(rows, table, strict=True):
        assert csv_row["measure"] == json_row["measure"]
        assert csv_row["suppressed"] == ("true" if json_row["suppressed"] else "false")
        expected = "" if json_row["value"] is None else str(json_row["value"])
        assert csv_row["value"] == expected


def test_accept_header_selects_csv(client, bracknell_values):
    response = client.get(URL, {"la": "bracknell-forest"}, HTTP_ACCEPT="text/csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"la,la_name,la_gss_code,quarter,cohort,cohort_name")


def test_csv_neutralises_formulas_in_text_cells(client, bracknell_values):
    IndicatorValue.objects.filter(cohort="Cohort 1").update(cohort="=HYPERLINK(1)")
    response = client.get(URL, {"format": "csv"})
    assert b"'=HYPERLINK(1)" in response.content
    assert b",=HYPERLINK" not in response.content


def test_csv_export_is_written_to_the_access_log(client_for, bracknell_values, regional_analyst):
    from accounts.models import AccessLog

    client_for("regional_analyst").get(URL, {"format": "csv"})
    entry = AccessLog.objects.get(action="export")
    assert entry.user == regional_analyst
    assert "format=csv" in entry.target


def test_one_value_as_csv_is_an_export_too_and_json_is_not(client_for, bracknell_values):
    from accounts.models import AccessLog

    value = IndicatorValue.objects.filter(authority=bracknell_values).first()
    client = client_for("regional_analyst")
    assert client.get(f"{URL}{value.pk}/").status_code == 200
    assert not AccessLog.objects.filter(action="export").exists()
    response = client.get(f"{URL}{value.pk}/", {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    [entry] = AccessLog.objects.filter(action="export")
    assert entry.target == f"{URL}{value.pk}/?format=csv"


@pytest.mark.parametrize("scale", [1, 10])
def test_values_list_takes_constant_queries(
    client, bracknell, scale, django_assert_max_num_queries
):
    cohorts = make_cohorts(bracknell, COHORTS)
    rows = [row for case in CASES for row in case.rows]
    for n in range(scale):
        quarter = f"{2018 + n // 4}-Q{n % 4 + 1}"
        build_submission(bracknell, quarter, rows, cohorts)
        recompute_indicators(authority=bracknell, quarter=quarter)
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"page_size": 1000})
    assert response.status_code == 200


def test_indicator_definitions_list_their_measures(client, db):
    from kpi.services.toolkit import load_definitions

    load_definitions()
    response = client.get("/api/v1/kpi/indicators/")
    assert response.status_code == 200
    by_number = {item["number"]: item for item in response.json()}
    assert len(by_number) == 20
    assert {m["name"] for m in by_number[3]["measures"]} == {
        "cp_new_in_quarter",
        "cp_repeat_12m",
        "cp_repeat_24m",
    }
    assert {m["name"] for m in by_number[4]["measures"]} == {
        "care_proceedings",
        "care_proceedings_mean_weeks",
    }  # care proceedings: returned as figures


def test_an_error_is_json_even_when_csv_was_asked_for(client, db):
    response = client.get(URL, {"quarter": "spring", "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "is not a quarter" in response.json()["quarter"][0]


def test_a_percent_sign_in_a_bad_quarter_is_a_400_not_a_500(client):
    response = client.get(URL, {"quarter_from": "%Ã", "quarter": "20%s-Q1"})
    assert response.status_code == 400
    assert "is not a quarter" in str(response.json())


@pytest.mark.parametrize(
    ("persona", "sees_the_id"),
    [
        ("anonymous", False),
        ("member", False),
        ("editor_bracknell", False),
        ("analyst_surrey", False),
        ("regional_analyst", False),
        ("admin", False),
        ("analyst_bracknell", True),
    ],
)
def test_only_the_owning_analysts_learn_submission_ids(
    client_for, bracknell_values, persona, sees_the_id
):
    submission = IndicatorValue.objects.filter(authority=bracknell_values).first().submission_id
    client = client_for(persona)
    query = {"la": "bracknell-forest", "measure": "people", "cohort": "all"}

    (row,) = client.get(URL, query).json()["results"]
    body = client.get(URL, {**query, "format": "csv"}).content.decode()
    (csv_row,) = list(csv.DictReader(io.StringIO(body)))

    assert row["submission"] == (submission if sees_the_id else None)
    assert csv_row["submission"] == (str(submission) if sees_the_id else "")


def test_wide_csv_has_a_row_per_authority_quarter_and_cohort_and_a_column_per_measure(
    client, bracknell_values
):
    params = {"la": "bracknell-forest", "indicator": 7, "format": "csv"}
    long_rows = list(csv.DictReader(io.StringIO(client.get(URL, params).content.decode())))
    response = client.get(URL, {**params, "layout": "wide"})
    assert response.status_code == 200
    wide = list(csv.DictReader(io.StringIO(response.content.decode())))
    measures = [
        "sessions_possible",
        "sessions_unauthorised",
        "sessions_authorised",
        "pct_unauthorised",
        "pct_authorised",
        "persistently_absent",
    ]
    assert list(wide[0]) == [
        "la",
        "la_name",
        "la_gss_code",
        "quarter",
        "cohort",
        "cohort_name",
        "is_synthetic",
        *measures,
    ]
    # Two cohorts and all cohorts, in display order.
    assert [row["cohort"] for row in wide] == ["1", "2", "all"]
    for long_row in long_rows:
        (line,) = [row for row in wide if row["cohort"] == long_row["cohort"]]
        assert line[long_row["measure"]] == long_row["value"]
    assert len(long_rows) == len(wide) * len(measures)


def test_wide_layout_is_for_csv_only_and_an_unknown_layout_is_a_400(client, bracknell_values):
    assert client.get(URL, {"layout": "wide"}).status_code == 400
    response = client.get(URL, {"layout": "tall", "format": "csv"})
    assert response.status_code == 400
    assert "wide" in response.content.decode()


def test_group_filter_selects_the_named_group(client, bracknell_values):
    rows = client.get(URL, {"group": "police-and-cohort", "cohort": "all"}).json()["results"]
    assert {row["measure"] for row in rows} == {
        "victim_before",
        "offender_before",
        "victim_in_quarter",
        "offender_in_quarter",
        "people",
    }
    assert client.get(URL, {"indicator": 0}).status_code == 400

"""A value a filter does not know, and a parameter no filter knows, are errors that say
what is accepted (issue 23, Broken 2; docs/api.md, "Filters")."""

import html

import pytest

from kpi.services.values import recompute_indicators
from tests.factories import LocalAuthorityFactory, PracticeModelFactory
from tests.kpi.builders import build_submission, make_cohorts
from tests.kpi.indicator_cases import CASES, COHORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def values(bracknell):
    cohorts = make_cohorts(bracknell, COHORTS)
    rows = [row for case in CASES for row in case.rows]
    build_submission(bracknell, "2018-Q1", rows, cohorts)
    recompute_indicators(authority=bracknell, quarter="2018-Q1")
    return bracknell


@pytest.mark.parametrize(
    ("parameter", "given", "accepted"),
    [
        ("la", "bracknell", "bracknell-forest"),
        ("la", "Bracknell Forest", "bracknell-forest"),
        ("cohort", "cohort 1", "all"),
        ("cohort", "7", "all"),
        ("measure", "nonsense", "/api/v1/kpi/indicators/"),
    ],
)
def test_values_api_refuses_an_unknown_value_naming_what_is_accepted(
    client, values, parameter, given, accepted
):
    response = client.get("/api/v1/kpi/values/", {parameter: given})

    assert response.status_code == 400
    (message,) = response.json()[parameter]
    assert f"“{given}”" in message
    assert accepted in message


@pytest.mark.parametrize(
    ("url", "parameter", "given", "accepted"),
    [
        ("/api/v1/local-authorities/", "region", "Narnia", "South East"),
        ("/api/v1/local-authorities/", "model", "nope", "family-safeguarding"),
        ("/api/v1/adoptions/", "authority", "bracknell", "bracknell-forest"),
        ("/api/v1/adoptions/", "model", "fsm", "family-safeguarding"),
        ("/api/v1/adoptions/", "region", "Narnia", "South East"),
        ("/api/v1/kpi/submissions/", "la", "bracknell", "bracknell-forest"),
        ("/api/v1/evidence/findings/", "model", "fsm", "family-safeguarding"),
        ("/api/v1/evidence/evaluations/", "authority", "brack", "bracknell-forest"),
    ],
)
def test_every_api_list_refuses_an_unknown_value(
    client, analyst_bracknell, url, parameter, given, accepted
):
    PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    LocalAuthorityFactory(slug="surrey", name="Surrey", region="South East")
    client.force_login(analyst_bracknell)

    response = client.get(url, {parameter: given})

    assert response.status_code == 400
    (message,) = response.json()[parameter]
    assert accepted in message


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/local-authorities/",
        "/api/v1/practice-models/",
        "/api/v1/adoptions/",
        "/api/v1/evidence/findings/",
        "/api/v1/evidence/findings-csv/",
        "/api/v1/evidence/evaluations/",
        "/api/v1/kpi/values/",
        "/api/v1/kpi/indicators/",
        "/api/v1/kpi/submissions/",
    ],
)
def test_every_api_list_refuses_a_parameter_it_does_not_have(client, analyst_bracknell, url):
    client.force_login(analyst_bracknell)

    response = client.get(url, {"lla": "bracknell-forest"})

    assert response.status_code == 400
    (message,) = response.json()["lla"]
    assert "has no parameter lla" in message
    assert "format" in message


def test_adoptions_refuse_la_and_name_authority(client, bracknell):
    response = client.get("/api/v1/adoptions/", {"la": "bracknell-forest"})

    assert response.status_code == 400
    assert "authority" in response.json()["la"][0]


def test_pagination_and_format_are_not_unknown(client, values):
    response = client.get("/api/v1/kpi/values/", {"page": 1, "page_size": 5, "format": "json"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("url", "parameter", "given", "accepted"),
    [
        ("/authorities/", "region", "Narnia", "South East"),
        ("/authorities/", "model", "fsm", "family-safeguarding"),
        ("/models/", "kind", "bespoke-ish", "bespoke"),
        ("/themes/", "authority", "brack", "bracknell-forest"),
        ("/evidence/search/", "model", "fsm", "family-safeguarding"),
    ],
)
def test_filter_pages_show_a_field_error_with_status_400(
    client, bracknell, url, parameter, given, accepted
):
    PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")

    response = client.get(url, {parameter: given})

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "govuk-error-summary" in page
    assert f"“{given}” is not a value {parameter} accepts" in page
    assert accepted in page


def test_dashboard_refuses_an_unknown_cohort(client, values):
    response = client.get("/kpi/authorities/bracknell-forest/", {"cohort": "cohort 1"})

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "govuk-error-summary" in page
    assert "“cohort 1” is not a value cohort accepts" in page


def test_compare_page_refuses_an_unknown_measure(client, values):
    response = client.get("/kpi/compare/", {"measure": "nonsense"})

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "govuk-error-summary" in page
    assert "“nonsense” is not a value measure accepts" in page

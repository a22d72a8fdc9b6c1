"""Free-text query parameters have a length limit with a clear message (issue 17, item 4).

`/authorities/?q=` with more than 50,000 characters answered 503: SQLite refuses a LIKE
pattern that long. Every text filter of the portal's FilterSets (registry, evidence, KPI
values and submissions) takes at most QUERY_TEXT_MAX characters: a page shows a GOV.UK
error on the field, the API answers 400 naming the parameter.
"""

import html

import django_filters
import pytest

from evidence.filters import EvaluationFilter, FindingFilter
from kpi.api.views import SubmissionFilter
from kpi.filters import IndicatorValueFilter
from models_registry.filters import (
    QUERY_TEXT_MAX,
    AdoptionFilter,
    LocalAuthorityFilter,
    PracticeModelFilter,
    QueryTextFilter,
    ThemeFilter,
)

LONG = "x" * 60_000
JUST_TOO_LONG = "y" * (QUERY_TEXT_MAX + 1)

FILTERSETS = [
    PracticeModelFilter,
    LocalAuthorityFilter,
    AdoptionFilter,
    ThemeFilter,
    FindingFilter,
    EvaluationFilter,
    IndicatorValueFilter,
    SubmissionFilter,
]


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda f: f.__name__)
def test_every_text_filter_is_capped(filterset):
    for name, declared in filterset.base_filters.items():
        if type(declared) is django_filters.CharFilter:
            pytest.fail(f"{filterset.__name__}.{name} is an uncapped CharFilter")
        if isinstance(declared, django_filters.CharFilter):
            assert declared.extra.get("max_length", QUERY_TEXT_MAX) <= QUERY_TEXT_MAX, name
            assert isinstance(declared, QueryTextFilter) or name.startswith("quarter"), name


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/authorities/", "q"),
        ("/models/", "q"),
        ("/evidence/search/", "q"),
    ],
)
@pytest.mark.parametrize("text", [LONG, JUST_TOO_LONG])
def test_pages_show_a_govuk_error_on_a_text_too_long(client, region, url, parameter, text):
    response = client.get(url, {parameter: text})

    assert response.status_code == 400  # a filter page with a field error (issue 23)
    page = html.unescape(response.content.decode())
    assert "govuk-error-summary" in page
    assert "govuk-form-group--error" in page or "govuk-error-message" in page
    assert f"Enter {QUERY_TEXT_MAX} characters or fewer (this has {len(text)})" in page


def test_a_text_at_the_limit_is_searched(client, region):
    response = client.get("/authorities/", {"q": "z" * QUERY_TEXT_MAX})

    assert response.status_code == 200
    assert "govuk-error-summary" not in response.content.decode()


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/local-authorities/", "q"),
        ("/api/v1/practice-models/", "q"),
        ("/api/v1/adoptions/", "authority"),
        ("/api/v1/adoptions/", "model"),
        ("/api/v1/adoptions/", "region"),
        ("/api/v1/evidence/findings/", "q"),
        ("/api/v1/evidence/findings-csv/", "q"),
        ("/api/v1/kpi/values/", "la"),
        ("/api/v1/kpi/values/", "cohort"),
        ("/api/v1/kpi/values/", "measure"),
        ("/api/v1/kpi/values/", "quarter"),
    ],
)
def test_the_api_answers_400_naming_a_parameter_too_long(client, region, url, parameter):
    response = client.get(url, {parameter: LONG})

    assert response.status_code == 400
    assert parameter in response.json()


def test_the_submissions_api_caps_the_authority(client_for, bracknell, analyst_bracknell):
    response = client_for("analyst_bracknell").get("/api/v1/kpi/submissions/", {"la": LONG})

    assert response.status_code == 400
    assert "la" in response.json()

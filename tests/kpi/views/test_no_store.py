"""`Cache-Control: no-store, private` on every record-level response: the submission pages,
report, CSV and API, found by walking the URL configuration (a new submission URL is
covered without being listed here)."""

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse

from tests.kpi.conftest import file_bytes

RECORD_LEVEL_NAMESPACES = {"kpi": "submission", "kpi-api": "submission"}


def record_level_url_names() -> list[str]:
    """Every named URL of the submission pages and API, read from the URL configuration."""
    names = set()
    for namespace, prefix in RECORD_LEVEL_NAMESPACES.items():
        _, resolver = get_resolver().namespace_dict[namespace]
        names |= {
            f"{namespace}:{name}"
            for name in resolver.reverse_dict
            if isinstance(name, str) and name.startswith(prefix)
        }
    return sorted(names)


def test_the_walk_finds_every_submission_url():
    names = record_level_url_names()
    for expected in [
        "kpi:submission-list",
        "kpi:submission-upload",
        "kpi:submission-detail",
        "kpi:submission-report",
        "kpi:submission-report-csv",
        "kpi:submission-withdraw",
        "kpi:submission-withdrawn",
        "kpi-api:submission-list",
        "kpi-api:submission-detail",
        "kpi-api:submission-withdraw",
    ]:
        assert expected in names


def url_for(name: str, pk: int) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # the pattern needs the submission's id
        return reverse(name, args=[pk])


def assert_no_store(response, url):
    cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= cache_control, (url, response.status_code, cache_control)


@pytest.mark.parametrize("name", record_level_url_names())
def test_every_record_level_response_is_no_store(client_for, upload, name):
    rejected = upload("rule_age_out_of_range.csv").submission
    upload("valid_small.csv")
    client = client_for("analyst_bracknell")
    url = url_for(name, rejected.pk)

    response = client.post(url, {}) if name.endswith("-withdraw") else client.get(url)

    assert response.status_code < 500
    assert_no_store(response, url)


@pytest.mark.parametrize("persona", ["analyst_surrey", "member"])
def test_refusals_of_record_level_urls_are_no_store_too(client_for, upload, persona):
    submission = upload(file_bytes("valid_small.csv")).submission
    client = client_for(persona)

    for url in (
        reverse("kpi:submission-detail", args=[submission.pk]),
        f"/api/v1/kpi/submissions/{submission.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert_no_store(response, url)


def test_public_pages_stay_cacheable(client, db):
    response = client.get(reverse("kpi:definitions"))

    assert "no-store" not in response.get("Cache-Control", "")


@pytest.fixture
def aggregate_return(fs_bracknell, analyst_bracknell):
    from kpi.returns.figures import Figure
    from kpi.returns.services import submit_aggregates

    report = submit_aggregates(
        authority=fs_bracknell,
        quarter="2018-Q1",
        figures=[Figure(measure="care_proceedings", value=3)],
        user=analyst_bracknell,
        source="form",
    )
    return report.aggregate_return


@pytest.mark.parametrize("persona", ["analyst_bracknell", "regional_analyst", "admin"])
def test_aggregate_return_pages_with_unsuppressed_figures_are_no_store(
    client_for, aggregate_return, persona
):
    """A returned figure of 3 is suppressed for the public; the return's pages show it as
    given, so no browser or proxy keeps them."""
    client = client_for(persona)
    for url in (
        reverse("kpi:return-list"),
        reverse("kpi:return-detail", args=[aggregate_return.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_store(response, url)


def test_the_return_forms_are_no_store(client_for, fs_bracknell):
    client = client_for("analyst_bracknell")
    for url in (reverse("kpi:return-form"), reverse("kpi:return-upload")):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_store(response, url)

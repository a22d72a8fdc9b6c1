"""The anonymous response cache (seslip/response_cache.py): what it serves, to whom, and
how a change to the data reaches every visitor."""

import threading

import pytest
from django.db import connections, transaction
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import AccessLog
from kpi.services.values import recompute_indicators
from seslip.models import DataVersion
from seslip.response_cache import HEADER
from tests.factories import PracticeModelFactory
from tests.kpi.builders import build_submission, make_cohorts
from tests.kpi.indicator_cases import CASES, COHORTS

pytestmark = pytest.mark.django_db


def stored_version() -> int:
    # A transactional test's flush removes the row; the next change creates it again.
    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


@pytest.fixture
def model():
    return PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")


def test_second_anonymous_request_is_served_from_the_cache_with_one_query(
    client, model, django_assert_num_queries
):
    first = client.get("/models/family-safeguarding/")
    assert first[HEADER] == "miss"
    with django_assert_num_queries(1):  # the data version
        second = client.get("/models/family-safeguarding/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_saved_change_is_shown_at_once(client, model):
    client.get("/models/family-safeguarding/")
    model.name = "Family Safeguarding (renamed)"
    model.save()
    response = client.get("/models/family-safeguarding/")
    assert response[HEADER] == "miss"
    assert "Family Safeguarding (renamed)" in response.content.decode()


def test_a_deleted_row_disappears_at_once(client, model):
    other = PracticeModelFactory(slug="signs-of-safety", name="Signs of Safety")
    assert "Signs of Safety" in client.get("/models/").content.decode()
    other.delete()
    assert "Signs of Safety" not in client.get("/models/").content.decode()


def test_query_string_and_accept_header_are_part_of_the_key(client, model):
    # The API answers JSON or, where a list offers it, CSV (the browsable API is off).
    client.get("/api/v1/kpi/values/")
    as_csv = client.get("/api/v1/kpi/values/", HTTP_ACCEPT="text/csv")
    assert as_csv.get(HEADER) != "hit"
    assert as_csv["Content-Type"].startswith("text/csv")
    assert client.get("/api/v1/practice-models/?page=1")[HEADER] == "miss"


def test_signed_in_users_are_never_served_or_stored(client_for, model):
    client = client_for("anonymous")
    client.get("/models/family-safeguarding/")
    client = client_for("analyst_bracknell")
    response = client.get("/models/family-safeguarding/")
    assert HEADER not in response
    assert "Sign out" in response.content.decode()


def test_token_requests_are_never_served_from_the_cache(client, analyst_bracknell, model):
    from accounts.services import create_api_token

    token = create_api_token(user=analyst_bracknell).key
    client.get("/api/v1/practice-models/")
    response = client.get("/api/v1/practice-models/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert HEADER not in response


def test_analyst_sees_unsuppressed_values_after_an_anonymous_visit(client_for, bracknell):
    cohorts = make_cohorts(bracknell, COHORTS)
    build_submission(bracknell, "2018-Q1", [r for case in CASES for r in case.rows], cohorts)
    recompute_indicators(authority=bracknell, quarter="2018-Q1")
    url = "/api/v1/kpi/values/?la=bracknell-forest&page_size=1000"
    anonymous = client_for("anonymous").get(url).json()["results"]
    assert any(row["suppressed"] for row in anonymous)
    client_for("anonymous").get(url)
    analyst = client_for("analyst_bracknell").get(url).json()["results"]
    assert not any(row["suppressed"] for row in analyst)


def test_pages_with_a_csrf_token_are_not_stored(client, settings):
    settings.RESPONSE_CACHE = {**settings.RESPONSE_CACHE, "EXCLUDED_PATHS": []}
    client.get("/accounts/sign-in/")
    response = client.get("/accounts/sign-in/")
    assert response.status_code == 200
    assert HEADER not in response
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_logged_exports_are_logged_every_time_and_never_cached(client, bracknell):
    url = "/api/v1/kpi/values/?format=csv"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert HEADER not in response
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 2


def test_errors_are_not_stored(client):
    client.get("/models/no-such-model/")
    response = client.get("/models/no-such-model/")
    assert response.status_code == 404
    assert HEADER not in response


def test_cached_api_answers_still_count_against_the_anonymous_throttle(client, model, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "3/min"})
    statuses = [client.get("/api/v1/practice-models/").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.django_db(transaction=True)
def test_a_commit_moves_the_shared_data_version_once():
    before = stored_version()
    with transaction.atomic():
        PracticeModelFactory(slug="a")
        PracticeModelFactory(slug="b")
        assert stored_version() == before  # not until commit
    assert stored_version() == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_the_data_version(client):
    before = stored_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        PracticeModelFactory(slug="a")
        raise RuntimeError
    assert stored_version() == before


@pytest.mark.django_db(transaction=True)
def test_another_process_sees_a_committed_change(client):
    """A cached page is unreachable once the stored number moves, whichever process
    made the change: simulate the other process by moving the number directly."""
    PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    client.get("/models/family-safeguarding/")
    assert client.get("/models/family-safeguarding/")[HEADER] == "hit"
    DataVersion.objects.filter(pk=1).update(number=12345)
    assert client.get("/models/family-safeguarding/")[HEADER] == "miss"


@pytest.mark.postgres_only  # another connection reading while this one writes
@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_during_a_change_is_not_served_after_its_commit(client, settings):
    """Another request thread renders the committed (old) data while this process's
    change is in flight; once the change commits, that copy must not be served, even
    before the process re-reads the stored version."""
    settings.RESPONSE_CACHE = {**settings.RESPONSE_CACHE, "VERSION_CHECK_SECONDS": 60}
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    url = "/models/family-safeguarding/"

    seen = []

    def other_request():
        try:
            seen.append(client.get(url).content.decode())
        finally:
            connections.close_all()

    with transaction.atomic():
        model.name = "Family Safeguarding (renamed)"
        model.save()
        other = threading.Thread(target=other_request)
        other.start()
        other.join()
    assert "(renamed)" not in seen[0]  # the old data, rendered and stored meanwhile
    assert "(renamed)" in client.get(url).content.decode()


def test_between_version_checks_a_hit_needs_no_query_and_own_changes_still_show(
    client, settings, model, django_assert_num_queries
):
    settings.RESPONSE_CACHE = {**settings.RESPONSE_CACHE, "VERSION_CHECK_SECONDS": 60}
    client.get("/models/family-safeguarding/")
    with django_assert_num_queries(0):
        assert client.get("/models/family-safeguarding/")[HEADER] == "hit"
    model.name = "Family Safeguarding (renamed)"
    model.save()
    assert "(renamed)" in client.get("/models/family-safeguarding/").content.decode()

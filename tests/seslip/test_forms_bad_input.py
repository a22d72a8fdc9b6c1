"""Every form the portal accepts, fed bad input: a clear 4xx or a re-shown form with an
error, never a 500, and nothing stored (issue: fuzzing and bad input)."""

import pytest
from django.test import Client

from accounts.models import AccessLog, User
from kpi.models import AggregateReturn, Submission

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def stored() -> tuple[int, ...]:
    return (
        Submission.objects.count(),
        AggregateReturn.objects.count(),
        User.objects.count(),
        AccessLog.objects.exclude(action="view_records").count(),
    )


@pytest.fixture
def analyst_client(analyst_bracknell):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst_bracknell)
    return client


POST_FORMS = [
    "/accounts/sign-in/",
    "/accounts/password-reset/",
    "/kpi/submissions/upload/",
    "/kpi/returns/new/",
    "/kpi/returns/upload/",
]


@pytest.mark.parametrize("url", POST_FORMS)
def test_missing_csrf_token_is_refused(analyst_client, url):
    before = stored()
    response = analyst_client.post(url, {"quarter": "2018-Q1", "username": "a@b.c"})
    assert response.status_code == 403
    assert stored() == before


@pytest.mark.parametrize("url", POST_FORMS)
def test_html_payloads_are_shown_back_inert(client_for, analyst_bracknell, url):
    client = client_for("analyst_bracknell")
    before = stored()
    response = client.post(
        url,
        {
            "username": SCRIPT,
            "password": SCRIPT,
            "email": SCRIPT,
            "quarter": SCRIPT,
            "authority": SCRIPT,
            "care_proceedings": SCRIPT,
        },
    )
    # 302: the sign-in page sends a signed-in user on; nothing is stored either way.
    assert response.status_code in (200, 302, 400)
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "onerror=alert" not in body or "&lt;img" in body
    assert stored() == before


@pytest.mark.parametrize("url", POST_FORMS)
def test_oversized_input_is_refused_or_rejected(client_for, analyst_bracknell, url):
    client = client_for("analyst_bracknell")
    before = stored()
    response = client.post(url, {"quarter": "Q" * 3_000_000, "username": "x" * 3_000_000})
    assert 400 <= response.status_code < 500 or response.status_code == 200
    assert response.status_code != 500
    assert stored() == before


@pytest.mark.parametrize("url", POST_FORMS)
def test_bytes_that_are_not_utf8_are_handled(client_for, analyst_bracknell, url):
    client = client_for("analyst_bracknell")
    before = stored()
    response = client.post(
        url,
        data=b"quarter=%FF%FE%FD&username=%C3%28&care_proceedings=%80",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code < 500
    assert stored() == before


@pytest.mark.parametrize(
    "url",
    [
        "/models/?q=%00",
        "/evidence/search/?q=%00care",
        "/authorities/?model=%00",
        "/api/v1/practice-models/?kind=%00",
    ],
)
def test_nul_characters_are_a_400(client, url):
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/models/?kind=" + "x" * 5000,
        "/evidence/search/?q=" + "care " * 2000,
        "/compare/?models=" + "&models=".join(["x"] * 50),
        "/authorities/?sort=%27;DROP%20TABLE",
        "/kpi/compare/?measure=%3Cscript%3E",
    ],
)
def test_hostile_query_strings_never_fail(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400)
    assert b"<script>" not in response.content.split(b"<main")[-1]

"""API tokens: analysts and regional staff authenticate with one; each use is logged."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

from accounts import services
from accounts.models import AccessLog

pytestmark = pytest.mark.django_db

ENDPOINT = "/api/schema/"


def test_every_token_use_is_written_to_the_access_log(client, analyst_bracknell):
    token = services.create_api_token(user=analyst_bracknell)
    for _ in range(2):
        response = client.get(
            ENDPOINT,
            HTTP_AUTHORIZATION=f"Token {token.key}",
            REMOTE_ADDR="198.51.100.4",
            HTTP_USER_AGENT="analyst-script/1.0",
        )
        assert response.status_code == 200
    entries = AccessLog.objects.filter(action=AccessLog.Action.TOKEN_USE)
    assert entries.count() == 2
    entry = entries.first()
    assert entry.user == analyst_bracknell
    assert entry.target == f"GET {ENDPOINT}"
    assert entry.ip_address == "198.51.100.4"
    assert entry.user_agent == "analyst-script/1.0"


def test_a_wrong_token_is_refused_and_not_logged_as_use(client):
    response = client.get(ENDPOINT, HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not AccessLog.objects.exists()


def test_token_of_someone_moved_to_a_role_without_api_access_stops_working(
    client, analyst_bracknell
):
    token = services.create_api_token(user=analyst_bracknell)
    analyst_bracknell.role = "member"
    analyst_bracknell.save()
    response = client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 401
    assert not AccessLog.objects.exists()


def test_token_of_a_deactivated_account_stops_working(client, regional_analyst):
    token = services.create_api_token(user=regional_analyst)
    regional_analyst.is_active = False
    regional_analyst.save()
    assert client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 401


def test_session_requests_are_not_logged_as_token_use(client_for):
    client_for("analyst_bracknell").get(ENDPOINT)
    assert not AccessLog.objects.exists()


def test_regional_admin_creates_a_token_in_admin_and_sees_it_once(client_for, analyst_surrey):
    client = client_for("admin")
    response = client.post(
        "/admin/authtoken/tokenproxy/add/", {"user": analyst_surrey.pk}, follow=True
    )
    assert response.status_code == 200
    token = Token.objects.get(user=analyst_surrey)
    assert token.key in response.content.decode()
    listing = client.get("/admin/authtoken/tokenproxy/").content.decode()
    assert token.key not in listing


def test_admin_token_form_offers_only_roles_with_api_access(client_for, member, analyst_surrey):
    body = client_for("admin").get("/admin/authtoken/tokenproxy/add/").content.decode()
    assert analyst_surrey.email in body
    assert member.email not in body


def test_api_is_throttled_per_user(client, monkeypatch, analyst_bracknell):
    # DRF reads the rates once, at import; the real ones are in settings.REST_FRAMEWORK.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"}
    )
    token = services.create_api_token(user=analyst_bracknell)
    statuses = [
        client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {token.key}").status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    anonymous = [client.get(ENDPOINT, REMOTE_ADDR="192.0.2.77").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]

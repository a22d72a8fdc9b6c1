"""API tokens: stored hashed, shown once to their owner, used with every use logged
(issue 16, finding 2; docs/adr/0006-hashed-api-tokens.md)."""

import hashlib

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from accounts import services
from accounts.models import AccessLog, ApiToken
from tests.accounts.test_admin_record_level import admin_urls
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

ENDPOINT = "/api/schema/"
ACCOUNT = "/accounts/"
CREATE = "/accounts/api-token/"
REVOKE = "/accounts/api-token/revoke/"


def key_on_page(body: str) -> str:
    start = body.index('id="api-token-key">') + len('id="api-token-key">')
    return body[start : body.index("<", start)]


# --- Stored hashed --------------------------------------------------------------------


def test_the_database_holds_a_digest_of_the_key_never_the_key(analyst_bracknell):
    issued = services.create_api_token(user=analyst_bracknell)
    token = ApiToken.objects.get(user=analyst_bracknell)
    assert token.digest == hashlib.sha512(issued.key.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert issued.key not in stored
    assert len(issued.key) == 64


def test_a_new_token_replaces_the_old_one(client, analyst_bracknell):
    old = services.create_api_token(user=analyst_bracknell)
    new = services.create_api_token(user=analyst_bracknell)
    assert ApiToken.objects.filter(user=analyst_bracknell).count() == 1
    assert client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {old.key}").status_code == 401
    assert client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {new.key}").status_code == 200


@pytest.mark.parametrize("persona", ["member"])
def test_roles_without_api_access_get_no_token(request, persona):
    with pytest.raises(ValidationError):
        services.create_api_token(user=request.getfixturevalue(persona))
    assert not ApiToken.objects.exists()


# --- Used, and every use logged -------------------------------------------------------


def test_every_token_use_is_written_to_the_access_log(client, analyst_bracknell):
    key = services.create_api_token(user=analyst_bracknell).key
    for _ in range(2):
        response = client.get(
            ENDPOINT,
            HTTP_AUTHORIZATION=f"Token {key}",
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


def test_a_use_moves_the_tokens_last_used(client, analyst_bracknell):
    key = services.create_api_token(user=analyst_bracknell).key
    assert ApiToken.objects.get().last_used is None
    client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {key}")
    assert ApiToken.objects.get().last_used is not None


@pytest.mark.parametrize(
    "header",
    [
        "Token not-a-real-token",
        "Token 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "Token",
        "Token two parts",
        "Token \xe9\xe9\xe9",
    ],
    ids=["short", "unknown", "no-key", "spaces", "not-utf-8"],
)
def test_a_wrong_token_is_refused_and_not_logged_as_use(client, analyst_bracknell, header):
    services.create_api_token(user=analyst_bracknell)
    response = client.get(ENDPOINT, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not AccessLog.objects.exists()


def test_token_of_someone_moved_to_a_role_without_api_access_stops_working(
    client, analyst_bracknell
):
    key = services.create_api_token(user=analyst_bracknell).key
    analyst_bracknell.role = "member"
    analyst_bracknell.save()
    response = client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401
    assert not AccessLog.objects.exists()


def test_token_of_a_deactivated_account_stops_working(client, regional_analyst):
    key = services.create_api_token(user=regional_analyst).key
    regional_analyst.is_active = False
    regional_analyst.save()
    assert client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_an_expired_token_stops_working(client, analyst_bracknell):
    key = services.create_api_token(user=analyst_bracknell).key
    ApiToken.objects.update(expiry="2020-01-01T00:00:00Z")
    assert client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_session_requests_are_not_logged_as_token_use(client_for):
    client_for("analyst_bracknell").get(ENDPOINT)
    assert not AccessLog.objects.exists()


def test_api_is_throttled_per_user(client, monkeypatch, analyst_bracknell):
    # DRF reads the rates once, at import; the real ones are in settings.REST_FRAMEWORK.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"}
    )
    key = services.create_api_token(user=analyst_bracknell).key
    statuses = [
        client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {key}").status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    anonymous = [client.get(ENDPOINT, REMOTE_ADDR="192.0.2.77").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]


# --- Created and revoked by their owner on the account page ----------------------------


def test_an_analyst_creates_their_token_and_sees_the_key_once(client_for, analyst_bracknell):
    client = client_for("analyst_bracknell")
    assert "Create an API token" in client.get(ACCOUNT).content.decode()
    response = client.post(CREATE)
    assert response.status_code == 200
    body = response.content.decode()
    key = key_on_page(body)
    assert "It will not be shown again" in body
    assert "no-store" in response["Cache-Control"]
    assert client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    later = client_for("analyst_bracknell").get(ACCOUNT).content.decode()
    assert key not in later
    assert key[:15] not in later
    assert "Revoke your token" in later


def test_the_key_is_never_kept_in_the_session_or_a_message(client_for):
    client = client_for("analyst_bracknell")
    key = key_on_page(client.post(CREATE).content.decode())
    assert key not in str(dict(client.session))
    assert key not in str(client.cookies)


def test_an_analyst_revokes_their_own_token(client_for, analyst_bracknell):
    client = client_for("analyst_bracknell")
    key = key_on_page(client.post(CREATE).content.decode())
    response = client.post(REVOKE, follow=True)
    assert "Your API token is revoked" in response.content.decode()
    assert not ApiToken.objects.filter(user=analyst_bracknell).exists()
    assert client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_revoking_touches_only_your_own_token(client_for, analyst_surrey):
    services.create_api_token(user=analyst_surrey)
    client_for("analyst_bracknell").post(REVOKE)
    assert ApiToken.objects.filter(user=analyst_surrey).exists()


def test_token_pages_take_no_get_and_need_a_csrf_token(client_for, analyst_bracknell):
    client = client_for("analyst_bracknell")
    assert client.get(CREATE).status_code == 405
    assert client.get(REVOKE).status_code == 405
    client.handler.enforce_csrf_checks = True
    assert client.post(CREATE).status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_create_a_token_on_their_account_page(client_for, persona):
    response = client_for(persona).post(CREATE)
    may = persona in (
        "analyst_bracknell",
        "analyst_surrey",
        "editor_bracknell",
        "regional_analyst",
        "admin",
    )
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if may else 403)
    assert ApiToken.objects.exists() is may


def test_a_token_made_before_hashing_asks_its_owner_to_replace_it(client_for, analyst_bracknell):
    services.create_api_token(user=analyst_bracknell)
    ApiToken.objects.update(issued_before_hashing=True)
    body = client_for("analyst_bracknell").get(ACCOUNT).content.decode()
    assert "someone else may have seen it" in body


# --- Admins see tokens exist and revoke them; never a key -----------------------------


@pytest.mark.parametrize("persona", ["admin_user"])
def test_no_admin_page_shows_a_key_or_its_digest(client, request, analyst_bracknell, persona):
    key = services.create_api_token(user=analyst_bracknell).key
    token = ApiToken.objects.get()
    client.force_login(request.getfixturevalue(persona))
    client.get("/admin/")
    found = []
    for model_admin in admin.site._registry.values():
        for url in admin_urls(model_admin):
            body = client.get(url).content.decode()
            if key[:15] in body or token.digest in body:
                found.append(url)
    assert found == []


def test_admin_lists_owner_creation_and_last_use_and_cannot_add(client_for, analyst_surrey):
    services.create_api_token(user=analyst_surrey)
    client = client_for("admin_user")
    listing = client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    assert analyst_surrey.email in listing
    assert "Last used" in listing
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_admin_revokes_a_token_and_the_revoke_is_logged(
    client_for, admin_user, analyst_surrey, surrey
):
    key = services.create_api_token(user=analyst_surrey).key
    token = ApiToken.objects.get()
    response = client_for("admin_user").post(
        reverse("admin:accounts_apitoken_delete", args=[token.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    assert (
        client_for("anonymous").get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    )
    entry = AccessLog.objects.get(action=AccessLog.Action.ADMIN_DELETE)
    assert entry.user == admin_user
    assert analyst_surrey.email in entry.target


# --- The plaintext tokens of before are moved to digests, and their table dropped ------

LEGACY_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"  # DRF's format: 40 hex digits


@pytest.mark.django_db(transaction=True)
def test_migration_replaces_plaintext_tokens_with_digests_that_still_work(client):
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from tests.factories import UserFactory

    call_command("migrate", "accounts", "0006", verbosity=0)
    try:
        analyst = UserFactory(email="legacy@example.org", role="regional_analyst")
        with connection.cursor() as cursor:
            cursor.execute(
                'CREATE TABLE authtoken_token ("key" varchar(40) PRIMARY KEY, '
                "created timestamp NOT NULL, user_id bigint NOT NULL UNIQUE)"
            )
            cursor.execute(
                "INSERT INTO authtoken_token VALUES (%s, %s, %s)",
                [LEGACY_KEY, "2025-03-04 05:06:07", analyst.pk],
            )
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) "
                "VALUES ('authtoken', '0001_initial', '2025-01-01 00:00:00')"
            )
        # DRF's token named itself by its key, so "Recent actions" showed it.
        LogEntry.objects.create(
            user=analyst,
            content_type=ContentType.objects.create(app_label="authtoken", model="tokenproxy"),
            object_id=LEGACY_KEY,
            object_repr=LEGACY_KEY,
            action_flag=ADDITION,
        )
    finally:
        call_command("migrate", "accounts", verbosity=0)
    assert "authtoken_token" not in connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'authtoken'")
        assert cursor.fetchone()[0] == 0
    token = ApiToken.objects.get(user__email="legacy@example.org")
    assert token.digest == hashlib.sha512(LEGACY_KEY.encode()).hexdigest()
    assert token.issued_before_hashing
    assert (token.created.year, token.created.month, token.created.day) == (2025, 3, 4)
    assert client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Token {LEGACY_KEY}").status_code == 200
    entry = LogEntry.objects.get(content_type__app_label="authtoken")
    assert LEGACY_KEY not in f"{entry.object_id} {entry.object_repr}"


def test_the_api_page_says_how_to_get_a_token_yourself(client):
    body = client.get("/api/").content.decode()
    assert 'href="/accounts/#api-token"' in body
    assert "Create an API token" in body
    assert "shown once" in body
    assert "Ask a regional admin" not in body
    assert "create_api_token" not in body

"""Sign in by email, sign out by POST, and lockout after repeated failures (django-axes)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from tests.conftest import PERSONA_PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"


def sign_in(client, email, password, **extra):
    return client.post(SIGN_IN, {"username": email, "password": password}, **extra)


def test_sign_in_page_uses_gov_uk_form_patterns(client):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in body
    assert 'type="email"' in body
    assert 'autocomplete="email"' in body
    assert 'type="password"' in body
    assert "csrfmiddlewaretoken" in body


def test_member_signs_in_by_email_whatever_its_case(client, member):
    response = sign_in(client, "Member@Example.org", PERSONA_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL
    assert client.get("/accounts/").context["user"] == member


def test_sign_in_goes_back_to_next_on_this_site_only(client, member):
    response = client.post(
        SIGN_IN, {"username": member.email, "password": PERSONA_PASSWORD, "next": "/evidence/"}
    )
    assert response["Location"] == "/evidence/"
    client.logout()
    response = client.post(
        SIGN_IN,
        {"username": member.email, "password": PERSONA_PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == settings.LOGIN_REDIRECT_URL


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(client, member):
    response = sign_in(client, member.email, "not the password")
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "There is a problem" in body
    assert "Enter a correct email address and password" in body
    assert f'value="{member.email}"' in body
    assert "not the password" not in body
    assert "<title>Error: Sign in" in body


def test_empty_form_links_each_error_to_its_field(client):
    body = client.post(SIGN_IN, {}).content.decode()
    assert 'href="#id_username"' in body
    assert "Enter your email address" in body
    assert 'href="#id_password"' in body
    assert "Enter your password" in body


def test_error_summary_escapes_what_was_typed(client):
    body = sign_in(client, '"><script>alert(1)</script>', "x").content.decode()
    assert "<script>alert(1)</script>" not in body


def test_lockout_after_the_failure_limit_shows_the_locked_out_page(client, member):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert sign_in(client, member.email, "wrong password").status_code == 200
    response = sign_in(client, member.email, "wrong password")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Signing in is paused" in body
    assert "for 30 minutes" in body
    # Even the right password is refused while the lockout lasts.
    response = sign_in(client, member.email, PERSONA_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username=member.email).exists()


def test_lockout_counts_the_email_whatever_its_case(client, member):
    for index in range(settings.AXES_FAILURE_LIMIT):
        email = member.email.upper() if index % 2 else member.email
        response = sign_in(client, email, "wrong password")
    assert response.status_code == 429


def test_lockout_is_per_email_and_address_so_colleagues_elsewhere_can_sign_in(client, member):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, member.email, "wrong password", REMOTE_ADDR="203.0.113.9")
    response = sign_in(client, member.email, PERSONA_PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client, member):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, member.email, "wrong password")
    assert sign_in(client, member.email, PERSONA_PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, member.email, "wrong password").status_code == 200


def test_admin_site_login_is_locked_out_too(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/admin/login/", {"username": admin_user.email, "password": "wrong password"}
        )
    assert response.status_code == 429


def test_sign_out_asks_on_get_and_signs_out_on_post(client_for):
    client = client_for("member")
    response = client.get("/accounts/sign-out/")
    assert response.status_code == 200
    assert "_auth_user_id" in client.session
    assert 'method="post"' in response.content.decode()
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_the_csrf_token(client, member):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_header_offers_sign_in_or_sign_out(client_for):
    body = client_for("anonymous").get(SIGN_IN).content.decode()
    assert 'href="/accounts/sign-in/"' in body
    body = client_for("member").get("/accounts/").content.decode()
    assert 'href="/accounts/sign-out/"' in body
    assert "Signed in as" in body


def test_session_cookie_is_secure_http_only_and_same_site(client, member):
    response = sign_in(client, member.email, PERSONA_PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_the_superuser_can_lift_a_lockout_in_the_admin_site(client, client_for, member):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, member.email, "wrong password")
    attempt = AccessAttempt.objects.get(username=member.email)
    admin_client = client_for("admin_user")
    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(admin_client.__class__(), member.email, PERSONA_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(30, "30 minutes"), (60, "1 hour"), (90, "1 hour 30 minutes"), (1, "1 minute")],
)
def test_lockout_duration_in_words(minutes, words):
    import datetime

    from accounts.templatetags.durations import in_words

    assert in_words(datetime.timedelta(minutes=minutes)) == words


def test_an_email_changed_in_capitals_still_signs_in(client, member):
    member.email = "Renamed.Member@Example.org"
    member.save()
    assert member.email == "renamed.member@example.org"
    assert sign_in(client, "renamed.member@example.org", PERSONA_PASSWORD).status_code == 302


@pytest.mark.parametrize("path", [SIGN_IN, "/admin/login/"])
def test_a_name_that_lower_cases_longer_than_an_email_is_recorded_within_axes_limit(client, path):
    """ "İ" lower-cases to two characters, so 200 of them (which the admin's sign-in form
    accepts) became a 400-character name: more than django-axes' 255-character column, a
    500 on PostgreSQL. The name an attempt is recorded under is at most 254 characters,
    the longest an email address can be."""
    response = client.post(path, {"username": "İ" * 200, "password": "wrong password"})

    assert response.status_code == 200
    recorded = list(AccessAttempt.objects.values_list("username", flat=True))
    assert all(len(name) <= 254 for name in recorded), [len(name) for name in recorded]

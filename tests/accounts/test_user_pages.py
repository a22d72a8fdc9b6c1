"""The regional admins' users pages (issue 22: nothing the regional team needs requires the
admin site): the list, inviting someone and changing a role through check your answers,
closing and reopening, revoking a token, lifting lockouts, the role grants; and the rules
they share with the admin site (accounts.user_management)."""

import importlib

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.core import mail

from accounts.models import AccessLog, ApiToken, Role, RoleGrant, User
from accounts.services import create_api_token
from tests.factories import LocalAuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin):
    return client_for("admin")


def test_the_list_filters_by_role_authority_and_name(admin_client, analyst_bracknell, member):
    UserFactory(email="cora.editor@example.org", first_name="Cora", role="member")
    response = admin_client.get("/accounts/users/", {"role": "authority_analyst"})
    assert response.status_code == 200
    assert analyst_bracknell.email in response.content.decode()
    assert member.email not in response.content.decode()
    response = admin_client.get("/accounts/users/", {"authority": "bracknell-forest"})
    assert analyst_bracknell.email in response.content.decode()
    assert member.email not in response.content.decode()
    response = admin_client.get("/accounts/users/", {"q": "cora"})
    assert "cora.editor@example.org" in response.content.decode()
    assert member.email not in response.content.decode()


def test_an_unknown_filter_value_is_an_error_not_a_crash(admin_client):
    response = admin_client.get("/accounts/users/", {"role": "superhero", "page": "x"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_the_list_takes_the_same_queries_however_many_users(
    admin_client, django_assert_max_num_queries
):
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get("/accounts/users/").status_code == 200
        return len(captured)

    authority = LocalAuthorityFactory()
    UserFactory(role="authority_editor", authority=authority)
    few = queries()
    for _ in range(15):
        UserFactory(role="authority_editor", authority=LocalAuthorityFactory())
    with django_assert_max_num_queries(few):
        admin_client.get("/accounts/users/")


def invite(client, **answers):
    data = {
        "email": "New.Analyst@Bracknell-Forest.example.org",
        "first_name": "Nia",
        "last_name": "Analyst",
        "role": "authority_analyst",
        "authority": "bracknell-forest",
        **answers,
    }
    return client.post("/accounts/users/invite/", data)


def test_inviting_goes_through_check_your_answers_and_emails_the_person(admin_client, bracknell):
    response = invite(admin_client)
    assert response.status_code == 302 and response["Location"] == "/accounts/users/invite/check/"
    assert not User.objects.filter(email__startswith="new.analyst").exists()
    check = admin_client.get("/accounts/users/invite/check/").content.decode()
    assert "new.analyst@bracknell-forest.example.org" in check
    assert "Authority analyst" in check and "Bracknell Forest" in check
    response = admin_client.post("/accounts/users/invite/check/")
    user = User.objects.get(email="new.analyst@bracknell-forest.example.org")
    assert response["Location"] == f"/accounts/users/{user.pk}/done/"
    assert "Invitation sent" in admin_client.get(response["Location"]).content.decode()
    assert not user.has_usable_password() and not user.is_staff
    assert (user.first_name, user.last_name, user.authority) == ("Nia", "Analyst", bracknell)
    grant = user.role_grants.get()
    assert grant.granted_by_email == "admin@example.org" and grant.previous_role == ""
    (email,) = mail.outbox
    assert email.to == [user.email] and "/accounts/invitation/" in email.body


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ({"authority": ""}, "An authority analyst needs an authority"),
        ({"role": "regional_admin"}, "A regional admin works for the region, not one authority"),
        ({"email": "admin@EXAMPLE.org"}, "There is already an account for this email address"),
        ({"email": "not an address"}, "Enter an email address in the correct format"),
        ({"role": "owner", "authority": "atlantis"}, "Choose one of the roles listed"),
    ],
)
def test_an_invitation_that_does_not_fit_is_refused_on_the_question_page(
    admin_client, bracknell, answers, problem
):
    response = invite(admin_client, **answers)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and problem in page
    assert (
        admin_client.get("/accounts/users/invite/check/")["Location"] == "/accounts/users/invite/"
    )


def test_changing_a_role_is_a_grant_that_revokes_the_token_and_tells_the_person(
    admin_client, analyst_bracknell, django_capture_on_commit_callbacks
):
    create_api_token(user=analyst_bracknell)
    url = f"/accounts/users/{analyst_bracknell.pk}/role/"
    response = admin_client.post(url, {"role": "regional_analyst", "authority": ""})
    assert response["Location"] == f"{url}check/"
    assert "Regional analyst" in admin_client.get(f"{url}check/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"{url}check/")
    assert response["Location"] == f"/accounts/users/{analyst_bracknell.pk}/done/"
    analyst_bracknell.refresh_from_db()
    assert (analyst_bracknell.role, analyst_bracknell.authority) == (Role.REGIONAL_ANALYST, None)
    grant = RoleGrant.objects.filter(user=analyst_bracknell).latest("at")
    assert grant.previous_role == Role.AUTHORITY_ANALYST
    assert grant.granted_by_email == "admin@example.org"
    assert not ApiToken.objects.filter(user=analyst_bracknell).exists()
    assert [email.to for email in mail.outbox] == [[analyst_bracknell.email]]


def test_a_role_that_needs_an_authority_is_refused_without_one(admin_client, member):
    response = admin_client.post(
        f"/accounts/users/{member.pk}/role/", {"role": "authority_editor", "authority": ""}
    )
    assert response.status_code == 400
    assert "An authority editor needs an authority" in response.content.decode()


def test_a_regional_admin_cannot_change_or_close_their_own_account(admin_client, admin):
    for path in ("role/", "role/check/", "account/"):
        assert admin_client.get(f"/accounts/users/{admin.pk}/{path}").status_code == 403
    response = admin_client.post(f"/accounts/users/{admin.pk}/account/", {"action": "close"})
    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.is_active and admin.role == Role.REGIONAL_ADMIN
    page = admin_client.get(f"/accounts/users/{admin.pk}/").content.decode()
    assert "This is your own account" in page and f"/accounts/users/{admin.pk}/role/" not in page


def test_closing_an_account_revokes_its_token_and_reopening_is_a_grant(
    admin_client, analyst_bracknell
):
    create_api_token(user=analyst_bracknell)
    url = f"/accounts/users/{analyst_bracknell.pk}/account/"
    assert "Are you sure you want to close" in admin_client.get(url).content.decode()
    assert admin_client.post(url, {"action": "close"}).status_code == 302
    analyst_bracknell.refresh_from_db()
    assert not analyst_bracknell.is_active
    assert not ApiToken.objects.filter(user=analyst_bracknell).exists()
    # A second click of the same button changes nothing.
    admin_client.post(url, {"action": "reopen"})
    admin_client.post(url, {"action": "reopen"})
    analyst_bracknell.refresh_from_db()
    assert analyst_bracknell.is_active
    reopened = RoleGrant.objects.filter(
        user=analyst_bracknell, granted_by_email="admin@example.org"
    )
    assert reopened.count() == 1


def test_junk_answers_are_refused_without_a_crash(admin_client, analyst_bracknell):
    url = f"/accounts/users/{analyst_bracknell.pk}/"
    assert admin_client.post(f"{url}account/", {"action": "delete"}).status_code == 400
    assert admin_client.post(f"{url}role/", {"role": "x" * 5000}).status_code == 400
    assert admin_client.get("/accounts/users/999999/").status_code == 404


def test_a_token_is_revoked_after_are_you_sure(admin_client, analyst_bracknell):
    create_api_token(user=analyst_bracknell)
    url = f"/accounts/users/{analyst_bracknell.pk}/api-token/revoke/"
    assert "Are you sure" in admin_client.get(url).content.decode()
    assert ApiToken.objects.filter(user=analyst_bracknell).exists()
    admin_client.post(url)
    assert not ApiToken.objects.filter(user=analyst_bracknell).exists()


def test_a_lockout_is_listed_and_lifted(admin_client, analyst_bracknell):
    attempt = AccessAttempt.objects.create(
        username=analyst_bracknell.email,
        ip_address="192.0.2.7",
        user_agent="test",
        failures_since_start=5,
    )
    page = admin_client.get("/accounts/users/lockouts/").content.decode()
    assert analyst_bracknell.email in page and "Locked out" in page
    assert (
        "Locked out"
        in admin_client.get(f"/accounts/users/{analyst_bracknell.pk}/").content.decode()
    )
    assert admin_client.get(f"/accounts/users/lockouts/{attempt.pk}/lift/").status_code == 405
    admin_client.post(f"/accounts/users/lockouts/{attempt.pk}/lift/")
    assert not AccessAttempt.objects.exists()


def test_the_role_grants_are_found_by_either_address(admin_client, analyst_bracknell, member):
    from accounts.services import record_role_grant

    record_role_grant(user=analyst_bracknell, previous_role="", previous_authority=None)
    record_role_grant(user=member, previous_role="", previous_authority=None)
    page = admin_client.get("/accounts/users/role-grants/", {"email": "analyst@"}).content.decode()
    assert analyst_bracknell.email in page and member.email not in page


def test_the_account_page_sends_regional_admins_to_the_users_pages(admin_client):
    page = admin_client.get("/accounts/").content.decode()
    assert 'href="/accounts/users/"' in page
    assert "/admin/" not in page


MIGRATION = importlib.import_module("accounts.migrations.0011_editors_leave_the_admin_site")
MIGRATION_0013 = importlib.import_module(
    "accounts.migrations.0013_regional_admins_leave_the_admin_site"
)


def test_the_migration_takes_editors_out_of_the_admin_site(editor_bracknell, admin_user):
    User.objects.filter(pk=editor_bracknell.pk).update(is_staff=True)
    MIGRATION.editors_leave_the_admin_site(apps, None)
    editor_bracknell.refresh_from_db()
    admin_user.refresh_from_db()
    assert not editor_bracknell.is_staff and admin_user.is_staff


def test_the_migration_takes_regional_admins_out_of_the_admin_site(admin, admin_user):
    """The admin site is the superuser's alone (issue 22); a superuser keeps it."""
    User.objects.filter(pk=admin.pk).update(is_staff=True)
    MIGRATION_0013.regional_admins_leave_the_admin_site(apps, None)
    admin.refresh_from_db()
    admin_user.refresh_from_db()
    assert not admin.is_staff and admin_user.is_staff
    MIGRATION_0013.regional_admins_return_to_the_admin_site(apps, None)
    admin.refresh_from_db()
    assert admin.is_staff


def test_revoking_someones_token_is_in_the_access_log(admin_client, analyst_bracknell):
    create_api_token(user=analyst_bracknell)
    admin_client.post(f"/accounts/users/{analyst_bracknell.pk}/api-token/revoke/")
    entry = AccessLog.objects.get(action=AccessLog.Action.REVOKE_TOKEN)
    assert entry.target == f"API token of {analyst_bracknell.email}"
    assert entry.authority_id == analyst_bracknell.authority_id
    assert entry.user is not None and entry.user.email == "admin@example.org"
    page = admin_client.get("/accounts/access-log/").content.decode()
    assert "Revoked someone&#x27;s API token" in page or "Revoked someone's API token" in page


def test_lifting_a_lockout_is_in_the_access_log(admin_client, analyst_bracknell):
    attempt = AccessAttempt.objects.create(
        username=analyst_bracknell.email,
        ip_address="192.0.2.7",
        user_agent="test",
        failures_since_start=5,
    )
    admin_client.post(f"/accounts/users/lockouts/{attempt.pk}/lift/")
    entry = AccessLog.objects.get(action=AccessLog.Action.LIFT_LOCKOUT)
    assert entry.target == f"sign-in lockout of {analyst_bracknell.email} from 192.0.2.7"
    assert "Lifted a sign-in lockout" in admin_client.get("/accounts/access-log/").content.decode()

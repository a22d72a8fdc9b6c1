"""Role and password changes cannot be used to become someone (issue 16, finding 2).

Nobody changes their own role or authority; no admin sets another person's password or
email address; every grant of a role is an append-only record naming who granted it, from
where, and the person is told by email; the access log shows who granted each reader's
role.
"""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.models import AccessLog, ApiToken, Role, RoleGrant, RoleGrantIsAppendOnly, User
from tests.factories import AccessLogFactory

pytestmark = pytest.mark.django_db


def change_url(user) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def form_data(user, **changes) -> dict:
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "authority": user.authority_id or "",
        "is_active": "on" if user.is_active else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- Nobody changes their own role or authority --------------------------------------


def test_a_superuser_cannot_change_their_own_role_either(client, admin_user, surrey):
    client.force_login(admin_user)
    client.post(
        change_url(admin_user),
        form_data(admin_user, role=Role.AUTHORITY_ANALYST, authority=surrey.pk),
    )
    admin_user.refresh_from_db()
    assert admin_user.role == Role.REGIONAL_ADMIN


def test_your_own_role_authority_and_status_are_read_only_in_the_admin(client_for, admin_user):
    body = client_for("admin_user").get(change_url(admin_user)).content.decode()
    assert 'name="role"' not in body
    assert 'name="authority"' not in body
    assert 'name="is_active"' not in body


def test_the_service_refuses_a_grant_to_oneself(admin):
    with pytest.raises(services.SelfGrantRefused):
        services.record_role_grant(
            user=admin, previous_role=Role.MEMBER, previous_authority=None, by=admin
        )


# --- No admin sets another person's password or email address -------------------------


@pytest.mark.parametrize("persona", ["admin_user"])
def test_the_admin_password_change_view_for_users_is_gone(client, request, member, persona):
    client.force_login(request.getfixturevalue(persona))
    url = f"/admin/accounts/user/{member.pk}/password/"
    assert client.get(url).status_code in (403, 404)
    response = client.post(
        url, {"password1": "a new password 123", "password2": "a new password 123"}
    )
    assert response.status_code in (403, 404)
    member.refresh_from_db()
    assert not member.check_password("a new password 123")


def test_the_user_change_page_has_no_password_link_or_field(client_for, member):
    body = client_for("admin_user").get(change_url(member)).content.decode()
    assert "password/" not in body
    assert 'name="password"' not in body


def test_an_admin_cannot_change_someones_email_address(client_for, analyst_surrey):
    """Otherwise: change it to your own, send a reset, become the analyst."""
    client_for("admin_user").post(
        change_url(analyst_surrey), form_data(analyst_surrey, email="mine@example.org")
    )
    analyst_surrey.refresh_from_db()
    assert analyst_surrey.email == "analyst@surrey.example.org"


# --- Every grant is recorded, names who granted it, and is emailed -------------------------


def test_granting_a_record_level_role_is_recorded_and_emailed(
    client_for, admin_user, member, surrey, django_capture_on_commit_callbacks
):
    client = client_for("admin_user")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(member),
            form_data(member, role=Role.AUTHORITY_ANALYST, authority=surrey.pk),
            REMOTE_ADDR="203.0.113.9",
            HTTP_USER_AGENT="admin-browser/2.0",
        )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.AUTHORITY_ANALYST
    grant = RoleGrant.objects.get(user=member)
    assert (grant.role, grant.authority, grant.previous_role) == (
        Role.AUTHORITY_ANALYST,
        surrey,
        Role.MEMBER,
    )
    assert grant.granted_by == admin_user
    assert grant.granted_by_email == admin_user.email
    assert grant.user_email == member.email
    assert grant.ip_address == "203.0.113.9"
    assert grant.user_agent == "admin-browser/2.0"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Authority analyst" in message.body
    assert "Surrey" in message.body
    assert admin_user.email in message.body


@pytest.mark.parametrize(
    ("role", "authority", "emailed"),
    [
        (Role.AUTHORITY_ANALYST, "bracknell", True),
        (Role.REGIONAL_ANALYST, None, True),
        (Role.REGIONAL_ADMIN, None, True),
        (Role.AUTHORITY_EDITOR, "bracknell", False),
    ],
)
def test_which_grants_are_emailed(
    client_for, request, member, role, authority, emailed, django_capture_on_commit_callbacks
):
    authority_pk = request.getfixturevalue(authority).pk if authority else ""
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin_user").post(
            change_url(member), form_data(member, role=role, authority=authority_pk)
        )
    member.refresh_from_db()
    assert member.role == role
    assert RoleGrant.objects.filter(user=member, role=role).exists()
    assert (len(mail.outbox) == 1) is emailed


def test_moving_an_analyst_to_another_authority_is_a_grant_too(
    client_for, analyst_bracknell, surrey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin_user").post(
            change_url(analyst_bracknell), form_data(analyst_bracknell, authority=surrey.pk)
        )
    grant = RoleGrant.objects.get(user=analyst_bracknell)
    assert grant.authority == surrey
    assert grant.previous_authority.slug == "bracknell-forest"
    assert len(mail.outbox) == 1


def test_saving_an_account_without_changing_its_role_records_nothing(
    client_for, analyst_bracknell, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin_user").post(
            change_url(analyst_bracknell), form_data(analyst_bracknell, first_name="Ana")
        )
    analyst_bracknell.refresh_from_db()
    assert analyst_bracknell.first_name == "Ana"
    assert not RoleGrant.objects.exists()
    assert mail.outbox == []


def test_a_role_change_revokes_the_persons_api_token(
    client_for, analyst_bracknell, surrey, django_capture_on_commit_callbacks
):
    services.create_api_token(user=analyst_bracknell)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin_user").post(
            change_url(analyst_bracknell), form_data(analyst_bracknell, authority=surrey.pk)
        )
    assert not ApiToken.objects.exists()


def test_an_account_created_in_the_admin_records_its_grant_and_the_invitation_says_so(
    client_for, admin_user, surrey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("admin_user").post(
            reverse("admin:accounts_user_add"),
            {
                "email": "second.mailbox@example.org",
                "first_name": "",
                "last_name": "",
                "role": Role.AUTHORITY_ANALYST,
                "authority": surrey.pk,
            },
        )
    assert response.status_code == 302
    created = User.objects.get(email="second.mailbox@example.org")
    grant = RoleGrant.objects.get(user=created)
    assert (grant.previous_role, grant.role, grant.granted_by) == (
        "",
        Role.AUTHORITY_ANALYST,
        admin_user,
    )
    assert len(mail.outbox) == 1
    assert "Authority analyst" in mail.outbox[0].body
    assert admin_user.email in mail.outbox[0].body


def test_an_account_created_on_the_server_records_its_grant(bracknell):
    from django.core.management import call_command

    call_command(
        "create_user",
        "new@example.org",
        "--role",
        "authority_analyst",
        "--la",
        "bracknell-forest",
        stdout=None,
    )
    grant = RoleGrant.objects.get(user__email="new@example.org")
    assert grant.granted_by is None
    assert grant.granted_by_email == ""
    assert "on the server" in str(grant)


# --- The grant record is append-only ---------------------------------------------------


def test_a_grant_cannot_be_changed_or_deleted_one_by_one(admin, member):
    grant = services.record_role_grant(
        user=member, previous_role=Role.MEMBER, previous_authority=None, by=admin
    )
    grant.role = Role.MEMBER
    with pytest.raises(RoleGrantIsAppendOnly):
        grant.save()
    with pytest.raises(RoleGrantIsAppendOnly):
        grant.delete()


@pytest.mark.postgres_only
def test_the_database_refuses_to_rewrite_a_grant(admin, member):
    from django.db import DatabaseError, transaction

    grant = services.record_role_grant(
        user=member, previous_role=Role.MEMBER, previous_authority=None, by=admin
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        RoleGrant.objects.filter(pk=grant.pk).update(granted_by_email="someone.else@example.org")


def test_grants_are_read_only_in_the_admin(client_for, admin_user, member):
    grant = services.record_role_grant(
        user=member, previous_role=Role.MEMBER, previous_authority=None, by=admin_user
    )
    client = client_for("admin_user")
    listing = client.get(reverse("admin:accounts_rolegrant_changelist"))
    assert listing.status_code == 200
    assert member.email in listing.content.decode()
    assert client.get(reverse("admin:accounts_rolegrant_add")).status_code == 403
    assert (
        client.post(reverse("admin:accounts_rolegrant_delete", args=[grant.pk])).status_code == 403
    )


# --- The access log shows who granted each reader their role ---------------------------


def test_the_access_log_names_who_granted_the_readers_role(
    client_for, admin_user, bracknell, django_capture_on_commit_callbacks
):
    """A regional admin who makes a second account an analyst is still visible: each read by
    that account shows who granted its role."""
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin_user").post(
            reverse("admin:accounts_user_add"),
            {
                "email": "alias@example.org",
                "role": Role.AUTHORITY_ANALYST,
                "authority": bracknell.pk,
            },
        )
    alias = User.objects.get(email="alias@example.org")
    AccessLogFactory(
        user=alias, authority=bracknell, action=AccessLog.Action.VIEW_RECORDS, target="/kpi/x/"
    )
    body = client_for("admin_user").get("/accounts/access-log/").content.decode()
    assert "alias@example.org" in body
    assert "role granted by <a" in body
    assert '/accounts/users/role-grants/?email=admin%40example.com">admin@example.com</a>' in body


def test_the_access_log_filters_reads_by_who_granted_the_role(
    client_for, admin, analyst_surrey, bracknell, django_capture_on_commit_callbacks
):
    services.record_role_grant(
        user=analyst_surrey, previous_role=Role.MEMBER, previous_authority=None, by=admin
    )
    AccessLogFactory(user=analyst_surrey, authority=bracknell, action="view_records", target="mine")
    AccessLogFactory(authority=bracknell, action="view_records", target="someone else's")
    body = (
        client_for("admin")
        .get("/accounts/access-log/", {"granted_by": "admin@example"})
        .content.decode()
    )
    assert ">mine<" in body
    assert "someone else&#x27;s" not in body


def test_the_access_log_page_queries_do_not_grow_with_entries(
    client_for, admin, analyst_surrey, bracknell, django_assert_max_num_queries
):
    services.record_role_grant(
        user=analyst_surrey, previous_role=Role.MEMBER, previous_authority=None, by=admin
    )
    AccessLogFactory.create_batch(30, user=analyst_surrey, authority=bracknell)
    client = client_for("admin")
    with django_assert_max_num_queries(12):
        assert client.get("/accounts/access-log/").status_code == 200


def test_reopening_a_closed_account_is_a_grant(
    client_for, admin_user, analyst_bracknell, django_capture_on_commit_callbacks
):
    analyst_bracknell.is_active = False
    analyst_bracknell.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin_user").post(
            change_url(analyst_bracknell), form_data(analyst_bracknell, is_active="on")
        )
    grant = RoleGrant.objects.get(user=analyst_bracknell)
    assert grant.granted_by == admin_user
    assert grant.previous_role == grant.role == Role.AUTHORITY_ANALYST
    assert len(mail.outbox) == 1


def test_an_old_version_of_an_account_cannot_be_restored_from_its_history(
    client_for, member, django_capture_on_commit_callbacks
):
    """django-simple-history's "revert" would bring back an old email address or superuser
    flag, which the change form does not let an admin set, without a grant."""
    User.objects.filter(pk=member.pk).update(is_superuser=True)
    member.refresh_from_db()
    member.email = "old.address@example.org"
    member.save()
    member.is_superuser = False
    member.email = "member@example.org"
    member.save()
    old = member.history.order_by("history_date").filter(is_superuser=True).last()
    url = reverse("admin:accounts_user_simple_history", args=[member.pk, old.history_id])
    client = client_for("admin_user")
    assert "Revert" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(member))
    assert response.status_code == 403
    member.refresh_from_db()
    assert not member.is_superuser
    assert member.email == "member@example.org"

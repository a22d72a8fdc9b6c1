"""Roles as groups: the role field decides the one group and staff status."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import Role
from accounts.services import ensure_roles

pytestmark = pytest.mark.django_db


def test_ensure_roles_makes_one_group_per_role_and_is_idempotent():
    first = ensure_roles()
    second = ensure_roles()
    assert {role: group.pk for role, group in first.items()} == {
        role: group.pk for role, group in second.items()
    }
    assert set(Group.objects.values_list("name", flat=True)) >= {role.label for role in Role}


def test_regional_admin_group_manages_users_and_reads_the_access_log_only():
    groups = ensure_roles()
    codenames = set(groups[Role.REGIONAL_ADMIN].permissions.values_list("codename", flat=True))
    assert {"add_user", "change_user", "view_user", "view_accesslog"} <= codenames
    assert not {"add_accesslog", "change_accesslog", "delete_accesslog"} & codenames
    assert "change_localauthority" in codenames


def test_authority_editor_group_changes_but_never_adds_or_deletes_authorities():
    groups = ensure_roles()
    codenames = set(groups[Role.AUTHORITY_EDITOR].permissions.values_list("codename", flat=True))
    assert "change_localauthority" in codenames
    assert not {"add_localauthority", "delete_localauthority"} & codenames


@pytest.mark.parametrize("role", [Role.MEMBER, Role.AUTHORITY_ANALYST, Role.REGIONAL_ANALYST])
def test_roles_without_admin_work_carry_no_model_permissions(role):
    assert not ensure_roles()[role].permissions.exists()


def test_changing_the_role_moves_the_user_to_that_group_only(analyst_bracknell):
    assert list(analyst_bracknell.groups.values_list("name", flat=True)) == ["Authority analyst"]
    assert not analyst_bracknell.is_staff
    analyst_bracknell.role = Role.AUTHORITY_EDITOR
    analyst_bracknell.save()
    assert list(analyst_bracknell.groups.values_list("name", flat=True)) == ["Authority editor"]
    assert not analyst_bracknell.is_staff
    analyst_bracknell.role = Role.REGIONAL_ADMIN
    analyst_bracknell.authority = None
    analyst_bracknell.save()
    assert list(analyst_bracknell.groups.values_list("name", flat=True)) == ["Regional admin"]
    assert not analyst_bracknell.is_staff


def test_only_a_superuser_has_staff_status(
    admin, editor_bracknell, regional_analyst, member, admin_user
):
    """The admin site is for the superuser's maintenance (issue 22): regional admins work on
    the regional team's pages, authority editors on "Your authority"."""
    assert not admin.is_staff and not editor_bracknell.is_staff
    assert not regional_analyst.is_staff and not member.is_staff
    assert admin_user.is_superuser and admin_user.is_staff
    admin.is_staff = True
    admin.save()
    admin.refresh_from_db()
    assert not admin.is_staff


def test_an_authority_role_without_an_authority_is_refused_by_the_database(bracknell):
    from django.db import IntegrityError, transaction

    from accounts.models import User

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="x@example.org", role=Role.AUTHORITY_ANALYST)


def test_authority_editor_group_may_propose_findings_but_not_publish_evaluations():
    groups = ensure_roles()
    codenames = set(groups[Role.AUTHORITY_EDITOR].permissions.values_list("codename", flat=True))
    assert {"add_finding", "change_finding", "view_finding", "view_evaluation"} <= codenames
    assert not {"delete_finding", "add_evaluation", "change_evaluation"} & codenames


def test_role_changes_are_in_history_with_who_made_them(client_for, member, admin_user):
    client = client_for("admin_user")
    response = client.post(
        f"/admin/accounts/user/{member.pk}/change/",
        {"email": member.email, "role": "regional_analyst", "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = member.history.first()
    assert latest.role == "regional_analyst"
    assert latest.history_user == admin_user
    assert not hasattr(latest, "password")


def test_signing_in_does_not_touch_role_groups(member, django_assert_num_queries):
    with django_assert_num_queries(1):
        member.save(update_fields=["last_login"])

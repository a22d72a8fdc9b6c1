"""AuthorityScopedAdminMixin, as the registry admin classes use it. LocalAuthority and
AccessLog stand in for the scoped models: the first is its own authority
(authority_field=""), the second has an `authority` FK. Record-level models are kept out of
the admin site altogether (test_admin_record_level.py)."""

import pytest
from django.contrib import admin
from django.contrib.admin.sites import AdminSite

from accounts.models import AccessLog
from models_registry.admin_scoping import AuthorityScopedAdminMixin
from models_registry.models import LocalAuthority

pytestmark = pytest.mark.django_db

site = AdminSite()


class LocalAuthorityScopedAdmin(AuthorityScopedAdminMixin, admin.ModelAdmin):
    authority_field = ""


class AccessLogScopedAdmin(AuthorityScopedAdminMixin, admin.ModelAdmin):
    authority_field = "authority"


@pytest.fixture
def as_user(rf):
    def request_for(user):
        request = rf.get("/admin/")
        request.user = user
        return request

    return request_for


def test_editor_sees_and_changes_only_their_own_authority(
    as_user, editor_bracknell, bracknell, surrey
):
    model_admin = LocalAuthorityScopedAdmin(LocalAuthority, site)
    request = as_user(editor_bracknell)
    assert list(model_admin.get_queryset(request)) == [bracknell]
    assert model_admin.has_change_permission(request, bracknell)
    assert not model_admin.has_change_permission(request, surrey)
    assert not model_admin.has_view_permission(request, surrey)
    # The role's group grants no add/delete on authorities at all.
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request, bracknell)


def test_regional_admin_sees_every_authority(as_user, admin, bracknell, surrey):
    model_admin = LocalAuthorityScopedAdmin(LocalAuthority, site)
    request = as_user(admin)
    assert set(model_admin.get_queryset(request)) == {bracknell, surrey}
    assert model_admin.has_change_permission(request, surrey)


@pytest.mark.parametrize("persona", ["member", "analyst_bracknell", "regional_analyst"])
def test_other_roles_see_no_rows(as_user, request, persona, bracknell):
    model_admin = LocalAuthorityScopedAdmin(LocalAuthority, site)
    user = request.getfixturevalue(persona)
    assert not model_admin.get_queryset(as_user(user)).exists()
    assert not model_admin.has_change_permission(as_user(user), bracknell)


def test_authority_choices_are_restricted_to_the_scope(
    as_user, editor_bracknell, bracknell, surrey
):
    model_admin = AccessLogScopedAdmin(AccessLog, site)
    field = AccessLog._meta.get_field("authority")
    formfield = model_admin.formfield_for_foreignkey(field, as_user(editor_bracknell))
    assert list(formfield.queryset) == [bracknell]


def test_rows_follow_the_authority_lookup_path(as_user, editor_bracknell, bracknell, surrey):
    own = AccessLog.objects.create(authority=bracknell, action="upload", target="own")
    other = AccessLog.objects.create(authority=surrey, action="upload", target="other")
    model_admin = AccessLogScopedAdmin(AccessLog, site)
    request = as_user(editor_bracknell)
    assert list(model_admin.get_queryset(request)) == [own]
    assert not model_admin.has_view_permission(request, other)

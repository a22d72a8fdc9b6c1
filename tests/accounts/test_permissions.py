"""The scoping rules of accounts/permissions.py, persona by persona (issue 8's role table)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts import permissions
from models_registry.models import LocalAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(request, bracknell, surrey):
    names = [
        "member",
        "editor_bracknell",
        "analyst_bracknell",
        "analyst_surrey",
        "regional_analyst",
        "admin",
    ]
    found = {name: request.getfixturevalue(name) for name in names}
    found["anonymous"] = AnonymousUser()
    return found


def slugs(queryset) -> set[str]:
    return set(queryset.values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", False),
        ("member", True),
        ("editor_bracknell", True),
        ("analyst_bracknell", True),
        ("regional_analyst", True),
        ("admin", True),
    ],
)
def test_contacts_are_for_signed_in_users(people, persona, expected):
    assert permissions.can_see_contacts(people[persona]) is expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", set()),
        ("member", set()),
        ("editor_bracknell", {"bracknell-forest"}),
        ("analyst_bracknell", set()),
        ("regional_analyst", set()),
        ("admin", {"bracknell-forest", "surrey"}),
    ],
)
def test_editable_authorities_follow_role_and_authority(people, persona, expected):
    assert slugs(permissions.editable_authorities(people[persona])) == expected
    for authority in LocalAuthority.objects.all():
        assert permissions.can_edit_authority(people[persona], authority) is (
            authority.slug in expected
        )


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", set()),
        ("member", set()),
        ("editor_bracknell", set()),
        ("analyst_bracknell", {"bracknell-forest"}),
        ("analyst_surrey", {"surrey"}),
        ("regional_analyst", set()),
        ("admin", set()),
    ],
)
def test_record_level_data_only_to_the_owning_authoritys_analysts(people, persona, expected):
    user = people[persona]
    assert slugs(permissions.record_level_authorities(user)) == expected
    assert slugs(permissions.upload_authorities(user)) == expected
    for authority in LocalAuthority.objects.all():
        assert permissions.can_view_records(user, authority) is (authority.slug in expected)
        assert permissions.can_upload_for(user, authority) is (authority.slug in expected)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", set()),
        ("member", set()),
        ("editor_bracknell", set()),
        ("analyst_bracknell", {"bracknell-forest"}),
        ("analyst_surrey", {"surrey"}),
        ("regional_analyst", {"bracknell-forest", "surrey"}),
        ("admin", {"bracknell-forest", "surrey"}),
    ],
)
def test_unsuppressed_aggregates_for_owning_analysts_and_regional_staff(people, persona, expected):
    user = people[persona]
    assert slugs(permissions.unsuppressed_authorities(user)) == expected
    for authority in LocalAuthority.objects.all():
        assert permissions.sees_unsuppressed(user, authority) is (authority.slug in expected)


def test_regional_figures_unsuppressed_only_for_regional_staff(people):
    regional = {p for p, u in people.items() if permissions.sees_unsuppressed(u, None)}
    assert regional == {"regional_analyst", "admin"}


@pytest.mark.parametrize(
    "check",
    [
        permissions.can_manage_evidence,
        permissions.can_publish_findings,
        permissions.can_manage_users,
        permissions.can_read_access_log,
        permissions.can_manage_registry,
    ],
)
def test_region_wide_management_is_for_regional_admins_only(people, check):
    assert {persona for persona, user in people.items() if check(user)} == {"admin"}


def test_api_tokens_for_analysts_editors_and_regional_admins(people):
    holders = {p for p, u in people.items() if permissions.can_hold_api_token(u)}
    assert holders == {
        "analyst_bracknell",
        "analyst_surrey",
        "editor_bracknell",
        "regional_analyst",
        "admin",
    }


def test_a_deactivated_analyst_sees_nothing(analyst_bracknell, bracknell):
    analyst_bracknell.is_active = False
    analyst_bracknell.save()
    assert not permissions.can_view_records(analyst_bracknell, bracknell)
    assert not permissions.can_see_contacts(analyst_bracknell)


def test_superuser_flag_grants_no_record_level_data(admin, bracknell):
    admin.is_superuser = True
    admin.save()
    assert not permissions.record_level_authorities(admin).exists()


def test_another_authoritys_record_is_404_not_403(analyst_bracknell, analyst_surrey, surrey):
    # LocalAuthority stands in for a record-level model: "pk" is its own authority path.
    queryset = LocalAuthority.objects.all()
    found = permissions.get_record_level_or_404(
        queryset, analyst_surrey, authority_field="pk", slug="surrey"
    )
    assert found == surrey
    with pytest.raises(Http404):
        permissions.get_record_level_or_404(
            queryset, analyst_bracknell, authority_field="pk", slug="surrey"
        )


def test_scope_record_level_follows_a_lookup_path(analyst_bracknell, bracknell, surrey):
    from accounts.models import AccessLog

    AccessLog.objects.create(authority=bracknell, action="upload", target="a")
    AccessLog.objects.create(authority=surrey, action="upload", target="b")
    scoped = permissions.scope_record_level(
        AccessLog.objects.all(), analyst_bracknell, authority_field="authority"
    )
    assert list(scoped.values_list("target", flat=True)) == ["a"]


def test_open_record_level_returns_the_object_and_logs_the_view(rf, analyst_surrey, surrey):
    from accounts.models import AccessLog
    from accounts.services import open_record_level

    request = rf.get("/kpi/surrey/submissions/1/", REMOTE_ADDR="192.0.2.8")
    request.user = analyst_surrey
    found = open_record_level(
        request=request, queryset=LocalAuthority.objects.all(), authority_field="pk", slug="surrey"
    )
    assert found == surrey
    entry = AccessLog.objects.get()
    assert entry.action == AccessLog.Action.VIEW_RECORDS
    assert entry.authority == surrey
    assert entry.target == "/kpi/surrey/submissions/1/"
    assert entry.ip_address == "192.0.2.8"


def test_open_record_level_of_another_authority_is_404_and_logs_nothing(
    rf, analyst_bracknell, surrey
):
    from accounts.models import AccessLog
    from accounts.services import open_record_level

    request = rf.get("/kpi/surrey/submissions/1/")
    request.user = analyst_bracknell
    with pytest.raises(Http404):
        open_record_level(
            request=request,
            queryset=LocalAuthority.objects.all(),
            authority_field="pk",
            slug="surrey",
        )
    assert not AccessLog.objects.exists()

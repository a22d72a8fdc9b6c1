"""The access log: regional admins read and filter it; nobody edits it, in the app or admin."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import AccessLog, AccessLogIsAppendOnly
from accounts.services import record_access
from tests.factories import AccessLogFactory

pytestmark = pytest.mark.django_db

PAGE = "/accounts/access-log/"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("editor_bracknell", 403),
        ("analyst_bracknell", 403),
        ("analyst_surrey", 403),
        ("regional_analyst", 403),
        ("admin", 200),
    ],
)
def test_only_regional_admins_read_the_access_log(client_for, persona, expected):
    response = client_for(persona).get(PAGE)
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith("/accounts/sign-in/?next=")


def test_access_log_lists_who_what_when_and_from_where(client_for, analyst_bracknell, bracknell):
    AccessLogFactory(
        user=analyst_bracknell,
        authority=bracknell,
        action=AccessLog.Action.VIEW_RECORDS,
        target="/kpi/bracknell-forest/submissions/7/",
        ip_address="198.51.100.23",
    )
    body = client_for("admin").get(PAGE).content.decode()
    assert analyst_bracknell.email in body
    assert "Viewed record-level data" in body
    assert "Bracknell Forest" in body
    assert "/kpi/bracknell-forest/submissions/7/" in body
    assert "198.51.100.23" in body
    assert '<th scope="col" class="govuk-table__header">When</th>' in body


def test_access_log_filters_by_email_action_authority_and_date(
    client_for, analyst_bracknell, analyst_surrey, bracknell, surrey
):
    AccessLogFactory(user=analyst_bracknell, authority=bracknell, action="upload", target="one")
    AccessLogFactory(user=analyst_surrey, authority=surrey, action="export", target="two")
    AccessLogFactory(
        user=analyst_surrey,
        authority=surrey,
        action="upload",
        target="old",
        at=timezone.now() - datetime.timedelta(days=40),
    )
    client = client_for("admin")

    def targets(**query):
        page = client.get(PAGE, query).context["page"]
        return {entry.target for entry in page}

    assert targets() == {"one", "two", "old"}
    assert targets(user_email="bracknell") == {"one"}
    assert targets(action="export") == {"two"}
    assert targets(authority="surrey") == {"two", "old"}
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert targets(from_date=since) == {"one", "two"}
    assert targets(to_date=since) == {"old"}


def test_invalid_filter_shows_an_error_not_a_crash(client_for):
    response = client_for("admin").get(PAGE, {"action": "rm -rf", "from_date": "yesterday"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_access_log_pages_fifty_at_a_time_keeping_filters(client_for, analyst_bracknell):
    AccessLogFactory.create_batch(55, user=analyst_bracknell, action="upload")
    client = client_for("admin")
    first = client.get(PAGE, {"action": "upload"})
    assert len(first.context["page"].object_list) == 50
    assert "?action=upload&amp;page=2" in first.content.decode()
    second = client.get(PAGE, {"action": "upload", "page": 2})
    assert len(second.context["page"].object_list) == 5


@pytest.mark.parametrize("rows", [3, 30])
def test_access_log_page_query_count_does_not_grow_with_rows(
    client_for, django_assert_max_num_queries, analyst_bracknell, bracknell, rows
):
    AccessLogFactory.create_batch(rows, user=analyst_bracknell, authority=bracknell)
    client = client_for("admin")
    with django_assert_max_num_queries(8):
        assert client.get(PAGE).status_code == 200


def test_record_access_writes_who_what_when_and_where(rf, analyst_bracknell, bracknell):
    request = rf.get("/kpi/x/", HTTP_USER_AGENT="pytest", REMOTE_ADDR="192.0.2.1")
    request.user = analyst_bracknell
    entry = record_access(
        request=request, action=AccessLog.Action.DOWNLOAD, target="/kpi/x/", authority=bracknell
    )
    entry.refresh_from_db()
    assert entry.user == analyst_bracknell
    assert entry.user_email == analyst_bracknell.email
    assert entry.ip_address == "192.0.2.1"
    assert entry.user_agent == "pytest"
    assert entry.authority == bracknell
    assert entry.at is not None


def test_record_access_behind_a_trusted_proxy_logs_the_client_address(rf, settings, member):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.99")
    request.user = member
    entry = record_access(request=request, action="export", target="/")
    # Only the last hop was added by our proxy; anything before it the client could forge.
    assert entry.ip_address == "198.51.100.99"


def test_without_trusted_proxies_forwarded_for_is_ignored(rf, member):
    request = rf.get("/", REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.5")
    request.user = member
    assert record_access(request=request, action="export", target="/").ip_address == "192.0.2.50"


def test_an_entry_cannot_be_changed_or_deleted_through_the_model(member):
    entry = AccessLogFactory(user=member)
    entry.target = "something else"
    with pytest.raises(AccessLogIsAppendOnly):
        entry.save()
    with pytest.raises(AccessLogIsAppendOnly):
        entry.delete()
    assert AccessLog.objects.get(pk=entry.pk).target != "something else"


@pytest.mark.parametrize("persona", ["admin_user", "admin", "editor_bracknell"])
def test_access_log_admin_is_read_only_for_everyone(client_for, request, persona, member):
    entry = AccessLogFactory(user=member)
    client = client_for(persona)
    change_url = f"/admin/accounts/accesslog/{entry.pk}/change/"
    # Refused (403), or for regional admins and editors, who are not staff, sent to the
    # admin's sign-in (302).
    assert client.get("/admin/accounts/accesslog/add/").status_code in (302, 403)
    assert client.post(change_url, {"target": "edited"}).status_code in (302, 403)
    assert client.post(
        f"/admin/accounts/accesslog/{entry.pk}/delete/", {"post": "yes"}
    ).status_code in (302, 403)
    assert AccessLog.objects.get(pk=entry.pk).target == entry.target


def test_the_superuser_can_view_the_access_log_in_the_admin(client_for, member):
    entry = AccessLogFactory(user=member)
    client = client_for("admin_user")
    assert client.get("/admin/accounts/accesslog/").status_code == 200
    response = client.get(f"/admin/accounts/accesslog/{entry.pk}/change/")
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


def test_even_a_superuser_cannot_edit_the_access_log_in_the_admin(client, admin_user, member):
    entry = AccessLogFactory(user=member)
    client.force_login(admin_user)
    assert client.get("/admin/accounts/accesslog/add/").status_code == 403
    client.post(f"/admin/accounts/accesslog/{entry.pk}/change/", {"target": "edited"})
    assert (
        client.post(f"/admin/accounts/accesslog/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AccessLog.objects.filter(pk=entry.pk, target=entry.target).exists()


def test_invalid_date_says_how_to_write_one(client_for):
    body = client_for("admin").get(PAGE, {"from_date": "yesterday"}).content.decode()
    assert "Enter a real date, for example 2026-11-01" in body
    assert "<title>Error: Access log" in body


@pytest.mark.postgres_only
def test_the_database_refuses_to_change_an_entry(member, bracknell):
    from django.db import InternalError, transaction

    entry = AccessLogFactory(user=member, authority=bracknell)
    changes = [
        {"target": "edited"},
        {"at": timezone.now()},
        {"user_email": "x@example.org"},
        {"channel": "command"},
    ]
    for change in changes:
        with pytest.raises(InternalError), transaction.atomic():
            AccessLog.objects.filter(pk=entry.pk).update(**change)
    assert AccessLog.objects.get(pk=entry.pk).target == entry.target


@pytest.mark.postgres_only
def test_deleting_a_user_or_authority_still_nulls_their_entries(member):
    from tests.factories import LocalAuthorityFactory

    authority = LocalAuthorityFactory(slug="short-lived")
    entry = AccessLogFactory(user=member, authority=authority)
    member.delete()
    authority.delete()
    entry = AccessLog.objects.get(pk=entry.pk)
    assert entry.user is None and entry.authority is None
    assert entry.user_email == "member@example.org"


@pytest.mark.parametrize("field", ["user_email", "granted_by"])
def test_an_email_filter_longer_than_the_limit_is_a_field_error(
    client_for, analyst_bracknell, field
):
    """A 60,000-character email filter was sent to the database as a LIKE pattern (503 on
    SQLite); it takes at most 254 characters, the longest email address."""
    AccessLogFactory(user=analyst_bracknell)

    response = client_for("admin").get("/accounts/access-log/", {field: "x" * 60_000})

    assert response.status_code == 400  # the page, with the field's error (PortalFilterSet)
    assert "at most 254 characters" in response.content.decode()

"""Every read of record-level data is in the access log, however it was made: page, report,
CSV, API by session or by token, admin, command. Each entry says who, whose data, what,
how, when and from where, so "who read Surrey's data?" is one filter."""

import pytest
from django.urls import reverse

from accounts.models import AccessLog
from accounts.services import channel_of, create_api_token, record_access
from tests.kpi.conftest import file_bytes, named

pytestmark = pytest.mark.django_db

API = "/api/v1/kpi/submissions/"


@pytest.fixture(autouse=True)
def _kpi_settings(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.KPI_KEY_SECRET = "test-kpi-key-secret"
    settings.MEDIA_ROOT = tmp_path / "media"


def rejected_submission(authority):
    from kpi.services.imports import import_submission
    from kpi.services.toolkit import ensure_cohorts

    ensure_cohorts(authority=authority)
    return import_submission(
        authority=authority,
        quarter="2018-Q1",
        file=named(file_bytes("rule_age_out_of_range.csv")),
    ).submission


def entries(**filters):
    return list(AccessLog.objects.filter(**filters).order_by("pk"))


def test_submission_page_quoting_first_errors_is_logged(client_for, bracknell):
    submission = rejected_submission(bracknell)

    html = client_for("analyst_bracknell").get(
        reverse("kpi:submission-detail", args=[submission.pk])
    )

    assert "121" in html.content.decode()  # the value from the file, quoted on the page
    [entry] = entries(action=AccessLog.Action.VIEW_RECORDS)
    assert entry.authority == bracknell
    assert entry.channel == AccessLog.Channel.PAGE
    assert entry.user_email == "analyst@bracknell-forest.example.org"
    assert entry.target == f"KPI submission {submission.pk}"


def test_report_and_csv_are_logged_with_their_channel(client_for, bracknell):
    submission = rejected_submission(bracknell)
    client = client_for("analyst_bracknell")

    client.get(reverse("kpi:submission-report", args=[submission.pk]))
    client.get(reverse("kpi:submission-report-csv", args=[submission.pk]))

    assert [(e.action, e.channel, e.authority) for e in entries()] == [
        (AccessLog.Action.VIEW_RECORDS, AccessLog.Channel.REPORT, bracknell),
        (AccessLog.Action.DOWNLOAD, AccessLog.Channel.CSV, bracknell),
    ]


def test_session_reads_of_the_submissions_api_are_logged(client_for, bracknell):
    submission = rejected_submission(bracknell)
    client = client_for("analyst_bracknell")

    client.get(API)
    client.get(f"{API}{submission.pk}/")

    logged = entries(action=AccessLog.Action.VIEW_RECORDS)
    assert [(e.channel, e.authority) for e in logged] == [
        (AccessLog.Channel.API_SESSION, bracknell),
        (AccessLog.Channel.API_SESSION, bracknell),
    ]
    assert logged[1].target == f"GET {API}{submission.pk}/"


def test_token_reads_carry_the_holders_authority(client, bracknell, analyst_bracknell):
    rejected_submission(bracknell)
    token = create_api_token(user=analyst_bracknell)

    client.get(API, HTTP_AUTHORIZATION=f"Token {token.key}")

    assert [(e.action, e.channel, e.authority) for e in entries()] == [
        (AccessLog.Action.TOKEN_USE, AccessLog.Channel.API_TOKEN, bracknell),
        (AccessLog.Action.VIEW_RECORDS, AccessLog.Channel.API_TOKEN, bracknell),
    ]


def test_a_regional_token_use_names_no_authority(client, admin):
    token = create_api_token(user=admin)

    client.get("/api/v1/kpi/values/", HTTP_AUTHORIZATION=f"Token {token.key}")

    [entry] = entries(action=AccessLog.Action.TOKEN_USE)
    assert entry.authority is None and entry.channel == AccessLog.Channel.API_TOKEN


def test_who_read_surreys_data_is_one_filter(client, client_for, surrey, bracknell):
    from tests.factories import UserFactory

    surrey_submission = rejected_submission(surrey)
    bracknell_submission = rejected_submission(bracknell)
    analyst = UserFactory(
        email="analyst@surrey.example.org", role="authority_analyst", authority=surrey
    )
    token = create_api_token(user=analyst)
    client.force_login(analyst)
    client.get(reverse("kpi:submission-detail", args=[surrey_submission.pk]))
    client.get(reverse("kpi:submission-report", args=[surrey_submission.pk]))
    client.get(reverse("kpi:submission-report-csv", args=[surrey_submission.pk]))
    client.get(f"{API}{surrey_submission.pk}/")
    client.logout()
    client.get(API, HTTP_AUTHORIZATION=f"Token {token.key}")
    client_for("analyst_bracknell").get(
        reverse("kpi:submission-detail", args=[bracknell_submission.pk])
    )

    page = client_for("admin").get("/accounts/access-log/", {"authority": "surrey"})

    shown = list(page.context["page"])
    assert {entry.channel for entry in shown} == {
        "page",
        "report",
        "csv",
        "api-session",
        "api-token",
    }
    assert {entry.user_email for entry in shown} == {"analyst@surrey.example.org"}
    assert all(entry.authority == surrey for entry in shown)
    html = page.content.decode()
    assert "API, with a token" in html and "CSV download" in html


def test_the_access_log_filters_by_channel(client_for, bracknell):
    submission = rejected_submission(bracknell)
    client = client_for("analyst_bracknell")
    client.get(reverse("kpi:submission-detail", args=[submission.pk]))
    client.get(f"{API}{submission.pk}/")

    page = client_for("admin").get("/accounts/access-log/", {"channel": "api-session"})

    assert [entry.target for entry in page.context["page"]] == [f"GET {API}{submission.pk}/"]


@pytest.mark.parametrize("persona", ["member", "editor_bracknell", "admin", "regional_analyst"])
def test_someone_with_no_record_level_access_reads_nothing_and_logs_nothing(
    client_for, bracknell, persona
):
    rejected_submission(bracknell)
    client = client_for(persona)

    client.get(API)
    client.get(reverse("kpi:submission-list"))

    assert not entries(action=AccessLog.Action.VIEW_RECORDS)


def test_an_analysts_list_is_logged_even_when_empty(client_for, surrey, bracknell):
    rejected_submission(bracknell)
    client = client_for("analyst_surrey")

    client.get(API)
    client.get(reverse("kpi:submission-list"))

    logged = entries(action=AccessLog.Action.VIEW_RECORDS)
    assert [(e.channel, e.authority) for e in logged] == [
        (AccessLog.Channel.API_SESSION, surrey),
        (AccessLog.Channel.PAGE, surrey),
    ]


def test_refused_submission_pages_log_nothing(client_for, bracknell):
    submission = rejected_submission(bracknell)

    response = client_for("analyst_surrey").get(
        reverse("kpi:submission-detail", args=[submission.pk])
    )

    assert response.status_code == 404
    assert not entries()


def test_channel_is_worked_out_from_the_request(rf, member):
    assert channel_of(None) == AccessLog.Channel.COMMAND
    assert channel_of(rf.get("/admin/kpi/submission/")) == AccessLog.Channel.ADMIN
    assert channel_of(rf.get("/kpi/submissions/1/")) == AccessLog.Channel.PAGE
    session = rf.get(API)
    assert channel_of(session) == AccessLog.Channel.API_SESSION
    token = rf.get(API)
    token.auth = object()  # what DRF sets once a token authenticated the request
    assert channel_of(token) == AccessLog.Channel.API_TOKEN


def test_record_access_takes_channel_and_authority_as_keywords(rf, member, bracknell):
    request = rf.get("/admin/kpi/submission/1/delete/")
    request.user = member

    derived = record_access(request=request, action="view_records", target="t")
    given = record_access(
        request=request, action="view_records", target="t", channel="report", authority=bracknell
    )
    by_id = record_access(request=None, action="export", target="t", authority=bracknell.pk)

    assert (derived.channel, derived.authority) == ("admin", None)
    assert (given.channel, given.authority) == ("report", bracknell)
    assert (by_id.channel, by_id.authority, by_id.user) == ("command", bracknell, None)

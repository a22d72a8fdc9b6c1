"""Withdrawing a submission filed under the wrong quarter or authority: the service, the
page (question, error summary, confirmation) and the API action."""

import pytest
from django.urls import reverse

from accounts.models import AccessLog
from kpi.models import Family, IndicatorValue, QuarterMeasures, Submission
from kpi.services.values import recompute_indicators
from kpi.services.withdrawal import RECORD_TABLES, withdraw_submission
from tests.kpi.conftest import file_bytes

FIRST_FAMILY_ONLY = b"\n".join(file_bytes("valid_small.csv").splitlines()[:4]) + b"\n"
WRONG_QUARTER = Submission.WithdrawalReason.WRONG_QUARTER


def values_of(submission) -> dict:
    return {
        (v.cohort, v.measure): (v.value, v.people)
        for v in IndicatorValue.objects.filter(submission=submission)
    }


def rows_held(submission) -> int:
    return sum(model.objects.filter(submission=submission).count() for model in RECORD_TABLES)


@pytest.fixture
def two_uploads(upload, analyst_bracknell):
    """Bracknell Forest 2018-Q1: the whole small file, then (current) its first family."""
    first = upload("valid_small.csv", user=analyst_bracknell).submission
    second = upload(FIRST_FAMILY_ONLY, user=analyst_bracknell).submission
    first.refresh_from_db()
    return first, second


# --- The service ----------------------------------------------------------------------------


def test_withdrawing_the_current_submission_makes_the_previous_one_current_again(
    two_uploads, analyst_bracknell
):
    first, second = two_uploads
    assert (first.status, second.status) == ("superseded", "accepted")
    assert rows_held(second) > 0

    report = withdraw_submission(
        submission=second, user=analyst_bracknell, reason=WRONG_QUARTER, note="Meant Q2"
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert report.withdrawn and report.restored == first
    assert (first.status, second.status) == ("accepted", "withdrawn")
    assert first.superseded_at is None
    assert second.withdrawn_by == analyst_bracknell and second.withdrawn_at is not None
    assert (second.withdrawal_reason, second.withdrawal_note) == ("wrong_quarter", "Meant Q2")
    assert rows_held(second) == 0 and report.rows_deleted == 10
    assert rows_held(first) > 0
    assert "again" in report.message


def test_the_quarters_values_are_recomputed_from_the_restored_submission(
    two_uploads, analyst_bracknell
):
    first, second = two_uploads
    withdrawn_values = values_of(second)

    withdraw_submission(submission=second, user=analyst_bracknell, reason=WRONG_QUARTER)

    restored_values = values_of(first)
    assert restored_values and not values_of(second)
    assert restored_values != withdrawn_values
    recompute_indicators(authority=first.authority, quarter="2018-Q1")
    assert values_of(first) == restored_values


def test_withdrawal_is_logged_with_the_authority_and_the_reason_not_the_note(
    two_uploads, analyst_bracknell, bracknell
):
    second = two_uploads[1]

    withdraw_submission(
        submission=second, user=analyst_bracknell, reason=WRONG_QUARTER, note="family F9 etc"
    )

    entry = AccessLog.objects.get(action=AccessLog.Action.WITHDRAW)
    assert entry.user == analyst_bracknell and entry.authority == bracknell
    assert entry.channel == AccessLog.Channel.COMMAND
    assert f"KPI submission {second.pk}" in entry.target
    assert "wrong quarter" in entry.target
    assert "F9" not in entry.target


def test_withdrawing_a_superseded_submission_leaves_the_current_one(two_uploads, analyst_bracknell):
    first, second = two_uploads
    current_values = values_of(second)

    report = withdraw_submission(submission=first, user=analyst_bracknell, reason="wrong_file")

    first.refresh_from_db()
    second.refresh_from_db()
    assert report.withdrawn and report.restored is None
    assert (first.status, second.status) == ("withdrawn", "accepted")
    assert rows_held(first) == 0 and rows_held(second) > 0
    assert values_of(second) == current_values
    assert "unchanged" in report.message


def test_withdrawing_the_only_submission_leaves_the_quarter_without_values(
    upload, analyst_bracknell
):
    only = upload("valid_small.csv").submission
    assert IndicatorValue.objects.filter(quarter="2018-Q1").exists()

    report = withdraw_submission(submission=only, user=analyst_bracknell, reason="other")

    assert report.withdrawn and report.restored is None
    assert not Submission.objects.current().exists()
    assert not IndicatorValue.objects.filter(quarter="2018-Q1").exists()
    assert "no current submission" in report.message


def test_an_earlier_submission_whose_rows_were_purged_is_not_made_current(
    upload, analyst_bracknell
):
    oldest = upload("valid_small.csv").submission
    middle = upload(file_bytes("valid_small.csv").replace(b"Team A", b"Team Q")).submission
    newest = upload(FIRST_FAMILY_ONLY).submission
    Family.objects.filter(submission=middle).delete()  # as the retention purge does

    report = withdraw_submission(submission=newest, user=analyst_bracknell, reason="other")

    assert report.restored == oldest
    assert Submission.objects.current().get() == oldest


def test_a_submission_with_no_rows_cannot_be_withdrawn(upload, analyst_bracknell):
    rejected = upload("rule_age_out_of_range.csv").submission

    report = withdraw_submission(submission=rejected, user=analyst_bracknell, reason="other")

    rejected.refresh_from_db()
    assert not report.withdrawn
    assert rejected.status == "rejected"
    assert rejected.problems
    assert "only an accepted or superseded submission" in report.message
    assert not AccessLog.objects.filter(action=AccessLog.Action.WITHDRAW).exists()


def test_a_withdrawn_submission_cannot_be_withdrawn_again(two_uploads, analyst_bracknell):
    second = two_uploads[1]
    withdraw_submission(submission=second, user=analyst_bracknell, reason="other")

    again = withdraw_submission(submission=second, user=analyst_bracknell, reason="other")

    assert not again.withdrawn
    assert Submission.objects.current().get() == two_uploads[0]
    assert AccessLog.objects.filter(action=AccessLog.Action.WITHDRAW).count() == 1


@pytest.mark.parametrize("persona", ["analyst_surrey", "admin", "regional_analyst", "member"])
def test_only_the_authoritys_analysts_may_withdraw(two_uploads, request, persona):
    second = two_uploads[1]

    report = withdraw_submission(
        submission=second, user=request.getfixturevalue(persona), reason="other"
    )

    second.refresh_from_db()
    assert not report.withdrawn and second.status == "accepted"
    assert rows_held(second) > 0


def test_an_unknown_reason_is_refused_before_anything_changes(two_uploads, analyst_bracknell):
    with pytest.raises(ValueError):
        withdraw_submission(submission=two_uploads[1], user=analyst_bracknell, reason="bored")
    assert Submission.objects.get(pk=two_uploads[1].pk).status == "accepted"


def test_a_withdrawn_file_uploaded_again_is_imported_afresh(upload, analyst_bracknell):
    only = upload("valid_small.csv").submission
    withdraw_submission(submission=only, user=analyst_bracknell, reason="other")

    again = upload("valid_small.csv")

    assert again.outcome == "accepted" and again.submission.pk != only.pk
    assert QuarterMeasures.objects.filter(submission=again.submission).exists()


# --- The page --------------------------------------------------------------------------------


def withdraw_url(submission) -> str:
    return reverse("kpi:submission-withdraw", args=[submission.pk])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("member", 404),
        ("editor_bracknell", 404),
        ("analyst_surrey", 404),
        ("regional_analyst", 404),
        ("admin", 404),
        ("analyst_bracknell", 200),
    ],
)
def test_withdraw_page_is_for_the_owning_authoritys_analysts(
    client_for, two_uploads, persona, expected
):
    client = client_for(persona)
    second = two_uploads[1]

    assert client.get(withdraw_url(second)).status_code == expected
    posted = client.post(withdraw_url(second), {"reason": "wrong_file"})
    assert posted.status_code == (302 if expected == 200 else expected)
    second.refresh_from_db()
    assert second.status == ("withdrawn" if persona == "analyst_bracknell" else "accepted")


def test_withdraw_page_asks_why_and_says_what_will_happen(client_for, two_uploads):
    response = client_for("analyst_bracknell").get(withdraw_url(two_uploads[1]))

    html = response.content.decode()
    assert "Why are you withdrawing this submission?" in html
    assert 'type="radio"' in html and 'name="reason"' in html
    assert "It was filed under the wrong quarter" in html
    assert f"Submission {two_uploads[0].pk} becomes the current submission" in html
    assert "govuk-button--warning" in html


def test_withdraw_without_a_reason_shows_the_error_summary(client_for, two_uploads):
    response = client_for("analyst_bracknell").post(withdraw_url(two_uploads[1]), {})

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Select why you are withdrawing this submission" in html
    assert "<title>Error: " in html
    assert Submission.objects.get(pk=two_uploads[1].pk).status == "accepted"


def test_another_reason_needs_an_explanation(client_for, two_uploads):
    response = client_for("analyst_bracknell").post(
        withdraw_url(two_uploads[1]), {"reason": "other", "note": "  "}
    )

    assert "Explain why you are withdrawing this submission" in response.content.decode()
    assert Submission.objects.get(pk=two_uploads[1].pk).status == "accepted"


def test_withdraw_then_confirmation(client_for, two_uploads):
    first, second = two_uploads
    client = client_for("analyst_bracknell")

    response = client.post(withdraw_url(second), {"reason": "wrong_quarter"})

    confirmation = reverse("kpi:submission-withdrawn", args=[second.pk])
    assert response.status_code == 302 and response["Location"] == confirmation
    html = client.get(confirmation).content.decode()
    assert "govuk-panel--confirmation" in html
    assert f"Submission {second.pk} withdrawn" in html
    assert f"Submission {first.pk} is the current submission" in html
    detail = client.get(reverse("kpi:submission-detail", args=[second.pk])).content.decode()
    assert "Withdrawn" in detail and "It was filed under the wrong quarter" in detail


def test_confirmation_of_a_submission_not_withdrawn_goes_back_to_it(client_for, two_uploads):
    second = two_uploads[1]

    response = client_for("analyst_bracknell").get(
        reverse("kpi:submission-withdrawn", args=[second.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("kpi:submission-detail", args=[second.pk])


def test_detail_page_offers_withdrawal_only_for_a_submission_with_rows(client_for, upload):
    accepted = upload("valid_small.csv").submission
    rejected = upload("rule_age_out_of_range.csv").submission
    client = client_for("analyst_bracknell")

    accepted_page = client.get(reverse("kpi:submission-detail", args=[accepted.pk]))
    rejected_page = client.get(reverse("kpi:submission-detail", args=[rejected.pk]))

    assert withdraw_url(accepted) in accepted_page.content.decode()
    assert withdraw_url(rejected) not in rejected_page.content.decode()


def test_withdrawing_a_rejected_submission_by_url_explains_why_not(client_for, upload):
    rejected = upload("rule_age_out_of_range.csv").submission

    response = client_for("analyst_bracknell").get(withdraw_url(rejected))

    assert response.status_code == 200
    assert "cannot be withdrawn" in response.content.decode()
    assert 'name="reason"' not in response.content.decode()


# --- The API ---------------------------------------------------------------------------------


def api_url(submission) -> str:
    return f"/api/v1/kpi/submissions/{submission.pk}/withdraw/"


def test_api_withdraws_with_a_reason(client_for, two_uploads, analyst_bracknell):
    first, second = two_uploads

    response = client_for("analyst_bracknell").post(
        api_url(second),
        {"reason": "wrong_quarter", "note": "Meant Q2"},
        content_type="application/json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["submission"]["status"] == "withdrawn"
    assert body["restored"]["id"] == first.pk and body["restored"]["is_current"] is True
    assert body["rows_deleted"] > 0
    entry = AccessLog.objects.get(action=AccessLog.Action.WITHDRAW)
    assert entry.channel == AccessLog.Channel.API_SESSION


def test_api_needs_a_reason(client_for, two_uploads):
    response = client_for("analyst_bracknell").post(
        api_url(two_uploads[1]), {}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "reason" in response.json()
    assert Submission.objects.get(pk=two_uploads[1].pk).status == "accepted"


def test_api_refuses_a_submission_without_rows_with_409(client_for, upload):
    rejected = upload("rule_age_out_of_range.csv").submission

    response = client_for("analyst_bracknell").post(
        api_url(rejected), {"reason": "other", "note": "x"}, content_type="application/json"
    )

    assert response.status_code == 409
    assert "only an accepted or superseded submission" in response.json()["detail"]


@pytest.mark.parametrize("persona", ["analyst_surrey", "admin", "regional_analyst", "member"])
def test_api_withdrawal_of_another_authoritys_submission_is_404(client_for, two_uploads, persona):
    response = client_for(persona).post(
        api_url(two_uploads[1]), {"reason": "other", "note": "x"}, content_type="application/json"
    )

    assert response.status_code == 404
    assert Submission.objects.get(pk=two_uploads[1].pk).status == "accepted"


def test_api_withdrawal_by_token_is_logged_as_such(client, two_uploads, analyst_bracknell):
    from accounts.services import create_api_token

    token = create_api_token(user=analyst_bracknell)

    response = client.post(
        api_url(two_uploads[1]),
        {"reason": "wrong_file"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )

    assert response.status_code == 200
    entry = AccessLog.objects.get(action=AccessLog.Action.WITHDRAW)
    assert entry.channel == AccessLog.Channel.API_TOKEN


def test_schema_documents_the_withdraw_action(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    operation = schema["paths"]["/api/v1/kpi/submissions/{id}/withdraw/"]["post"]
    assert "409" in operation["responses"] and "200" in operation["responses"]

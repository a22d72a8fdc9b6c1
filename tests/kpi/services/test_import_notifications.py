"""The uploader of a file checked in the background is emailed its outcome once the
import's transaction commits, once per import, with counts but never the file's values
(issue 23: "The analyst is emailed when a background import finishes")."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kpi.models import Submission
from kpi.notifications import background_import_finished
from kpi.services.import_run import run_pending_import
from kpi.services.recovery import recover_interrupted_imports
from tests.kpi.conftest import file_bytes
from tests.kpi.services.test_import import generated_csv

BASE_URL = "https://portal.example.org"


@pytest.fixture(autouse=True)
def _portal_base_url(settings):
    settings.PORTAL_BASE_URL = BASE_URL + "/"


def the_email() -> mail.EmailMessage:
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    return mail.outbox[0]


def page_url(submission: Submission) -> str:
    return BASE_URL + reverse("kpi:submission-detail", args=[submission.pk])


def assert_no_record_values(text: str, content: bytes) -> None:
    """No cell of the file (identifiers, dates, teams, categories) appears in the email."""
    rows = list(csv.reader(io.StringIO(content.decode())))
    cells = {cell for row in rows[1:] for cell in row if len(cell) >= 2 and not cell.isdigit()}
    assert cells
    quoted = [cell for cell in cells if re.search(rf"(?<!\w){re.escape(cell)}(?!\w)", text)]
    assert quoted == []


def test_accepted_background_import_emails_the_uploader_with_a_link(
    upload, analyst_bracknell, django_capture_on_commit_callbacks
):
    content = generated_csv("bracknell-forest", "2018-Q1", families=12, seed=3)

    with django_capture_on_commit_callbacks(execute=True):
        report = upload(content, background=True, user=analyst_bracknell, name="smith-family.csv")

    submission = report.submission
    assert submission.status == Submission.Status.ACCEPTED
    email = the_email()
    assert email.to == [analyst_bracknell.email]
    assert email.subject == (
        f"Your cohort file for Bracknell Forest, {submission.quarter_label} was accepted"
    )
    assert f"for Bracknell Forest, {submission.quarter_label} (2018-Q1)" in email.body
    assert "It was accepted." in email.body
    assert f"Its {submission.row_count:,} rows became the current submission" in email.body
    assert page_url(submission) in email.body
    assert "smith-family" not in email.body
    assert_no_record_values(email.subject + email.body, content)


def test_rejected_background_import_emails_the_error_count_and_no_values(
    upload, analyst_bracknell, django_capture_on_commit_callbacks
):
    content = file_bytes("valid_small.csv") + b"F3,P9,Male,40,,01/01/2099,,,,,,,,,,,,,,,,,,\n"

    with django_capture_on_commit_callbacks(execute=True):
        report = upload(content, background=True, user=analyst_bracknell)

    assert report.submission.status == Submission.Status.REJECTED
    email = the_email()
    assert email.subject.endswith("was rejected")
    assert "the check found 1 error" in email.body
    assert "Nothing from the file was stored" in email.body
    assert page_url(report.submission) in email.body
    assert "01/01/2099" not in email.body
    assert_no_record_values(email.subject + email.body, content)


def stranded(authority, user, *, task_id: str) -> Submission:
    return Submission.objects.create(
        authority=authority,
        quarter="2018-Q1",
        sha256="x",
        status=Submission.Status.VALIDATING,
        uploaded_by=user,
        task_id=task_id,
        started_at=timezone.now() - timedelta(hours=2),
    )


def test_a_background_import_recovered_as_failed_is_emailed_once(
    fs_bracknell, analyst_bracknell, django_capture_on_commit_callbacks
):
    submission = stranded(fs_bracknell, analyst_bracknell, task_id="task-1")

    with django_capture_on_commit_callbacks(execute=True):
        assert recover_interrupted_imports() == [submission.pk]
        assert recover_interrupted_imports() == []
        # Its task, run again after the recovery, finds it failed and changes nothing.
        assert run_pending_import(submission_id=submission.pk).outcome == "failed"

    email = the_email()
    assert email.subject.endswith("could not be checked")
    assert "It could not be checked, so none of it was stored." in email.body
    assert "The import was interrupted before it finished" in email.body
    assert reverse("kpi:submission-upload") in email.body
    assert page_url(submission) in email.body


def test_an_import_in_the_request_recovered_as_failed_is_not_emailed(
    fs_bracknell, analyst_bracknell, django_capture_on_commit_callbacks
):
    submission = stranded(fs_bracknell, analyst_bracknell, task_id="")

    with django_capture_on_commit_callbacks(execute=True):
        assert recover_interrupted_imports() == [submission.pk]

    assert mail.outbox == []


@pytest.mark.parametrize("content", [b"", b"F3,P9,Male,40,,01/01/2099,,,,,,,,,,,,,,,,,,\n"])
def test_an_import_in_the_request_is_not_emailed(
    upload, analyst_bracknell, django_capture_on_commit_callbacks, content
):
    with django_capture_on_commit_callbacks(execute=True):
        report = upload(
            file_bytes("valid_small.csv") + content, background=False, user=analyst_bracknell
        )

    assert report.outcome in ("accepted", "rejected")
    assert mail.outbox == []


def test_a_background_task_run_twice_emails_once(
    upload, analyst_bracknell, django_capture_on_commit_callbacks
):
    content = generated_csv("bracknell-forest", "2018-Q1", families=8, seed=5)

    with django_capture_on_commit_callbacks(execute=True):
        report = upload(content, background=True, user=analyst_bracknell)
        again = run_pending_import(submission_id=report.submission.pk)

    assert again.outcome == "accepted"
    assert len(mail.outbox) == 1


def test_nothing_is_emailed_when_the_import_s_transaction_rolls_back(
    upload, analyst_bracknell, django_capture_on_commit_callbacks
):
    submission = upload("valid_small.csv", user=analyst_bracknell).submission

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        background_import_finished(submission)
        raise RuntimeError("the import's transaction rolls back")

    assert mail.outbox == []


def test_a_background_import_without_an_uploader_emails_nobody(
    upload, django_capture_on_commit_callbacks
):
    content = generated_csv("bracknell-forest", "2018-Q1", families=8, seed=6)

    with django_capture_on_commit_callbacks(execute=True):
        report = upload(content, background=True, user=None)

    assert report.submission.status == Submission.Status.ACCEPTED
    assert mail.outbox == []


def test_the_page_of_a_file_checked_in_the_background_says_it_will_email(
    fs_bracknell, analyst_bracknell, client_for
):
    background = Submission.objects.create(
        authority=fs_bracknell,
        quarter="2018-Q1",
        sha256="x",
        uploaded_by=analyst_bracknell,
        task_id="task-2",
    )
    in_request = Submission.objects.create(
        authority=fs_bracknell,
        quarter="2018-Q2",
        sha256="y",
        status=Submission.Status.VALIDATING,
        uploaded_by=analyst_bracknell,
    )
    client = client_for("analyst_bracknell")

    page = client.get(reverse("kpi:submission-detail", args=[background.pk])).content.decode()
    assert "We will email you when it is finished." in page
    page = client.get(reverse("kpi:submission-detail", args=[in_request.pk])).content.decode()
    assert "We will email" not in page


def test_a_colleague_watching_a_background_import_is_told_who_will_be_emailed(
    fs_bracknell, analyst_bracknell, client
):
    from tests.factories import UserFactory

    colleague = UserFactory(
        email="colleague@bracknell-forest.example.org",
        role="authority_analyst",
        authority=fs_bracknell,
    )
    background = Submission.objects.create(
        authority=fs_bracknell,
        quarter="2018-Q1",
        sha256="x",
        uploaded_by=analyst_bracknell,
        task_id="task-5",
    )
    client.force_login(colleague)

    page = client.get(reverse("kpi:submission-detail", args=[background.pk])).content.decode()

    assert f"We will email {analyst_bracknell.email}, who uploaded it, when it is finished." in (
        page
    )


def test_a_mail_server_that_is_down_fails_neither_the_import_nor_the_recovery(
    fs_bracknell, analyst_bracknell, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    first = stranded(fs_bracknell, analyst_bracknell, task_id="task-3")
    second = stranded(fs_bracknell, analyst_bracknell, task_id="task-4")

    with django_capture_on_commit_callbacks(execute=True):
        recovered = recover_interrupted_imports()

    assert sorted(recovered) == sorted([first.pk, second.pk])
    assert set(Submission.objects.values_list("status", flat=True)) == {"failed"}

"""A queued file's page says when no worker has picked it up for over a minute, and what
to do (issue 17: "background work is visible"). The page works without JavaScript: the
notice is in the page the server sends."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kpi.models import Submission
from seslip.models import WorkerHeartbeat

NO_WORKER = "nothing has picked it up: no background worker is running"
BUSY_WORKER = "for the background worker, which is busy with other files"


def queued(authority, *, minutes_ago: float, status: str = "received") -> Submission:
    return Submission.objects.create(
        authority=authority,
        quarter="2018-Q1",
        sha256="x",
        status=status,
        rows_total=30_000,
        uploaded_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def beating(*, seconds_ago: int, stopped: bool = False) -> None:
    beat_at = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(
        worker_id=f"worker-{seconds_ago}-{stopped}",
        started_at=beat_at - timedelta(hours=1),
        last_beat_at=beat_at,
        stopped_at=beat_at if stopped else None,
    )


def page(client_for, submission: Submission) -> str:
    response = client_for("analyst_bracknell").get(
        reverse("kpi:submission-detail", args=[submission.pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_no_notice_in_the_first_minute(client_for, fs_bracknell):
    html = page(client_for, queued(fs_bracknell, minutes_ago=0.5))

    assert "Waiting to be checked" in html
    assert NO_WORKER not in html
    assert BUSY_WORKER not in html


def test_waiting_file_without_a_worker_says_so_and_what_to_do(client_for, fs_bracknell):
    beating(seconds_ago=600)  # a worker that went silent ten minutes ago
    beating(seconds_ago=5, stopped=True)  # and one that stopped cleanly

    html = page(client_for, queued(fs_bracknell, minutes_ago=5))

    assert "The file has waited 5\xa0minutes and " + NO_WORKER in html
    assert "Files with more than 20,000 rows are checked by a background worker." in html
    assert "<code>.venv/bin/python manage.py run_worker</code>" in html
    assert "you do not need to upload it again" in html


def test_waiting_file_with_a_busy_worker_says_it_is_next(client_for, fs_bracknell):
    beating(seconds_ago=5)

    html = page(client_for, queued(fs_bracknell, minutes_ago=3))

    assert BUSY_WORKER in html
    assert "run_worker" not in html


@pytest.mark.parametrize("status", ["validating", "accepted", "rejected"])
def test_no_queue_notice_once_a_worker_has_the_file(client_for, fs_bracknell, status):
    html = page(client_for, queued(fs_bracknell, minutes_ago=10, status=status))

    assert NO_WORKER not in html
    assert BUSY_WORKER not in html


STOPPED = "The background worker that was checking this file has stopped"


def test_a_file_being_checked_by_a_worker_that_stopped_says_so(client_for, fs_bracknell):
    """On SQLite nothing else tells an import killed with its worker from one still
    running: the page says so as soon as the worker has been silent for a minute."""
    beating(seconds_ago=600)
    submission = queued(fs_bracknell, minutes_ago=5, status="validating")
    Submission.objects.filter(pk=submission.pk).update(task_id="task-1")

    html = page(client_for, submission)

    assert STOPPED in html
    assert "Nothing of the file has been stored" in html
    assert "<code>.venv/bin/python manage.py run_worker</code>" in html


def test_a_file_being_checked_by_a_running_worker_has_no_stopped_notice(client_for, fs_bracknell):
    beating(seconds_ago=5)
    submission = queued(fs_bracknell, minutes_ago=5, status="validating")
    Submission.objects.filter(pk=submission.pk).update(task_id="task-1")

    assert STOPPED not in page(client_for, submission)

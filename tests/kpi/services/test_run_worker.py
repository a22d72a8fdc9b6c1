"""`manage.py run_worker`: django-tasks-db's worker with a heartbeat, after recovering
imports a dead worker left "checking" (docs/adr/0002-task-backend.md)."""

import signal
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kpi.management.commands.run_worker import Heartbeat
from kpi.models import Submission
from kpi.services.recovery import INTERRUPTED_MESSAGE
from seslip.models import WorkerHeartbeat, worker_is_running
from tests.kpi.services.test_import import generated_csv

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture
def signal_handlers():
    """db_worker installs its own SIGINT/SIGTERM handlers in the process it runs in."""
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {name: signal.getsignal(name) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(name, handler)


def run_worker(*extra: str) -> None:
    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", *extra, verbosity=0)


def test_run_worker_imports_a_queued_file_and_records_its_heartbeat(
    upload, database_tasks, signal_handlers
):
    content = generated_csv("bracknell-forest", "2018-Q1", families=30, seed=4)
    report = upload(content, background=True)
    assert report.outcome == "queued"
    assert not worker_is_running()

    run_worker("--worker-id", "worker-under-test")

    report.submission.refresh_from_db()
    assert report.submission.status == Submission.Status.ACCEPTED
    beat = WorkerHeartbeat.objects.get()
    assert beat.worker_id == "worker-under-test"
    assert beat.started_at <= beat.last_beat_at <= timezone.now()
    assert beat.stopped_at is not None  # it said it stopped: not "running" a minute longer
    assert not worker_is_running()


def test_run_worker_emails_the_uploader_once_the_import_is_stored(
    upload, analyst_bracknell, database_tasks, signal_handlers
):
    content = generated_csv("bracknell-forest", "2018-Q1", families=10, seed=6)
    report = upload(content, background=True, user=analyst_bracknell)
    assert report.outcome == "queued"
    assert mail.outbox == []  # queued, not finished

    run_worker()

    report.submission.refresh_from_db()
    assert report.submission.status == Submission.Status.ACCEPTED
    (email,) = mail.outbox
    assert email.to == [analyst_bracknell.email]
    assert email.subject.endswith("was accepted")


def test_run_worker_runs_an_import_queued_under_the_task_s_older_address(
    upload, database_tasks, signal_handlers
):
    """The task moved beside its service (kpi.services.imports); work queued before that
    under `kpi.tasks.import_submission_task` still runs."""
    from django_tasks_db.models import DBTaskResult

    content = generated_csv("bracknell-forest", "2018-Q1", families=12, seed=5)
    report = upload(content, background=True)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "kpi.services.imports.import_submission_task"
    DBTaskResult.objects.update(task_path="kpi.tasks.import_submission_task")

    run_worker()

    report.submission.refresh_from_db()
    assert report.submission.status == Submission.Status.ACCEPTED


def test_run_worker_first_marks_imports_a_dead_worker_left_as_failed(
    fs_bracknell, database_tasks, signal_handlers
):
    stranded = Submission.objects.create(
        authority=fs_bracknell,
        quarter="2018-Q1",
        sha256="x",
        status=Submission.Status.VALIDATING,
        started_at=timezone.now() - timedelta(hours=2),
    )

    run_worker()

    stranded.refresh_from_db()
    assert stranded.status == Submission.Status.FAILED
    assert stranded.failure_message == INTERRUPTED_MESSAGE


def test_run_worker_forgets_workers_silent_for_a_week(database_tasks, signal_handlers):
    long_ago = timezone.now() - timedelta(days=8)
    WorkerHeartbeat.objects.create(worker_id="gone", started_at=long_ago, last_beat_at=long_ago)

    run_worker("--worker-id", "new")

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["new"]


def test_heartbeat_beats_while_the_worker_runs_and_says_when_it_stops(db):
    heartbeat = Heartbeat("beating", every=0.05)
    heartbeat.start()
    first = WorkerHeartbeat.objects.get().last_beat_at
    try:
        deadline = time.monotonic() + 30
        while WorkerHeartbeat.objects.get().last_beat_at == first:
            assert time.monotonic() < deadline, "the heartbeat thread never beat"
            time.sleep(0.05)
        assert worker_is_running()
    finally:
        heartbeat.stop()

    beat = WorkerHeartbeat.objects.get()
    assert beat.last_beat_at > first
    assert beat.stopped_at is not None
    assert not worker_is_running()


@pytest.mark.sqlite_only
def test_on_sqlite_a_restarted_worker_fails_its_predecessors_import_at_once(
    fs_bracknell, database_tasks, signal_handlers
):
    """SQLite has no lock that shows an import alive, so a worker's import was only
    called dead after an hour "checking". An import a worker ran, found "checking" when
    no worker is running, died with its worker: a restarted worker fails it at once, and
    the file can be uploaded again. One checked in a web request still waits the hour."""
    by_worker = Submission.objects.create(
        authority=fs_bracknell,
        quarter="2018-Q1",
        sha256="x",
        status=Submission.Status.VALIDATING,
        task_id="task-of-a-dead-worker",
        started_at=timezone.now() - timedelta(minutes=3),
    )
    in_a_request = Submission.objects.create(
        authority=fs_bracknell,
        quarter="2018-Q2",
        sha256="y",
        status=Submission.Status.VALIDATING,
        started_at=timezone.now() - timedelta(minutes=3),
    )

    run_worker()

    by_worker.refresh_from_db()
    in_a_request.refresh_from_db()
    assert by_worker.status == Submission.Status.FAILED
    assert in_a_request.status == Submission.Status.VALIDATING

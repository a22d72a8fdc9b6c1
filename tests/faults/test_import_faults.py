"""Fault tests for cohort imports (issue: faults): the importing process killed mid-import,
and two uploads for the same authority and quarter at the same moment."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from kpi.models import Family, Person, Submission
from kpi.services.imports import import_submission
from kpi.services.recovery import recover_interrupted_imports
from kpi.services.toolkit import ensure_cohorts
from tests.kpi.services.test_indicator_values import generated

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    settings = connection.settings_dict
    host = settings["HOST"].replace("/", "%2F")
    return f"postgres://{settings['USER']}@{host}/{settings['NAME']}"


def named(content: bytes, name: str):
    import io

    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.mark.postgres_only
def test_import_killed_midway_stores_nothing_is_marked_failed_and_can_be_rerun(bracknell, tmp_path):
    from kpi.quarters import Quarter

    ensure_cohorts(authority=bracknell)
    quarter = Quarter.parse("2018-Q1")
    _, small = generated(bracknell.slug, quarter, families=10, seed=1)
    first = import_submission(authority=bracknell, quarter=quarter, file=named(small, "a.csv"))
    assert first.outcome == "accepted"
    people_before = Person.objects.count()

    _, large = generated(bracknell.slug, quarter, families=3000, seed=2)
    path = tmp_path / "large.csv"
    path.write_bytes(large)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "seslip.settings_test",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "import_cohort",
            str(path),
            "--la",
            bracknell.slug,
            "--quarter",
            "2018-Q1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            running = Submission.objects.filter(status="validating", rows_processed__gt=0).first()
            if running is not None:
                break
            assert worker.poll() is None, "the import finished before it could be killed"
            time.sleep(0.05)
        else:
            pytest.fail("the import never started")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()

    running.refresh_from_db()
    assert running.status == "validating"
    assert not Family.objects.filter(submission=running).exists()  # rolled back
    assert Person.objects.count() == people_before
    current = Submission.objects.current().get(authority=bracknell, quarter="2018-Q1")
    assert current.pk == first.submission.pk

    assert recover_interrupted_imports() == [running.pk]
    running.refresh_from_db()
    assert running.status == "failed"
    assert "interrupted" in running.failure_message

    again = import_submission(authority=bracknell, quarter=quarter, file=named(large, "b.csv"))
    assert again.outcome == "accepted"
    assert Submission.objects.current().filter(authority=bracknell).count() == 1
    assert (
        Person.objects.filter(submission=again.submission).count() == again.submission.person_count
    )
    assert not Person.objects.filter(submission=running).exists()


def test_recovery_leaves_a_running_import_alone(bracknell):
    submission = Submission.objects.create(
        authority=bracknell, quarter="2018-Q1", sha256="0" * 64, status="validating"
    )
    from django.utils import timezone

    Submission.objects.filter(pk=submission.pk).update(started_at=timezone.now())
    if connection.vendor == "postgresql":
        # Hold the import's lock from another connection, as a live import does.
        from django.db import connections

        other = connections.create_connection("default")
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(7001, %s)", [submission.pk])
        try:
            assert recover_interrupted_imports() == []
        finally:
            other.close()
        # The server lets go of a closed connection's locks when its backend process
        # exits, a moment after the client has hung up.
        deadline = time.monotonic() + 10
        while not (recovered := recover_interrupted_imports()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert recovered == [submission.pk]
    else:
        assert recover_interrupted_imports() == []


@pytest.mark.postgres_only  # SQLite has one writer at a time: there is no race to test
def test_two_simultaneous_uploads_leave_exactly_one_current(bracknell):
    from kpi.quarters import Quarter

    ensure_cohorts(authority=bracknell)
    quarter = Quarter.parse("2018-Q2")
    files = [generated(bracknell.slug, quarter, families=40, seed=s)[1] for s in (7, 8)]
    outcomes = []

    def upload(content: bytes, name: str) -> None:
        try:
            report = import_submission(
                authority=bracknell, quarter=quarter, file=named(content, name)
            )
            outcomes.append(report.outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(c, f"{n}.csv")) for n, c in enumerate(files)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(outcomes) in (["accepted", "accepted"], ["accepted", "failed"])
    current = Submission.objects.current().filter(authority=bracknell, quarter="2018-Q2")
    assert current.count() == 1
    families = Family.objects.filter(submission__in=current).count()
    assert families == current.get().family_count
    others = Submission.objects.filter(authority=bracknell, quarter="2018-Q2").exclude(
        pk=current.get().pk
    )
    assert {s.status for s in others} <= {"superseded", "failed"}
    for other in others.filter(status="failed"):
        assert "at the same moment" in other.failure_message
        assert not Family.objects.filter(submission=other).exists()


def test_a_file_whose_worker_died_after_taking_its_task_is_recovered_once(
    bracknell, settings, tmp_path
):
    """A worker took the task and died before the import began: django-tasks-db leaves the
    task running and gives it to nobody else, so without recovery the file would wait as
    "received" for ever."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from kpi.quarters import Quarter
    from kpi.services.import_run import run_pending_import
    from seslip.models import WorkerHeartbeat

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path
    ensure_cohorts(authority=bracknell)
    _, content = generated(bracknell.slug, Quarter.parse("2018-Q1"), families=5, seed=4)
    report = import_submission(
        authority=bracknell, quarter="2018-Q1", file=named(content, "c.csv"), background=True
    )
    submission = Submission.objects.get(pk=report.submission.pk)
    assert submission.status == "received" and submission.pending_file
    DBTaskResult.objects.get(id=submission.task_id).claim("worker-on-host-2")
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="worker-on-host-2", started_at=now, last_beat_at=now)

    assert recover_interrupted_imports() == [], "its worker is still beating: leave it"

    WorkerHeartbeat.objects.update(last_beat_at=now - WorkerHeartbeat.SILENT_AFTER * 2)
    assert recover_interrupted_imports() == [submission.pk]
    assert recover_interrupted_imports() == []
    submission.refresh_from_db()
    assert submission.status == "failed"
    assert not list(tmp_path.rglob("*.csv"))
    # Were the task ever run after all, it would change nothing.
    assert run_pending_import(submission_id=submission.pk).outcome == "failed"
    assert not Family.objects.filter(submission=submission).exists()

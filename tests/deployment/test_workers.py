"""Several task workers, as on several hosts, against one PostgreSQL (issue 20, "Workers").

Real `run_worker` processes share the test database and one storage directory, nothing
else. No task is run by two workers, no submission is imported twice even when its task is
queued twice, and an import killed with its worker is marked failed once, by one of the
workers still running or starting, and is never run again.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from kpi.models import Family, Submission
from kpi.quarters import Quarter
from kpi.services.imports import import_submission
from kpi.services.recovery import INTERRUPTED_MESSAGE
from kpi.services.toolkit import ensure_cohorts
from kpi.tasks import import_submission_task
from tests.deployment.conftest import database_url, start, stop
from tests.factories import LocalAuthorityFactory
from tests.kpi.conftest import named
from tests.kpi.services.test_indicator_values import generated

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

QUARTER = Quarter.parse("2018-Q1")
RECOVERED = "marked interrupted import of submission {pk} failed"


@pytest.fixture
def workers(settings, tmp_path):
    """`workers(name)` starts a `run_worker` process sharing the database and the storage
    directory with this test; every one is stopped at the end."""
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    env = {
        **os.environ,
        "DATABASE_URL": database_url(tmp_path),
        "DJANGO_SETTINGS_MODULE": "seslip.settings_test",
        "MEDIA_ROOT": str(media),
        "KPI_KEY_SECRET": settings.KPI_KEY_SECRET,
        "KPI_RECOVERY_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("TASKS_BACKEND", None)
    running: dict[str, tuple[subprocess.Popen, Path]] = {}

    def begin(name: str) -> subprocess.Popen:
        log = tmp_path / f"worker-{name}.log"
        process = start(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
                "--worker-id",
                name,
            ],
            env,
            log,
        )
        running[name] = (process, log)
        return process

    begin.logs = lambda: {name: log.read_text() for name, (_, log) in running.items()}  # type: ignore[attr-defined]
    yield begin
    for process, _ in running.values():
        stop(process)


def authorities(count: int) -> list:
    made = [
        LocalAuthorityFactory(slug=f"authority-{n}", name=f"Authority {n}") for n in range(count)
    ]
    for authority in made:
        ensure_cohorts(authority=authority)
    return made


def wait_for(condition, seconds: float, what: str, logs=None) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {seconds}s\n{logs() if logs else ''}")
        time.sleep(0.1)


def test_two_workers_never_run_a_task_or_import_a_file_twice(workers, tmp_path):
    submissions = []
    for number, authority in enumerate(authorities(5)):
        _, content = generated(authority.slug, QUARTER, families=40, seed=number)
        report = import_submission(
            authority=authority, quarter=QUARTER, file=named(content, "c.csv"), background=True
        )
        assert report.outcome == "queued"
        submissions.append(report.submission)
        import_submission_task.enqueue(report.submission.pk)  # the same file queued twice
    tasks = DBTaskResult.objects.all()
    assert tasks.count() == 10

    workers("one")
    workers("two")
    wait_for(
        lambda: not tasks.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists(),
        90,
        "the workers did not finish the tasks",
        workers.logs,
    )

    assert set(tasks.values_list("status", flat=True)) == {"SUCCESSFUL"}, workers.logs()
    ran_by = [task.worker_ids for task in tasks]
    assert all(len(ids) == 1 for ids in ran_by), ran_by
    assert {ids[0] for ids in ran_by} == {"one", "two"}, "both workers must have competed"
    for submission in submissions:
        submission.refresh_from_db()
        assert submission.status == "accepted", submission.failure_message
        assert submission.pending_file == ""
        families = Family.objects.filter(submission=submission).count()
        assert families == submission.family_count == 40  # imported once, not twice
    assert not list((tmp_path / "media").rglob("*.csv")), "stored files are deleted"


def test_an_import_killed_with_its_worker_is_recovered_once_and_never_run_again(workers, tmp_path):
    (authority,) = authorities(1)
    _, content = generated(authority.slug, QUARTER, families=12_000, seed=3)
    first = workers("first")
    report = import_submission(
        authority=authority, quarter=QUARTER, file=named(content, "large.csv"), background=True
    )
    assert report.outcome == "queued"
    submission = report.submission
    stored_file = tmp_path / "media" / Submission.objects.get(pk=submission.pk).pending_file
    assert stored_file.exists()

    checking = Submission.objects.filter(pk=submission.pk, status="validating")
    wait_for(
        lambda: checking.filter(rows_processed__gt=0).exists(),
        60,
        "the first worker never started the import",
        workers.logs,
    )
    # The first worker is paused mid-import (on an idle machine the whole import takes
    # about two seconds): it still holds the import's lock, as a slow import would. A second
    # worker starts and looks for dead imports every second: a live import is left alone,
    # however long it takes.
    os.killpg(first.pid, signal.SIGSTOP)
    assert checking.exists(), "the import finished before the worker was paused"
    workers("second")
    time.sleep(3)
    assert checking.exists(), "a live import was taken for dead:\n" + str(workers.logs())

    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    workers("third")
    wait_for(
        lambda: Submission.objects.filter(pk=submission.pk, status="failed").exists(),
        30,
        "nobody recovered the killed import",
        workers.logs,
    )
    time.sleep(3)  # both survivors look again, several times

    submission.refresh_from_db()
    assert submission.status == "failed"
    assert submission.failure_message == INTERRUPTED_MESSAGE
    marked = "".join(workers.logs().values()).count(RECOVERED.format(pk=submission.pk))
    assert marked == 1, workers.logs()
    assert not stored_file.exists()
    assert not Family.objects.filter(submission=submission).exists()
    (task,) = DBTaskResult.objects.all()
    assert task.worker_ids == ["first"], "the killed task is not run again"

    # Queued again by mistake, the task finds the submission failed and changes nothing.
    again = import_submission_task.enqueue(submission.pk)
    wait_for(
        lambda: DBTaskResult.objects.get(pk=again.id).status == "SUCCESSFUL",
        30,
        "the repeated task did not run",
        workers.logs,
    )
    submission.refresh_from_db()
    assert submission.status == "failed"
    assert not Family.objects.filter(submission=submission).exists()

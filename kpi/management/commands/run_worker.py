"""`python manage.py run_worker`: the background task worker, with a heartbeat.

django-tasks-db's `db_worker` (same options) runs the tasks; it records nothing while it
waits for one, so nobody can tell a worker that is idle from one that is not there.
This command first marks imports left "checking" by a dead worker as failed
(`recover_imports`, again every KPI_RECOVERY_SECONDS while it runs, for workers that die
on other hosts), then runs `db_worker` while a thread writes the worker's heartbeat
(seslip.models.WorkerHeartbeat) every few seconds, idle or busy, and records when it
stops. `/healthz` and a queued submission's page read it. `make run` starts it beside
the web server; in production run it beside gunicorn (README, docs/adr/0002).
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from kpi.services.recovery import recover_interrupted_imports
from seslip.models import WorkerHeartbeat
from seslip.wording import count_of

logger = logging.getLogger(__name__)

# Heartbeats of workers silent for longer than this are deleted when a worker starts.
FORGET_AFTER = timedelta(days=7)


class Heartbeat:
    """A daemon thread that beats for one worker until stopped."""

    def __init__(self, worker_id: str, every: float = WorkerHeartbeat.BEAT_SECONDS):
        self.worker_id = worker_id
        self.every = every
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def start(self) -> None:
        self.beat()  # before the first task: a worker is visible as soon as it starts
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 5)
        self._write(stopped_at=timezone.now())
        connection.close()

    def beat(self) -> None:
        self._write()

    def _run(self) -> None:
        recovery = settings.KPI_RECOVERY_SECONDS
        beaten_at = recovered_at = time.monotonic()
        try:
            while not self._stop.wait(min(self.every, recovery)):
                now = time.monotonic()
                if now - beaten_at >= self.every:
                    beaten_at = now
                    self.beat()
                if now - recovered_at >= recovery:
                    recovered_at = now
                    self._recover()
        finally:
            connection.close()  # this thread's own connection

    def _recover(self) -> None:
        """Imports killed with another worker (on any host) are marked failed by a worker
        that is still running, not only by the next one to start."""
        try:
            recover_interrupted_imports()
        except DatabaseError:
            logger.warning("could not look for interrupted imports", exc_info=True)
            connection.close()

    def _write(self, **fields) -> None:
        now = timezone.now()
        try:
            updated = WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(
                last_beat_at=now, **fields
            )
            if not updated:
                WorkerHeartbeat.objects.create(
                    worker_id=self.worker_id,
                    hostname=socket.gethostname()[:255],
                    pid=os.getpid(),
                    started_at=self.started_at,
                    last_beat_at=now,
                    **fields,
                )
        except DatabaseError:
            # The worker carries on; the missing beats are what says something is wrong.
            logger.warning("could not record the worker's heartbeat", exc_info=True)
            connection.close()


class Command(DatabaseWorkerCommand):
    help = (
        "Run the background task worker (large cohort imports) with a heartbeat, after "
        "marking imports interrupted by a dead worker as failed."
    )

    def handle(self, *args, **options) -> None:
        recovered = recover_interrupted_imports()
        if recovered and options["verbosity"]:
            self.stdout.write(
                f"Marked {count_of(len(recovered), 'interrupted import')} failed: submissions "
                f"{', '.join(map(str, recovered))}."
            )
        # With --reload, this process only watches the code and restarts a child, which
        # runs the tasks and so beats.
        reloading = options["reload"] and not options["batch"]
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            super().handle(*args, **options)
            return
        WorkerHeartbeat.objects.filter(last_beat_at__lt=timezone.now() - FORGET_AFTER).delete()
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()

"""The portal frame's own tables: the data version the anonymous response cache keys on,
and the background workers' heartbeats."""

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone


class DataVersion(models.Model):
    """A single row whose number goes up after every committed change to what anonymous
    visitors can see (seslip.response_cache). Cached pages are stored under the number, so
    a change makes every earlier copy unreachable at once, in every server process."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"data version {self.number}"


class WorkerHeartbeatQuerySet(models.QuerySet["WorkerHeartbeat"]):
    def latest_beat(self) -> "WorkerHeartbeat | None":
        return self.order_by("-last_beat_at").first()


class WorkerHeartbeat(models.Model):
    """A background task worker's sign of life: one row per worker process, its last beat
    refreshed every few seconds while it runs, idle or busy with an import
    (kpi/management/commands/run_worker.py). `/healthz` and a queued submission's page
    read it to say whether a worker is running (docs/adr/0002-task-backend.md)."""

    BEAT_SECONDS = 10
    # A worker not heard from for this long is taken to have stopped: six missed beats
    # (a beat waits for the write lock on SQLite, seconds at most).
    SILENT_AFTER = timedelta(seconds=60)

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField()
    last_beat_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    objects = WorkerHeartbeatQuerySet.as_manager()

    class Meta:
        verbose_name = "worker heartbeat"

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.hostname or 'an unknown host'}"

    def is_running(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.stopped_at is None and now - self.last_beat_at <= self.SILENT_AFTER


def worker_is_running(now: datetime | None = None) -> bool:
    """Whether any background worker has beaten recently and not said it stopped."""
    beat = WorkerHeartbeat.objects.filter(stopped_at__isnull=True).latest_beat()
    return beat is not None and beat.is_running(now)

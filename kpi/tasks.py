"""Background work for KPI imports, run by django-tasks (docs/adr/0002-task-backend.md).

Start a worker with `python manage.py run_worker`; see docs/kpi-ingest.md. The task is
defined in `kpi.services.imports`, beside the service that enqueues it; this name stays so
that imports queued under `kpi.tasks.import_submission_task` still run.
"""

from kpi.services.imports import import_submission_task

__all__ = ["import_submission_task"]

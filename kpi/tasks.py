"""Background work for KPI imports, run by django-tasks (docs/adr/0002-task-backend.md).

Start a worker with `python manage.py db_worker`; see docs/kpi-ingest.md.
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def import_submission_task(submission_id: int) -> str:
    """Import a large cohort file that the upload stored for the worker."""
    from kpi.services.imports import run_pending_import

    report = run_pending_import(submission_id=submission_id)
    return report.outcome

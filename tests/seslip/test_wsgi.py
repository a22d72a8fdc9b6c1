"""The WSGI entry point loads the URL configuration when a worker starts, not on the first
request: run in a fresh interpreter, since this test process has loaded it already."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = (
    "import sys; import seslip.wsgi; "
    "print(all(name in sys.modules for name in "
    "('kpi.views.submissions', 'models_registry.views', 'evidence.views', 'openpyxl')))"
)


def test_a_new_worker_has_every_view_imported_before_its_first_request():
    environment = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "seslip.settings"}
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"

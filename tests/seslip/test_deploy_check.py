import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Test-only relaxations that a production environment does not set.
PRODUCTION_OVERRIDES = {"SECURE_SSL_REDIRECT", "STATIC_ROOT", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k not in PRODUCTION_OVERRIDES},
        "DJANGO_SETTINGS_MODULE": "seslip.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k3Y-for-the-deploy-check-" + "aB9#xZ" * 8,
        "ALLOWED_HOSTS": "portal.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_collectstatic_works(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in PRODUCTION_OVERRIDES},
        "DJANGO_SETTINGS_MODULE": "seslip.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k3Y-for-the-collectstatic-check-" + "aB9#xZ" * 8,
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    assert list((tmp_path / "static" / "css").glob("portal.*.css"))

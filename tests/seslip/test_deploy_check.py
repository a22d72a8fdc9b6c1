import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Test-only relaxations that a production environment does not set.
PRODUCTION_OVERRIDES = {"SECURE_SSL_REDIRECT", "STATIC_ROOT", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def check_deploy(**environment) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if k not in PRODUCTION_OVERRIDES},
        "DJANGO_SETTINGS_MODULE": "seslip.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k3Y-for-the-deploy-check-" + "aB9#xZ" * 8,
        "ALLOWED_HOSTS": "portal.example.org",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    # README's production section: behind one TLS-terminating proxy.
    result = check_deploy(TRUSTED_PROXY_COUNT="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_no_proxy_is_trusted():
    result = check_deploy(TRUSTED_PROXY_COUNT="0")
    assert result.returncode != 0
    assert "seslip.W001" in result.stderr + result.stdout
    assert "TRUSTED_PROXY_COUNT" in result.stderr + result.stdout


def test_a_forwarded_request_with_no_trusted_proxy_is_logged_once(
    rf, settings, caplog, monkeypatch
):
    from accounts import services

    settings.DEBUG = False
    settings.TRUSTED_PROXY_COUNT = 0
    monkeypatch.setattr(services, "_warned_about_proxies", False)
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")

    with caplog.at_level("WARNING", logger="accounts.services"):
        assert services.client_ip(request) == "10.0.0.2"
        assert services.client_ip(request) == "10.0.0.2"

    warnings = [r for r in caplog.records if "TRUSTED_PROXY_COUNT" in r.getMessage()]
    assert len(warnings) == 1


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

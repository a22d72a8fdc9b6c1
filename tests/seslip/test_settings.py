import runpy
from pathlib import Path

import pytest

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "seslip" / "settings.py"


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict:
    for name in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_database_url_for_postgresql_is_parsed(monkeypatch):
    settings = load_settings(
        monkeypatch,
        DEBUG="1",
        DATABASE_URL="postgres://portal:s3cret@db.internal:5433/seslip",
    )
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "seslip"
    assert database["USER"] == "portal"
    assert database["PASSWORD"] == "s3cret"
    assert database["HOST"] == "db.internal"
    assert database["PORT"] == 5433
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["connect_timeout"] == 5


def test_database_url_with_unix_socket_is_parsed(monkeypatch):
    settings = load_settings(
        monkeypatch, DEBUG="1", DATABASE_URL="postgres://postgres@%2Ftmp%2Fsock/seslip"
    )
    database = settings["DATABASES"]["default"]
    assert database["NAME"] == "seslip"
    assert database["HOST"] == "/tmp/sock"


def test_default_database_is_sqlite_file_under_var(monkeypatch):
    settings = load_settings(monkeypatch, DEBUG="1")
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]).parent.name == "var"


def test_secret_key_is_required_when_debug_is_off(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(monkeypatch, DEBUG="0")


def test_development_secret_key_only_with_debug(monkeypatch):
    settings = load_settings(monkeypatch, DEBUG="1")
    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"].startswith("development-only")


def test_allowed_hosts_come_from_environment(monkeypatch):
    settings = load_settings(
        monkeypatch, DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="portal.example.org, a.b"
    )
    assert settings["ALLOWED_HOSTS"] == ["portal.example.org", "a.b"]
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] > 0


def test_a_replica_url_adds_the_replica_and_turns_replica_reads_on(monkeypatch):
    settings = load_settings(
        monkeypatch,
        DEBUG="1",
        DATABASE_URL="postgres://portal@primary.internal/seslip",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal/seslip",
    )
    replica = settings["DATABASES"]["replica"]
    assert replica["HOST"] == "replica.internal"
    assert replica["CONN_HEALTH_CHECKS"] is True
    assert replica["OPTIONS"]["connect_timeout"] == 5
    assert replica["TEST"] == {"MIRROR": "default"}
    assert settings["REPLICA_READS"] is True


def test_without_a_replica_url_there_is_one_database(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    settings = load_settings(monkeypatch, DEBUG="1")
    assert list(settings["DATABASES"]) == ["default"]
    assert settings["REPLICA_READS"] is False

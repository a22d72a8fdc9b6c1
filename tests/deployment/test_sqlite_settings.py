"""SQLite as a real embedded database: what the settings make of a SQLite DATABASE_URL,
tried on a real file (the suite's own database may be PostgreSQL, or SQLite in memory,
which has no write-ahead log). docs/architecture.md, "SQLite"."""

import runpy
import sqlite3
from pathlib import Path

import pytest
from django.db import connections, transaction

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "seslip" / "settings.py"
ALIAS = "embedded"


@pytest.fixture
def embedded(monkeypatch, tmp_path, django_db_blocker):
    """A connection made exactly as the settings say, to a fresh SQLite file, and a
    second, plain one to the same file standing for another server process."""
    path = tmp_path / "portal.sqlite3"
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    database = runpy.run_path(str(SETTINGS_FILE))["DATABASES"]["default"]
    # With Django's defaults filled in, as for any configured database.
    configured = connections.configure_settings({"default": database})["default"]
    monkeypatch.setitem(connections.settings, ALIAS, configured)
    with django_db_blocker.unblock():  # not the suite's database: a file of this test's
        portal = connections[ALIAS]
        with portal.cursor() as cursor:
            cursor.execute("CREATE TABLE entry (id integer PRIMARY KEY, text varchar(20))")
            cursor.execute("INSERT INTO entry (text) VALUES ('committed')")
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            yield portal, other
        finally:
            other.close()
            portal.close()
            del connections[ALIAS]


def pragma(connection, name: str):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_sqlite_connection_opens_in_wal_with_a_busy_timeout(embedded):
    portal, _ = embedded

    assert pragma(portal, "journal_mode") == "wal"
    assert pragma(portal, "busy_timeout") == 20_000
    assert pragma(portal, "synchronous") == 1  # NORMAL


def test_sqlite_transaction_takes_the_write_lock_when_it_begins(embedded):
    """IMMEDIATE: a transaction that reads and then writes cannot fail half-way with
    "database is locked" because another connection wrote in between."""
    portal, other = embedded

    with transaction.atomic(using=ALIAS):
        with portal.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM entry")
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            other.execute("BEGIN IMMEDIATE")


def test_sqlite_readers_are_not_blocked_by_a_writer(embedded):
    """WAL: while a transaction writes more than fits in its page cache (as an import's
    does), others read the last committed state at once. With SQLite's default journal
    the writer then locks the whole file, and readers get "database is locked"."""
    portal, other = embedded

    with transaction.atomic(using=ALIAS):
        with portal.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = 5")  # pages: spill to the file soon
            cursor.executemany(
                "INSERT INTO entry (text) VALUES (%s)", [("x" * 1000,) for _ in range(500)]
            )
            cursor.execute("UPDATE entry SET text = 'changed' WHERE text = 'committed'")
        seen = other.execute("SELECT text FROM entry ORDER BY id").fetchall()

    assert seen == [("committed",)]
    assert other.execute("SELECT COUNT(*) FROM entry").fetchone() == (501,)

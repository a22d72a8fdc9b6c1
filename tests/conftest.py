"""Suite-wide fixtures and the rules that keep CI honest.

- Tests that need one database carry a marker (`postgres_only`, `sqlite_only`) and are
  deselected, never skipped, on the other: the other run's report shows them passing.
- Under CI=true a skipped test fails the run, and so does a PostgreSQL run in which the
  PostgreSQL-only tests, or a browser run whose browser tests, did not execute.
"""

import os

import pytest
from django.db import connection

CI = os.environ.get("CI", "").lower() == "true"


def database_vendor() -> str:
    return connection.vendor


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    vendor = os.environ.get("DATABASE_URL", "sqlite").split(":", 1)[0]
    on_postgres = vendor.startswith("postgres")
    unwanted = "sqlite_only" if on_postgres else "postgres_only"
    keep = [item for item in items if not item.get_closest_marker(unwanted)]
    drop = [item for item in items if item.get_closest_marker(unwanted)]
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) were skipped; every test must run in CI.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

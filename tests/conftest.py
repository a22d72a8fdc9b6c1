"""Suite-wide fixtures and the rules that keep CI honest.

- Tests that need one database carry a marker (`postgres_only`, `sqlite_only`) and are
  deselected, never skipped, on the other: the other run's report shows them passing.
- Browser tests (tests/browser/, marker `browser`) run once, in the PostgreSQL run (or in
  the SQLite run when SESLIP_BROWSER_ON_SQLITE=1, which tests/tools/run-suites sets when
  this machine has no PostgreSQL).
- Under CI=true a skipped test fails the run, and so does a PostgreSQL run in which no
  PostgreSQL-only test or no browser test executed.
"""

import os

import pytest

CI = os.environ.get("CI", "").lower() == "true"
_selected_key = pytest.StashKey[list]()


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "sqlite").startswith("postgres")


def browser_tests_run_here() -> bool:
    return on_postgres() or os.environ.get("SESLIP_BROWSER_ON_SQLITE") == "1"


def is_browser_test(item: pytest.Item) -> bool:
    return "/tests/browser/" in str(item.path).replace(os.sep, "/")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unwanted = "sqlite_only" if on_postgres() else "postgres_only"
    for item in items:
        if is_browser_test(item):
            item.add_marker(pytest.mark.browser)

    def wanted(item: pytest.Item) -> bool:
        if item.get_closest_marker(unwanted):
            return False
        return browser_tests_run_here() or not item.get_closest_marker("browser")

    drop = [item for item in items if not wanted(item)]
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = [item for item in items if wanted(item)]
    config.stash[_selected_key] = items[:]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    problems = []
    skipped = reporter.stats.get("skipped", [])
    if skipped:
        problems.append(f"{len(skipped)} test(s) were skipped; every test must run in CI")
    partial = session.config.option.keyword or session.config.option.markexpr
    selected = session.config.stash.get(_selected_key, [])
    ran = {report.nodeid for report in reporter.stats.get("passed", [])}
    ran |= {report.nodeid for report in reporter.stats.get("failed", [])}
    if (
        not partial
        and on_postgres()
        and not any(
            item.nodeid in ran for item in selected if item.get_closest_marker("postgres_only")
        )
    ):
        problems.append("no PostgreSQL-only test ran in the PostgreSQL run")
    if (
        not partial
        and browser_tests_run_here()
        and not any(item.nodeid in ran for item in selected if item.get_closest_marker("browser"))
    ):
        problems.append("no browser test ran in the browser run")
    for problem in problems:
        reporter.write_line(f"CI: {problem}.", red=True)
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

"""Suite-wide fixtures and the rules that keep CI honest.

- Tests that need one database carry a marker (`postgres_only`, `sqlite_only`) and are
  deselected, never skipped, on the other: the other run's report shows them passing.
- Browser tests (tests/browser/, marker `browser`) run once, in the PostgreSQL run (or in
  the SQLite run when SESLIP_BROWSER_ON_SQLITE=1, which tests/tools/run-suites sets when
  this machine has no PostgreSQL).
- Tests of the Redis cache (marker `redis_only`) run where CACHE_URL names a Redis server
  (tests/tools/run-suites gives the PostgreSQL run one, tests/tools/with-redis) and are
  deselected elsewhere.
- Under CI=true a skipped test fails the run, and so does a PostgreSQL run in which no
  PostgreSQL-only test, no Redis test or no browser test executed.
"""

import os
import sys
from contextlib import contextmanager
from functools import partial

import pytest

CI = os.environ.get("CI", "").lower() == "true"


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "sqlite").startswith("postgres")


def on_redis() -> bool:
    return os.environ.get("CACHE_URL", "").split("://", 1)[0] in ("redis", "rediss", "unix")


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
        if item.get_closest_marker("redis_only") and not on_redis():
            return False
        # The form fuzz runs where RUN_FORM_FUZZ=1: in `make test`'s SQLite run with a few
        # examples per form, in `make fuzz` with many (tests/tools/run-suites, Makefile).
        if item.get_closest_marker("form_fuzz") and os.environ.get("RUN_FORM_FUZZ") != "1":
            return False
        return browser_tests_run_here() or not item.get_closest_marker("browser")

    drop = [item for item in items if not wanted(item)]
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = [item for item in items if wanted(item)]
    items[:] = shared_data_last(items)


# Fixtures that load data once for a module (module_data below): every test of the module
# that asks for one runs after those that do not, so that no test sees data it never asked
# for. The order is the same on every xdist worker (a stable sort of the collected order).
MODULE_DATA_FIXTURES = frozenset({"region", "loaded_evidence", "loaded_region"})


def shared_data_last(items: list[pytest.Item]) -> list[pytest.Item]:
    module_rank: dict[object, int] = {}
    for item in items:
        module_rank.setdefault(item.path, len(module_rank))

    def uses_shared_data(item: pytest.Item) -> bool:
        return bool(MODULE_DATA_FIXTURES & set(getattr(item, "fixturenames", ())))

    return sorted(items, key=lambda item: (module_rank[item.path], uses_shared_data(item)))


@contextmanager
def module_data(django_db_blocker, load):
    """Data loaded once for a test module, outside any test's transaction: each test runs in
    its own transaction on top of it (rolled back, as always), and the database is emptied
    when the module ends. Loading the region for each of ~130 tests cost minutes a run."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        try:
            yield load()
        finally:
            call_command("flush", interactive=False, verbosity=0)


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
    # Reports, not items: under pytest-xdist the controller collects nothing itself.
    ran = [
        report
        for outcome in ("passed", "failed")
        for report in reporter.stats.get(outcome, [])
        if getattr(report, "when", "call") == "call"
    ]
    if not partial and on_postgres() and not any("postgres_only" in r.keywords for r in ran):
        problems.append("no PostgreSQL-only test ran in the PostgreSQL run")
    if not partial and on_postgres() and not any("redis_only" in r.keywords for r in ran):
        problems.append("no Redis test ran in the PostgreSQL run (tests/tools/with-redis)")
    if not partial and browser_tests_run_here() and not any("browser" in r.keywords for r in ran):
        problems.append("no browser test ran in the browser run")
    for problem in problems:
        reporter.write_line(f"CI: {problem}.", red=True)
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# --- Personas (accounts): one per role, two authorities, for every access-control matrix ---

PERSONA_PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API throttle counts requests in a cache, and anonymous responses are cached
    against the data version (seslip/response_cache.py): start every test from empty."""
    _clear_caches()
    yield
    _clear_caches()


def _clear_caches() -> None:
    """Clear every cache this test can reach. The shared counters live in the database
    cache unless CACHE_URL names Redis: a test without database access cannot reach it
    (pytest-django refuses with RuntimeError), and so cannot have left anything in it."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    for cache in caches.all():
        try:
            cache.clear()
        except RuntimeError:
            if not isinstance(cache, DatabaseCache):
                raise


@pytest.fixture
def bracknell(db):
    from tests.factories import LocalAuthorityFactory

    return LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")


@pytest.fixture
def surrey(db):
    from tests.factories import LocalAuthorityFactory

    return LocalAuthorityFactory(slug="surrey", name="Surrey", kind="county")


@pytest.fixture
def admin(db):
    """A regional admin (not a superuser: roles decide, docs/adr/0004)."""
    from tests.factories import UserFactory

    return UserFactory(email="admin@example.org", role="regional_admin")


@pytest.fixture
def editor_bracknell(bracknell):
    from tests.factories import UserFactory

    return UserFactory(
        email="editor@bracknell-forest.example.org", role="authority_editor", authority=bracknell
    )


@pytest.fixture
def analyst_bracknell(bracknell):
    from tests.factories import UserFactory

    return UserFactory(
        email="analyst@bracknell-forest.example.org", role="authority_analyst", authority=bracknell
    )


@pytest.fixture
def analyst_surrey(surrey):
    from tests.factories import UserFactory

    return UserFactory(
        email="analyst@surrey.example.org", role="authority_analyst", authority=surrey
    )


@pytest.fixture
def regional_analyst(db):
    from tests.factories import UserFactory

    return UserFactory(email="regional.analyst@example.org", role="regional_analyst")


@pytest.fixture
def member(db):
    from tests.factories import UserFactory

    return UserFactory(email="member@example.org", role="member")


PERSONAS = (
    "anonymous",
    "member",
    "editor_bracknell",
    "analyst_bracknell",
    "analyst_surrey",
    "regional_analyst",
    "admin",
)


@pytest.fixture
def client_for(client, request):
    """`client_for("analyst_bracknell")`: a test client signed in as that persona
    (`"anonymous"`: signed out). Signs the client in afresh on each call."""

    def signed_in(persona: str):
        client.logout()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return signed_in


# --- Query counts: a view's own queries, not the shared counters' --------------------------

_SHARED_CACHE_MODULE = os.path.join("django", "core", "cache", "backends", "db.py")


def _issued_by_the_shared_cache() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.endswith(_SHARED_CACHE_MODULE):
            return True
        frame = frame.f_back
    return False


@contextmanager
def _assert_view_queries(num: int, exact: bool = True, connection=None, info=None):
    """pytest-django's query assertion, less the queries of the database cache that holds
    the shared counters (API throttle; settings.CACHES). Those are the same few for every
    request whatever the data (tests/seslip/test_shared_counters.py bounds them) and are
    not SQL at all when the counters live in Redis, as in the PostgreSQL run; counting them
    would make every budget depend on where the counters live."""
    from django.db import connection as default_connection
    from django.test.utils import CaptureQueriesContext

    conn = connection or default_connection
    counter_queries = []

    def note_counter_queries(execute, sql, params, many, context):
        if _issued_by_the_shared_cache():
            counter_queries.append(sql)
        return execute(sql, params, many, context)

    with CaptureQueriesContext(conn) as context, conn.execute_wrapper(note_counter_queries):
        yield context
    performed = len(context) - len(counter_queries)
    if performed != num if exact else performed > num:
        queries = "\n\n".join(q["sql"] for q in context.captured_queries)
        pytest.fail(
            f"Expected to perform {num} queries {'' if exact else 'or less '}but {performed} "
            f"were done (not counting {len(counter_queries)} of the shared counters)"
            + (f"\n{info}" if info else "")
            + f"\n\nQueries:\n========\n\n{queries}"
        )


@pytest.fixture
def django_assert_num_queries():
    return partial(_assert_view_queries, exact=True)


@pytest.fixture
def django_assert_max_num_queries():
    return partial(_assert_view_queries, exact=False)

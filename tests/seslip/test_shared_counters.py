"""The API throttle's counts, and every other counter, are shared by all server
processes: the database cache by default, Redis when CACHE_URL names it. Each test runs
two real processes (tests/seslip/throttle_probe.py) against one store: the second sees
the first one's requests. The control case shows that per-process memory, what the
portal used before, would let the second through."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import override_settings

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 3


def probe(env: dict, requests: int, *flags: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.seslip.throttle_probe", str(requests), *flags],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def probe_env(**changes) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "PYTEST_XDIST_WORKER", "DATABASE_URL")
    }
    env.update(DJANGO_SETTINGS_MODULE="seslip.settings_test", API_THROTTLE_USER=f"{LIMIT}/minute")
    env.update(changes)
    return env


@pytest.fixture
def database_cache_env(tmp_path) -> dict:
    """A database both probes use, with the cache table made as a deployment would."""
    env = probe_env(DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    made = subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    return env


def test_two_processes_share_the_throttle_count_in_the_database_cache(database_cache_env):
    first = probe(database_cache_env, LIMIT, "--fresh")
    second = probe(database_cache_env, 2)

    assert first == {"allowed": LIMIT, "backend": "DatabaseCache"}
    assert second == {"allowed": 0, "backend": "DatabaseCache"}


def test_control_per_process_memory_would_let_the_second_process_through(database_cache_env):
    first = probe(database_cache_env, LIMIT, "--process-local")
    second = probe(database_cache_env, 2, "--process-local")

    assert first["allowed"] == LIMIT
    assert second == {"allowed": 2, "backend": "LocMemCache"}


@pytest.mark.redis_only
def test_two_processes_share_the_throttle_count_in_redis():
    env = probe_env(CACHE_URL=os.environ["CACHE_URL"].replace("db=0", "db=63"))

    first = probe(env, LIMIT, "--fresh")
    second = probe(env, 2)

    assert first == {"allowed": LIMIT, "backend": "RedisCache"}
    assert second == {"allowed": 0, "backend": "RedisCache"}


@pytest.mark.redis_only
def test_with_redis_the_suite_counts_in_redis():
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "RedisCache"


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table():
    table = "probe_cache_table"
    cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    assert table not in connection.introspection.table_names()

    with override_settings(CACHES={**settings.CACHES, "default": cache}):
        from django.apps import apps

        post_migrate.send(
            sender=apps.get_app_config("seslip"),
            app_config=apps.get_app_config("seslip"),
            verbosity=0,
            interactive=False,
            using="default",
            apps=apps,
            plan=[],
        )

    assert table in connection.introspection.table_names()


DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "portal_shared_cache",
}


@pytest.mark.django_db
@pytest.mark.parametrize("authorities", [1, 25])
def test_the_database_counters_cost_a_few_queries_per_request_whatever_the_data(
    client, authorities
):
    from django.core.management import call_command

    from tests.conftest import _issued_by_the_shared_cache
    from tests.factories import LocalAuthorityFactory

    LocalAuthorityFactory.create_batch(authorities)
    counter_queries = []

    def note(execute, sql, params, many, context):
        if _issued_by_the_shared_cache():
            counter_queries.append(sql)
        return execute(sql, params, many, context)

    with override_settings(CACHES={**settings.CACHES, "default": DATABASE_CACHE}):
        call_command("createcachetable", verbosity=0)
        with connection.execute_wrapper(note):
            response = client.get("/api/v1/local-authorities/")

    assert response.status_code == 200
    assert 0 < len(counter_queries) <= 14, counter_queries

"""Settings for the test suite: the real settings with test-only speed-ups.

The environment still chooses the database (DATABASE_URL), so the same suite runs on
SQLite and on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# The portal's own processes that tests start (gunicorn, the worker) send email too (a
# background import tells its uploader): into memory, not to an SMTP server on localhost.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from seslip.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise warns about a missing STATIC_ROOT on every request otherwise.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Tests move the shared data version behind the process's back (as another server process
# would) and expect the next request to notice: re-read it on every request.
# (unless the environment says otherwise: the two-host rehearsal runs with the production
# value, tests/deployment/test_two_hosts.py).
if not os.environ.get("RESPONSE_CACHE_VERSION_CHECK_SECONDS"):
    RESPONSE_CACHE = {**RESPONSE_CACHE, "VERSION_CHECK_SECONDS": 0}  # noqa: F405

# Under pytest-xdist each worker gets a Redis database of its own (with-redis starts the
# server with 64), as it gets a database of its own: clearing the cache between tests
# (tests/conftest.py) must not wipe another worker's counts.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    from urllib.parse import parse_qsl, urlencode

    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1").removeprefix("gw")
    _base, _, _query = CACHES["default"]["LOCATION"].partition("?")  # noqa: F405
    _options = {**dict(parse_qsl(_query)), "db": str(int(_worker) + 2)}
    CACHES["default"]["LOCATION"] = f"{_base}?{urlencode(_options)}"  # noqa: F405

# The read replica is the test database seen through a second connection (a test mirror),
# always present so tests can ask for it; only the routing tests send reads to it
# (tests/seslip/test_replica_routing.py). With DATABASE_REPLICA_URL set, as in the two-host
# rehearsal's processes, the settings above already made it and route to it.
if REPLICA_ALIAS not in DATABASES:  # noqa: F405
    DATABASES[REPLICA_ALIAS] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

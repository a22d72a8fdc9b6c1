"""Reading the environment into settings: the parsers seslip/settings.py uses, so that the
settings module itself is one assignment per setting. Only the settings module calls
them (STYLE.md: configuration from the environment is read there and nowhere else)."""

import os
from urllib.parse import parse_qsl, urlsplit

from django.core.exceptions import ImproperlyConfigured

CACHE_TABLE = "portal_shared_cache"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def cache_from_url(url: str) -> dict:
    """The `default` cache for CACHE_URL: empty or `db` for the database cache."""
    url = url.strip()
    if url in ("", "db", "db://"):
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            # Throttle counts live a minute; culling (which drops counts) should be rare.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 10_000)},
        }
    if url.split("://", 1)[0] in ("redis", "rediss", "unix"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(
        "CACHE_URL must be empty (the database cache) or a redis://, rediss:// or unix:// URL."
    )


def storage_from_url(url: str) -> dict:
    """The `default` storage for STORAGE_URL: empty for MEDIA_ROOT, or
    `s3://bucket/prefix?endpoint_url=https://...&region_name=...` (django-storages; the
    credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the host's role)."""
    url = url.strip()
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured("STORAGE_URL must be empty or s3://bucket[/prefix][?options].")
    query = dict(parse_qsl(parts.query))
    unknown = set(query) - {"endpoint_url", "region_name", "addressing_style"}
    if unknown:
        raise ImproperlyConfigured(f"STORAGE_URL: unknown option(s) {', '.join(sorted(unknown))}.")
    options = {
        "bucket_name": parts.netloc,
        "location": parts.path.strip("/"),
        # Cohort files are personal data: private, never a public URL, never overwritten.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        **query,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def tune_connections(databases: dict, *, connect_timeout: int, busy_timeout: int) -> None:
    """Set the connection options the portal relies on in the parsed DATABASES."""
    for database in databases.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            # A request must not hang while the database is unreachable: fail fast and let
            # /healthz and the error pages say so.
            database.setdefault("OPTIONS", {})
            database["OPTIONS"].setdefault("connect_timeout", connect_timeout)
    default = databases["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite as a real embedded database (docs/architecture.md, "SQLite"), set as each
        # connection opens:
        # - WAL: readers read the last committed state while a writer works, and a writer
        #   is never held up by readers (the default rollback journal blocks readers while
        #   a writer commits). NORMAL sync is safe with WAL; a power cut may lose the last
        #   commits, never the file.
        # - IMMEDIATE: every transaction takes the one write lock when it begins, waiting
        #   for it if need be. A DEFERRED one that reads and then writes fails at once with
        #   "database is locked" when another connection wrote in between, whatever the
        #   timeout.
        # - timeout: how long a writer waits for the write lock (SQLite's busy timeout).
        #   The longest holder is an import's final transaction, seconds per 20,000 rows.
        default.setdefault("OPTIONS", {})
        default["OPTIONS"].update(
            {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
                "transaction_mode": "IMMEDIATE",
                "timeout": busy_timeout,
            }
        )

"""Reading the environment into settings: the parsers seslip/settings.py uses, so that the
settings module itself is one assignment per setting. Only the settings module calls
them (STYLE.md: configuration from the environment is read there and nowhere else)."""

import os

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

"""Whole responses for anonymous visitors, cached until the data they show changes.

Everything a visitor without a session sees (the registry, the evidence library, the
suppressed KPI aggregates, the API's public lists) is the same for every such visitor, so
a rendered response can be kept and served again. Signed-in users, API token holders and
any request carrying a session or a pending message are always rendered afresh.

Freshness rests on one number, seslip.models.DataVersion, stored in the database so every
server process agrees on it (each process re-reads it at most once a second, the
RESPONSE_CACHE "VERSION_CHECK_SECONDS" setting): a key includes the number, and the
number goes up after every committed change to what anonymous visitors can see: the
cache listens to `seslip.public_data.public_data_changed`, which the apps owning public
data send for their saves, deletes and bulk writes (the cache names no app or model).
The number moves *after* commit:
a response rendered from the old data while the change was in flight is stored under the
old number and never read again. Within one process a local generation moves at once as
well, so a process sees its own writes even before (or without) a commit.

The view decides whether a response may be kept: anything that sets a cookie, renders a
CSRF token, records an access-log entry (seslip.response_cache.do_not_cache), says
`Cache-Control: private/no-cache/no-store` or is not a 200 is never stored. A hit still
counts against the API's anonymous throttle.
"""

import hashlib
import itertools
import logging
import threading
import time
from typing import cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from seslip.public_data import public_data_changed

logger = logging.getLogger(__name__)

CACHE_ALIAS = "responses"
HEADER = "X-Portal-Cache"

_local_generation = itertools.count(1)
_local = {"generation": 0}
_stored: dict[str, float] = {"number": 0, "read_at": float("-inf")}
_lock = threading.Lock()


def data_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Say that what anonymous visitors see has changed (or is changing, inside a
    transaction): cached responses are dropped now in this process and, once the
    transaction commits, in every process."""
    _move_local_generation()
    connection = connections[using]
    if connection.in_atomic_block and any(
        entry[1] is _bump_stored_version for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_bump_stored_version, using=using)


def data_version() -> str:
    """The version of the data as this process sees it: the shared number (re-read at most
    every VERSION_CHECK_SECONDS) and this process's own generation. Anything cached under
    it is stale once it moves (seslip/content_cache.py keys signed-in users' pages by it)."""
    stored = _stored_version(cast(float, settings.RESPONSE_CACHE["VERSION_CHECK_SECONDS"]))
    return f"{stored}.{_local['generation']}"


def do_not_cache(request: HttpRequest) -> None:
    """Keep this request's response out of the cache (e.g. its access was logged)."""
    setattr(getattr(request, "_request", request), "portal_do_not_cache", True)  # noqa: B010


def _move_local_generation() -> None:
    with _lock:
        _local["generation"] = next(_local_generation)
        _stored["read_at"] = float("-inf")


def _bump_stored_version() -> None:
    from seslip.models import DataVersion

    # Again after the commit: while the change was in flight, another request in this
    # process may have rendered the old data under the new generation and an unchanged
    # stored number (read then, not re-read for VERSION_CHECK_SECONDS).
    _move_local_generation()
    try:
        if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
            DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})
    except DatabaseError:
        # The change itself is committed; the cache entries will expire (RESPONSE_CACHE
        # timeout) even if the number could not move.
        logger.exception("Could not move the data version; cached pages expire on time")


def _on_public_data_changed(sender: object, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    data_changed(using=using)


def connect_signals() -> None:
    """Listen to public_data_changed (called from SeslipConfig.ready)."""
    public_data_changed.connect(_on_public_data_changed, dispatch_uid="response-cache")


class AnonymousResponseCacheMiddleware:
    """Serve anonymous GETs from the cache; store what may be stored (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.RESPONSE_CACHE["ENABLED"]
        self.timeout = settings.RESPONSE_CACHE["TIMEOUT"]
        self.max_bytes = settings.RESPONSE_CACHE["MAX_BYTES"]
        self.excluded = tuple(settings.RESPONSE_CACHE["EXCLUDED_PATHS"])
        self.version_check = settings.RESPONSE_CACHE["VERSION_CHECK_SECONDS"]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled or not self._anonymous_get(request):
            return self.get_response(request)
        try:
            key = _key(request, _stored_version(self.version_check))
        except DatabaseError:
            # The page will say the database is unavailable; nothing to cache.
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        stored = cache.get(key)
        if stored is not None and _throttle_allows(request):
            return _rebuild(stored)
        response = self.get_response(request)
        if self._storable(request, response):
            cache.set(key, _freeze(response), self.timeout)
            response[HEADER] = "miss"
        return response

    def _anonymous_get(self, request: HttpRequest) -> bool:
        if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
            return False
        if request.path.startswith(self.excluded):
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    def _storable(self, request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(
            request, "portal_do_not_cache", False
        ):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if vary - {"cookie", "accept"}:
            return False
        return len(response.content) <= self.max_bytes


def _stored_version(max_age: float) -> int:
    """The shared data version, read from the database when the copy in this process is
    older than `max_age` seconds."""
    now = time.monotonic()
    if now - _stored["read_at"] >= max_age:
        # Plain SQL: this runs on most anonymous requests, and the ORM's query building
        # would cost more than the query.
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT number FROM seslip_dataversion WHERE id = 1")
            row = cursor.fetchone()
        _stored.update(number=row[0] if row else 0, read_at=now)
    return int(_stored["number"])


def _key(request: HttpRequest, stored: int) -> str:
    parts = [
        str(stored),
        str(_local["generation"]),
        request.scheme,
        request.META.get("HTTP_HOST", ""),
        request.get_full_path(),
        request.META.get("HTTP_ACCEPT", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return f"response:{digest}"


def _freeze(response: HttpResponse) -> tuple:
    return (response.status_code, list(response.items()), response.content)


def _rebuild(stored: tuple) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


def _throttle_allows(request: HttpRequest) -> bool:
    """A cached API answer still counts against the anonymous throttle; when the caller
    is over its rate the request goes on to DRF, which answers 429 as usual."""
    if not request.path.startswith("/api/"):
        return True
    from rest_framework.settings import api_settings

    request.user = AnonymousUser()
    try:
        return all(
            throttle().allow_request(request, None)  # type: ignore[operator]
            # api_settings has imported the named classes; DRF's throttles read only
            # what a Django request has
            for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
        )
    finally:
        del request.user

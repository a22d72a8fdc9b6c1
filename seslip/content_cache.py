"""What a rendered page shows, kept until the data changes: for signed-in users and token
holders, whom the anonymous response cache (seslip/response_cache.py) never serves.

A signed-in request is rendered every time: its frame carries the person's name, the
sign-out form and its CSRF token. But the main content of a read-only page is the same for
everyone who sees the data the same way, so it is kept under a key made of

- the data version (`response_cache.data_version()`: moves after every committed change
  to the registry, the evidence library, the KPI data or the reference group, and at once
  in the process that made it);
- the request's host and full path (the query string included);
- the **audience**: who is looking, as far as any page can tell them apart: anonymous, or
  the role, the authority and the superuser flag of the account (every scoping rule in
  accounts/permissions.py reads only those), plus whatever else a view names (the KPI
  dashboard: the person's own latest upload).

Pages: a view calls `render_page()` with a function that builds its context and status.
On a hit the page's own blocks (title, head, breadcrumbs, content: base.html wraps each
in `{% page_block %}`) and its status come from the cache, and the function is not
called: no query, no form, no filter is built; only the frame (the header with the
person's name, the footer) is drawn for the request. A view may pass costly values as
`Deferred(...)`, computed only when a template reads them. API lists:
`CachedListMixin` keeps a list's rendered JSON. Nothing is stored that drew a CSRF token,
for a request whose access was logged (`response_cache.do_not_cache`), or, for the API,
that is not a 200; a page with a pending message (one person's, shown once) is neither
served from nor kept in the cache. A 404 is never stored: it is raised before anything is
drawn.
"""

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.cache import BaseCache, caches
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from seslip import response_cache

TIMEOUT = 600
T = TypeVar("T")


class Deferred:
    """A context value computed the first time a template (or anyone) calls for it, once.

    Django's templates call a callable context value when they read it, so
    `{% for row in rows %}` with `rows=Deferred(...)` works unchanged."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        self._compute = compute
        self._computed = False
        self._value: Any = None

    def __call__(self) -> Any:
        if not self._computed:
            self._value = self._compute()
            self._computed = True
        return self._value


def audience(request: HttpRequest, *extra: object) -> str:
    """Who is looking, as far as what a page shows can differ (see the module doc)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        person = "anonymous"
    else:
        person = "{}:{}:{}".format(
            getattr(user, "role", ""), getattr(user, "authority_id", ""), user.is_superuser
        )
    return "|".join([person, *(str(part) for part in extra)])


def key(request: HttpRequest, *extra: object) -> str | None:
    """The cache key of what `request` shows its audience now; None when nothing may be
    kept (not a GET, or the data version cannot be read) or for anonymous visitors, whom
    the whole-response cache serves (seslip/response_cache.py)."""
    user = getattr(request, "user", None)
    if request.method != "GET" or user is None or not user.is_authenticated:
        return None
    try:
        version = response_cache.data_version()
    except DatabaseError:
        return None
    parts = [version, request.get_host(), request.get_full_path(), audience(request, *extra)]
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return f"content:{digest}"


#: Context names render_page() uses: the blocks served from the cache on a hit, and the
#: blocks drawn on a miss (with KEEP, whether they may be kept).
SERVED = "page_blocks_served"
DRAWN = "page_blocks_drawn"
KEEP = "__keep__"


def render_page(
    request: HttpRequest,
    template_name: str,
    build: Callable[[], tuple[dict, int]],
    *extra: object,
) -> HttpResponse:
    """The page, its blocks kept for the request's audience while the data is unchanged
    (see the module doc). `build()` returns the template's context and the status; it may
    raise Http404. `extra`: whatever else, beyond the audience, the page differs by."""
    # A pending message is one person's, shown once: such a page is drawn afresh, unkept.
    kept = not access_logged(request) and not len(messages.get_messages(request))
    cache_key = key(request, *extra) if kept else None
    if cache_key is not None:
        stored = cache().get(cache_key)
        if stored is not None:
            status, blocks = stored
            return render(request, template_name, {SERVED: blocks}, status=status)
    context, status = build()
    drawn: dict[str, Any] = {}
    response = render(request, template_name, {**context, DRAWN: drawn}, status=status)
    if cache_key is not None and drawn.pop(KEEP, True) and not access_logged(request):
        cache().set(cache_key, (status, drawn), TIMEOUT)
    return response


def cache() -> BaseCache:
    return caches[response_cache.CACHE_ALIAS]


def access_logged(request: HttpRequest) -> bool:
    """Whether this request's access has been logged so far (response_cache.do_not_cache)."""
    return bool(getattr(getattr(request, "_request", request), "portal_do_not_cache", False))


def compute_unlogged(request: HttpRequest, compute: Callable[[], T]) -> tuple[T, bool]:
    """`compute()`, and whether it may be kept: it logged no access and drew no CSRF token
    (a token belongs to one person's session). What the request did before is kept as it
    was: an API token's use is logged by its authentication, before the list is made."""
    inner = getattr(request, "_request", request)
    logged_before = access_logged(inner)
    csrf_before = inner.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    setattr(inner, "portal_do_not_cache", False)  # noqa: B010  # the flag do_not_cache sets
    inner.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    try:
        value = compute()
    finally:
        logged = access_logged(inner)
        drew_token = inner.META["CSRF_COOKIE_NEEDS_UPDATE"]
        setattr(inner, "portal_do_not_cache", logged_before or logged)  # noqa: B010
        inner.META["CSRF_COOKIE_NEEDS_UPDATE"] = csrf_before or drew_token
    return value, not (logged or drew_token)


def cached_list_data(request: HttpRequest, compute: Callable[[], tuple[int, Any]]) -> Any:
    """An API list's (status, body) from `compute()`, kept for the request's audience when
    it is a 200 and may be kept, and served from the cache while the data is unchanged."""
    cache_key = key(request)
    if cache_key is None:
        return compute()
    stored = cache().get(cache_key)
    if stored is not None:
        return 200, stored
    (status, body), keep = compute_unlogged(request, compute)
    if status == 200 and keep:
        cache().set(cache_key, body, TIMEOUT)
    return status, body


class CachedListMixin:
    """For a DRF viewset: its list's JSON kept per audience while the data is unchanged
    (`cached_list_data`), as rendered bytes: nothing to serialise again or to rebuild from
    the cache but one string. Other formats (CSV, which logs an export) are made afresh."""

    def list(self, request, *args, **kwargs):
        from django.http import HttpResponse

        parent = super()
        renderer = request.accepted_renderer
        if renderer.format != "json":
            return parent.list(request, *args, **kwargs)

        def compute() -> tuple[int, Any]:
            response = parent.list(request, *args, **kwargs)
            if response.status_code != 200:
                return response.status_code, response
            context = self.get_renderer_context()  # type: ignore[attr-defined]
            return 200, renderer.render(response.data, request.accepted_media_type, context)

        status, body = cached_list_data(request, compute)
        if status != 200:
            return body
        return HttpResponse(body, content_type=f"{request.accepted_media_type}")

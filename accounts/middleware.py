"""Response headers that Django and django-csp do not set themselves."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class PermissionsPolicyMiddleware:
    """Switches off browser features the portal never uses (camera, location, payment...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RecordLevelResponseMiddleware:
    """`Cache-Control: no-store, private` (and the rest of Django's never-cache headers) on
    every response that carries record-level data, so no browser, proxy or shared cache
    keeps a copy. A view marks its request with `accounts.services.mark_record_level`;
    `record_access` and `open_record_level` mark theirs, so every logged read is covered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "portal_record_level", False):
            add_never_cache_headers(response)
        return response

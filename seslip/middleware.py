"""Turn a lost database connection into a 503 page instead of a stack trace."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from seslip.context_processors import frame_for_path

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        body = render_to_string("503.html", frame_for_path(request.path))
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        return response


class RejectNullCharactersMiddleware:
    """A NUL character in a query string or form is never meaningful here and PostgreSQL
    refuses it in text: answer 400 at the door instead of failing deep in a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or _has_null(request.GET) or _has_null(request.POST):
            return bad_request_response(request)
        return self.get_response(request)


def _has_null(query) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


def bad_request_response(request: HttpRequest) -> HttpResponse:
    from seslip.views import bad_request

    return bad_request(request, ValueError("NUL character in the request"))

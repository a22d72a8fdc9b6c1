"""Project-wide views: home, health check, static information pages and error pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache

from seslip.context_processors import frame_for_path
from seslip.glossary import GLOSSARY
from seslip.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


@never_cache
def livez(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers, without touching the database. Also the trivial
    view that benchmarks compare every page with."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Whether the database answers (503 when it does not), and the background worker's
    last heartbeat. A stopped worker leaves the answer 200: the web server still serves
    every page, and a load balancer must not take it out of service for that."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: database unreachable: %s", error)
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "reachable", "worker": worker_health()})


def worker_health() -> dict:
    """The newest worker heartbeat as /healthz reports it (docs/adr/0002-task-backend.md)."""
    try:
        beat = WorkerHeartbeat.objects.latest_beat()
    except DatabaseError as error:
        logger.warning("Health check: worker heartbeat unreadable: %s", error)
        return {"status": "unknown"}
    if beat is None:
        return {"status": "never seen", "last_heartbeat": None}
    now = timezone.now()
    return {
        "status": "running" if beat.is_running(now) else "stopped",
        "last_heartbeat": beat.last_beat_at.isoformat(),
        "seconds_since_heartbeat": int((now - beat.last_beat_at).total_seconds()),
    }


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "seslip/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "seslip/privacy.html")


def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "seslip/glossary.html", {"glossary": GLOSSARY})


API_ERRORS = {
    400: "Bad request.",
    403: "You do not have permission to perform this action.",
    404: "Not found.",
    500: "Server error.",
}


def is_api(request: HttpRequest) -> bool:
    """API clients get JSON errors, as the schema documents; people get the page frame."""
    return request.path.startswith("/api/")


def api_error(status: int) -> JsonResponse:
    return JsonResponse({"detail": API_ERRORS[status]}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return api_error(400)
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return api_error(403)
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return api_error(404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return api_error(500)
    # No request context: the database (and so the session) may be why we are here.
    return HttpResponse(render_to_string("500.html", frame_for_path(request.path)), status=500)

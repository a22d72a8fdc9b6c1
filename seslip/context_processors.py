"""Context every page frame needs: service name and navigation with the current section."""

from django.conf import settings
from django.http import HttpRequest

from seslip.navigation import PRIMARY_NAVIGATION, section_for_path


def frame_for_path(path: str) -> dict:
    """The frame's context for a path; touches neither the database nor the session, so
    the 500 and 503 pages can use it when the database is the problem."""
    current = section_for_path(path)
    return {
        "service_name": settings.PORTAL_SERVICE_NAME,
        "primary_navigation": [
            {"text": item.label, "href": item.path, "active": item.section == current}
            for item in PRIMARY_NAVIGATION
        ],
    }


def page_frame(request: HttpRequest) -> dict:
    return frame_for_path(request.path)

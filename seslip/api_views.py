"""The human-readable API page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def api_guide(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "seslip/api.html",
        {"schema_url": request.build_absolute_uri("/api/schema/")},
    )

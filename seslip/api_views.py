"""The human-readable API page: what the API offers and examples that work as written."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def api_guide(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    return render(request, "seslip/api.html", {"base": base})

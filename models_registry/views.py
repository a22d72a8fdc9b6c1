"""Registry pages: HTTP only; the data comes from selectors."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from models_registry import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "models_registry/home.html", selectors.region_at_a_glance())

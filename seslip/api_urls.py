"""The API's front door: the analysts' guide, the OpenAPI schema and each app's v1 routes."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from seslip import api_views

urlpatterns = [
    path("", api_views.api_guide, name="api-guide"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's initialiser as a script file, not inline, so the
    # Content Security Policy can forbid inline scripts.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("v1/", include("models_registry.api.urls")),
    path("v1/evidence/", include("evidence.api.urls")),
    path("v1/kpi/", include("kpi.api.urls")),
]

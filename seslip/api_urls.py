"""The API's front door: the analysts' guide, the OpenAPI schema and each app's v1 routes."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from seslip import api_views

SWAGGER_UI_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"

urlpatterns = [
    path("", api_views.api_guide, name="api-guide"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's initialiser as a script file, not inline, so the
    # Content Security Policy can forbid inline scripts. Its template has one fixed inline
    # <style> block, allowed by its hash on this page only.
    path(
        "docs/",
        csp_update({"style-src": [SWAGGER_UI_STYLE_HASH]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("v1/", include("models_registry.api.urls")),
    path("v1/", include("sources.api.urls")),
    path("v1/evidence/", include("evidence.api.urls")),
    path("v1/kpi/", include("kpi.api.urls")),
    path("v1/network/", include("network.api.urls")),
]

"""Root URLs: pages per app, the API under /api/v1/, admin, health check."""

from django.contrib import admin
from django.urls import include, path

from seslip import views

handler400 = "seslip.views.bad_request"
handler403 = "seslip.views.permission_denied"
handler404 = "seslip.views.page_not_found"
handler500 = "seslip.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("glossary/", views.glossary, name="glossary"),
    path("api/", include("seslip.api_urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("your-authority/", include("models_registry.editing.urls")),
    path("", include("models_registry.urls")),
    path("evidence/", include("evidence.urls")),
    path("sources/", include("sources.urls")),
    path("kpi/", include("kpi.urls")),
    path("network/", include("network.urls")),
    path("regional/", include("regional.urls")),
]

from django.urls import path
from rest_framework.routers import SimpleRouter

from evidence.api import views

app_name = "evidence-api"

router = SimpleRouter()
router.register("evaluations", views.EvaluationViewSet, basename="evaluation")
router.register("findings", views.FindingViewSet, basename="finding")

urlpatterns = [
    path("findings-csv/", views.FindingCsvView.as_view(), name="finding-csv"),
    *router.urls,
]

from rest_framework.routers import SimpleRouter

from kpi.api import views

app_name = "kpi-api"

router = SimpleRouter()
router.register("submissions", views.SubmissionViewSet, basename="submission")

urlpatterns = router.urls

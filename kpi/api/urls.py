from rest_framework.routers import SimpleRouter

from kpi.api import values, views

app_name = "kpi-api"

router = SimpleRouter()
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("values", values.IndicatorValueViewSet, basename="value")
router.register("indicators", values.IndicatorDefinitionViewSet, basename="indicator")
router.register("measure-groups", values.MeasureGroupViewSet, basename="measure-group")

urlpatterns = router.urls

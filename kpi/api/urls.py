from rest_framework.routers import SimpleRouter

from kpi.api import indicators, values, views

app_name = "kpi-api"

router = SimpleRouter()
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("values", values.IndicatorValueViewSet, basename="value")
router.register("indicators", indicators.IndicatorDefinitionViewSet, basename="indicator")
router.register("measure-groups", indicators.MeasureGroupViewSet, basename="measure-group")

urlpatterns = router.urls

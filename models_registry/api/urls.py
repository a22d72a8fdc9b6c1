from rest_framework.routers import DefaultRouter

from models_registry.api import views

router = DefaultRouter(trailing_slash=True)
router.register("local-authorities", views.LocalAuthorityViewSet, basename="local-authority")
router.register("practice-models", views.PracticeModelViewSet, basename="practice-model")
router.register("adoptions", views.AdoptionViewSet, basename="adoption")
router.register("contacts", views.ContactViewSet, basename="contact")

urlpatterns = router.urls

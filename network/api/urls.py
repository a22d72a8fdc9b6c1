from rest_framework.routers import SimpleRouter

from network.api import views

router = SimpleRouter()
router.register("events", views.EventViewSet, basename="network-event")
router.register("meetings", views.MeetingViewSet, basename="network-meeting")
router.register("actions", views.ActionViewSet, basename="network-action")
router.register("bookings", views.BookingViewSet, basename="network-booking")
router.register("feedback-responses", views.FeedbackResponseViewSet, basename="network-feedback")

urlpatterns = router.urls

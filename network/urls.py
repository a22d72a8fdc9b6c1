from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("", views.group, name="group"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<slug:slug>/calendar.ics", views.meeting_ics, name="meeting-ics"),
    path("actions/", views.action_list, name="action-list"),
    path("actions/<int:pk>/status/", views.action_status, name="action-status"),
    path("events/", views.event_list, name="event-list"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("events/<slug:slug>/calendar.ics", views.event_ics, name="event-ics"),
    path("events/<slug:slug>/book/", views.book, name="book"),
    path("events/<slug:slug>/bookings/", views.booking_list, name="booking-list"),
    path("events/<slug:slug>/bookings.csv", views.booking_csv, name="booking-csv"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("feedback/<int:pk>/", views.feedback, name="feedback"),
    path("feedback/<int:pk>/summary/", views.feedback_summary, name="feedback-summary"),
    path("feedback/<int:pk>/responses.csv", views.feedback_csv, name="feedback-csv"),
    path("resources/", views.resource_list, name="resource-list"),
    path("calendar.ics", views.calendar_feed, name="calendar-feed"),
]

from django.urls import path

from models_registry.editing import views

app_name = "editing"

urlpatterns = [
    path("", views.entry_list, name="entry-list"),
    path("<slug:slug>/", views.entry, name="entry"),
    path("<slug:slug>/overview/", views.overview, name="overview"),
    path("<slug:slug>/models/<int:adoption>/", views.model_used, name="model"),
    path("<slug:slug>/models/<int:adoption>/notes/", views.notes, name="notes"),
    path("<slug:slug>/contacts/<int:contact>/", views.contact, name="contact"),
    path("<slug:slug>/check/", views.check, name="check"),
    path("<slug:slug>/saved/", views.saved, name="saved"),
]

from django.urls import path

from models_registry.editing import additions, views

app_name = "editing"

urlpatterns = [
    path("", views.entry_list, name="entry-list"),
    path("<slug:slug>/", views.entry, name="entry"),
    path("<slug:slug>/overview/", views.overview, name="overview"),
    path("<slug:slug>/ofsted/", views.ofsted, name="ofsted"),
    path("<slug:slug>/models/add/", additions.add_model, name="add-model"),
    path("<slug:slug>/models/<int:adoption>/", views.model_used, name="model"),
    path("<slug:slug>/models/<int:adoption>/notes/", views.notes, name="notes"),
    path("<slug:slug>/models/<int:adoption>/remove/", additions.remove_model, name="remove-model"),
    path("<slug:slug>/contacts/add/", additions.add_contact, name="add-contact"),
    path("<slug:slug>/contacts/<int:contact>/", views.contact, name="contact"),
    path(
        "<slug:slug>/contacts/<int:contact>/remove/",
        additions.remove_contact,
        name="remove-contact",
    ),
    path("<slug:slug>/check/", views.check, name="check"),
    path("<slug:slug>/saved/", views.saved, name="saved"),
    path("<slug:slug>/add/check/", additions.add_check, name="add-check"),
    path("<slug:slug>/added/", additions.added, name="added"),
]

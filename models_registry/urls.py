from django.urls import path

from models_registry import find_views, upkeep_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("models/", views.model_list, name="model-list"),
    path("models/<slug:slug>/", views.model_detail, name="model-detail"),
    path("compare/", views.compare, name="compare"),
    path("authorities/", views.authority_list, name="authority-list"),
    path("authorities/<slug:slug>/", views.authority_detail, name="authority-detail"),
    path("themes/", views.theme_list, name="theme-list"),
    # Suggestions for the find-by-name inputs of long choice lists (issue 20).
    path("find/practice-models/", find_views.practice_model_names, name="find-practice-models"),
    path("find/authorities/", find_views.authority_names, name="find-authorities"),
    # Keeping the registry true (issue 22): confirmation, what is overdue, reverting.
    path("authorities/<slug:slug>/confirm/", upkeep_views.confirm_entry, name="confirm-entry"),
    path("registry/overdue/", upkeep_views.overdue, name="registry-overdue"),
    path("registry/overdue.csv", upkeep_views.overdue_csv, name="registry-overdue-csv"),
    path(
        "registry/changes/<slug:kind>/<int:history_id>/revert/",
        upkeep_views.revert_change,
        name="revert-change",
    ),
]

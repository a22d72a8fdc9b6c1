from django.urls import path

from models_registry import views

urlpatterns = [
    path("", views.home, name="home"),
    path("models/", views.model_list, name="model-list"),
    path("models/<slug:slug>/", views.model_detail, name="model-detail"),
    path("compare/", views.compare, name="compare"),
    path("authorities/", views.authority_list, name="authority-list"),
    path("authorities/<slug:slug>/", views.authority_detail, name="authority-detail"),
    path("themes/", views.theme_list, name="theme-list"),
]

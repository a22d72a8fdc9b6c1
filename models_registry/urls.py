from django.urls import path

from models_registry import views

urlpatterns = [
    path("", views.home, name="home"),
]

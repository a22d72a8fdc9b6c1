from django.urls import path

from regional import cohort_views, views
from regional.entries import KINDS

app_name = "regional"

urlpatterns = [
    path("", views.home, name="home"),
    path("findings/review/", views.review_queue, name="review-queue"),
    path("findings/review/<slug:key>/", views.review, name="review"),
    path("findings/review/<slug:key>/decided/", views.reviewed, name="reviewed"),
    # Family Safeguarding cohort windows (regional/cohort_windows.py).
    path("cohort-windows/", cohort_views.cohort_window_list, name="cohort-windows"),
    path(
        "cohort-windows/<slug:slug>/give/",
        cohort_views.give_cohort_windows,
        name="give-cohort-windows",
    ),
]
for _slug in KINDS:
    _kind = {"kind": _slug}
    urlpatterns += [
        path(f"{_slug}/", views.entry_list, _kind, name=f"{_slug}-list"),
        path(f"{_slug}/new/", views.question, _kind, name=f"{_slug}-new"),
        path(f"{_slug}/new/check/", views.check, _kind, name=f"{_slug}-check"),
        path(f"{_slug}/<int:pk>/change/", views.question, _kind, name=f"{_slug}-change"),
        path(f"{_slug}/<int:pk>/check/", views.check, _kind, name=f"{_slug}-check"),
        path(f"{_slug}/<int:pk>/saved/", views.saved, _kind, name=f"{_slug}-saved"),
    ]

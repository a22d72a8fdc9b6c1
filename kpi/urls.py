from django.urls import path

from kpi import aggregate_views, dashboard_views, views

app_name = "kpi"

urlpatterns = [
    path("", views.home, name="home"),
    path("definitions/", views.definitions, name="definitions"),
    path("specification/", views.specification, name="specification"),
    path("compare/", dashboard_views.regional_comparison, name="compare"),
    path("returns/", aggregate_views.return_list, name="return-list"),
    path("returns/new/", aggregate_views.return_form, name="return-form"),
    path("returns/upload/", aggregate_views.return_upload, name="return-upload"),
    path("returns/<int:pk>/", aggregate_views.return_detail, name="return-detail"),
    path(
        "authorities/<slug:slug>/",
        dashboard_views.authority_dashboard,
        name="dashboard",
    ),
    path("submissions/", views.submission_list, name="submission-list"),
    path("submissions/upload/", views.submission_upload, name="submission-upload"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("submissions/<int:pk>/report/", views.submission_report, name="submission-report"),
    path(
        "submissions/<int:pk>/report.csv",
        views.submission_report_csv,
        name="submission-report-csv",
    ),
    path("submissions/<int:pk>/withdraw/", views.submission_withdraw, name="submission-withdraw"),
    path(
        "submissions/<int:pk>/withdrawn/",
        views.submission_withdrawn,
        name="submission-withdrawn",
    ),
]

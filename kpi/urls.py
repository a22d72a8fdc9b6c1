from django.urls import path

from kpi.views import dashboards, returns, submissions, toolkit

app_name = "kpi"

urlpatterns = [
    path("", toolkit.home, name="home"),
    path("definitions/", toolkit.definitions, name="definitions"),
    path("specification/", toolkit.specification, name="specification"),
    path("compare/", dashboards.regional_comparison, name="compare"),
    path("returns/", returns.return_list, name="return-list"),
    path("returns/new/", returns.return_form, name="return-form"),
    path("returns/upload/", returns.return_upload, name="return-upload"),
    path("returns/<int:pk>/", returns.return_detail, name="return-detail"),
    path(
        "authorities/<slug:slug>/",
        dashboards.authority_dashboard,
        name="dashboard",
    ),
    path("submissions/", submissions.submission_list, name="submission-list"),
    path("submissions/upload/", submissions.submission_upload, name="submission-upload"),
    path("submissions/template.csv", submissions.cohort_template_csv, name="cohort-template-csv"),
    path(
        "submissions/template.xlsx",
        submissions.cohort_template_xlsx,
        name="cohort-template-xlsx",
    ),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission-detail"),
    path(
        "submissions/<int:pk>/report/",
        submissions.submission_report,
        name="submission-report",
    ),
    path(
        "submissions/<int:pk>/report.csv",
        submissions.submission_report_csv,
        name="submission-report-csv",
    ),
    path(
        "submissions/<int:pk>/withdraw/",
        submissions.submission_withdraw,
        name="submission-withdraw",
    ),
    path(
        "submissions/<int:pk>/withdrawn/",
        submissions.submission_withdrawn,
        name="submission-withdrawn",
    ),
]

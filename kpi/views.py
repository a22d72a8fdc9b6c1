"""KPI pages: the landing page, the toolkit's definitions and cohort submissions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.models import AccessLog
from accounts.services import record_access
from kpi import selectors
from kpi.forms import SubmissionFilterForm, UploadForm
from kpi.permissions import (
    can_upload,
    get_visible_submission_or_404,
    upload_authorities,
    visible_submissions,
)
from kpi.presenters import queue_notice, report_csv, status_tag
from kpi.services import import_submission

REPORT_PAGE_SIZE = 100
LIST_PAGE_SIZE = 50
REFRESH_SECONDS = 3


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "kpi/home.html",
        {
            "authority_cohorts": selectors.family_safeguarding_cohorts(),
            "can_upload": can_upload(request.user),
            "sees_submissions": visible_submissions(request.user).exists()
            or can_upload(request.user),
            "synthetic": selectors.synthetic_data_present(),
        },
    )


def definitions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "kpi/definitions.html",
        {
            "indicators": selectors.indicators_with_fields(),
            "fields": selectors.field_definitions(),
        },
    )


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    form = SubmissionFilterForm(request.GET or None, authorities=upload_authorities(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    submissions = selectors.submissions_for_user(
        request.user,
        authority=filters["authority"].slug if filters.get("authority") else "",
        quarter=filters.get("quarter", ""),
        status=filters.get("status", ""),
    )
    page = Paginator(submissions, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "kpi/submission_list.html",
        {
            "form": form,
            "page": page,
            "rows": [(submission, status_tag(submission)) for submission in page],
            "query": query.urlencode(),
            "can_upload": can_upload(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_upload(request: HttpRequest) -> HttpResponse:
    authorities = upload_authorities(request.user)
    if not authorities.exists():
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        authority = form.cleaned_data["authority"]
        upload = form.cleaned_data["file"]
        report = import_submission(
            authority=authority,
            quarter=form.cleaned_data["quarter"],
            file=upload,
            user=request.user,
        )
        if report.submission is not None:
            record_access(
                request=request,
                action=AccessLog.Action.UPLOAD,
                target=f"KPI submission {report.submission.pk}: {upload.name}",
                authority=authority,
            )
            return redirect("kpi:submission-detail", pk=report.submission.pk)
        form.add_error("quarter", report.errors[0].message)
    return render(request, "kpi/submission_upload.html", {"form": form})


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_visible_submission_or_404(request.user, pk)
    return render(
        request,
        "kpi/submission_detail.html",
        {
            "submission": submission,
            "tag": status_tag(submission),
            "history": [
                (item, status_tag(item)) for item in selectors.submission_history(submission)
            ],
            "first_errors": [p for p in submission.problems if p["severity"] == "error"][:10],
            "refresh_seconds": REFRESH_SECONDS if submission.is_in_progress else None,
            "queue_notice": queue_notice(submission),
        },
    )


@login_required
def submission_report(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_visible_submission_or_404(request.user, pk)
    record_access(
        request=request,
        action=AccessLog.Action.VIEW_RECORDS,
        target=f"KPI submission {submission.pk} report",
        authority=submission.authority,
    )
    page = Paginator(submission.problems, REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "kpi/submission_report.html",
        {"submission": submission, "page": page, "tag": status_tag(submission)},
    )


@login_required
def submission_report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_visible_submission_or_404(request.user, pk)
    record_access(
        request=request,
        action=AccessLog.Action.DOWNLOAD,
        target=f"KPI submission {submission.pk} report (CSV)",
        authority=submission.authority,
    )
    response = HttpResponse(report_csv(submission), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="submission-{submission.pk}-report.csv"'
    )
    return response

"""KPI pages for cohort submissions: list, upload, detail, report and withdrawal."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.models import AccessLog
from accounts.services import mark_record_level, open_record_level
from kpi import cohort_template, selectors
from kpi.forms import SubmissionFilterForm, UploadForm, WithdrawalForm
from kpi.models import Submission
from kpi.permissions import (
    can_upload,
    upload_authorities,
)
from kpi.presenters import (
    finish_email_notice,
    queue_notice,
    report_csv,
    status_tag,
    worker_stopped_while_checking,
)
from kpi.services.imports import import_submission
from kpi.services.withdrawal import withdraw_submission

REPORT_PAGE_SIZE = 100
LIST_PAGE_SIZE = 50
REFRESH_SECONDS = 3


def _open_submission(
    request: HttpRequest,
    pk: int,
    *,
    what: str = "",
    action: str = AccessLog.Action.VIEW_RECORDS,
    channel: str | None = None,
) -> Submission:
    """The submission if it is the user's authority's (404 otherwise), the read written to
    the access log and the response marked no-store: every submission page opens it so."""
    return open_record_level(
        request=request,
        queryset=Submission.objects.select_related("authority", "uploaded_by", "withdrawn_by"),
        pk=pk,
        action=action,
        channel=channel,
        target=f"KPI submission {pk}{what}",
    )


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    mark_record_level(request)
    form = SubmissionFilterForm(request.GET or None, authorities=upload_authorities(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    submissions = selectors.submissions_for_user(
        request.user,
        request=request,
        authority=filters["authority"].slug if filters.get("authority") else "",
        quarter=filters.get("quarter", ""),
        status=filters.get("status", ""),
    )
    page = Paginator(submissions, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "kpi/submission_list.html",
        {
            "form": form,
            "page": page,
            "rows": [(submission, status_tag(submission)) for submission in page],
            "can_upload": can_upload(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_upload(request: HttpRequest) -> HttpResponse:
    mark_record_level(request)
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
            request=request,
        )
        if report.submission is not None:
            return redirect("kpi:submission-detail", pk=report.submission.pk)
        form.add_error("quarter", report.errors[0].message)
    return render(request, "kpi/submission_upload.html", {"form": form})


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The page quotes the file's first errors (row, column, value): a read of its content.
    submission = _open_submission(request, pk)
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
            "worker_stopped": worker_stopped_while_checking(submission),
            "finish_email_notice": finish_email_notice(submission, request.user.pk),
        },
    )


@login_required
def submission_report(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _open_submission(request, pk, what=" report", channel=AccessLog.Channel.REPORT)
    page = Paginator(submission.problems, REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "kpi/submission_report.html",
        {"submission": submission, "page": page, "tag": status_tag(submission)},
    )


@login_required
def submission_report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _open_submission(
        request,
        pk,
        what=" report (CSV)",
        action=AccessLog.Action.DOWNLOAD,
        channel=AccessLog.Channel.CSV,
    )
    response = HttpResponse(report_csv(submission), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="submission-{submission.pk}-report.csv"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def submission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The question page: why withdraw, with what will happen; then the withdrawal."""
    submission = _open_submission(request, pk, what=" withdrawal page")
    form = WithdrawalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and submission.is_withdrawable and form.is_valid():
        report = withdraw_submission(
            submission=submission,
            user=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            request=request,
        )
        if report.withdrawn:
            return redirect("kpi:submission-withdrawn", pk=submission.pk)
        form.add_error(None, report.message)
    return render(
        request,
        "kpi/submission_withdraw.html",
        {
            "submission": submission,
            "form": form,
            "restored": selectors.submission_restored_by_withdrawing(submission),
        },
    )


@login_required
def submission_withdrawn(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation page after a withdrawal."""
    submission = _open_submission(request, pk, what=" withdrawal confirmation")
    if submission.status != Submission.Status.WITHDRAWN:
        return redirect("kpi:submission-detail", pk=submission.pk)
    current = (
        Submission.objects.current()
        .filter(authority_id=submission.authority_id, quarter=submission.quarter)
        .first()
    )
    return render(
        request,
        "kpi/submission_withdrawn.html",
        {"submission": submission, "current": current},
    )


# Under kpi/submissions/, where every page is sent no-store (record-level pages); the
# template holds nobody's data, but keeps the rule of its place.
@never_cache
def cohort_template_csv(request: HttpRequest) -> HttpResponse:
    """The blank cohort file, as CSV: every column and an example row (no data of anyone)."""
    response = HttpResponse(cohort_template.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cohort-file-template.csv"'
    return response


@never_cache
def cohort_template_xlsx(request: HttpRequest) -> HttpResponse:
    """The blank cohort file, as an Excel workbook."""
    response = HttpResponse(
        cohort_template.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="cohort-file-template.xlsx"'
    return response

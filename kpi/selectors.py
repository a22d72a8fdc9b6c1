"""Reads for the KPI pages, API and admin: definitions, cohorts, submissions, and the
values an export takes. A read of record-level data, or an export, is written to the
access log here, never by the view that asks."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest

from accounts.models import AccessLog, AnyUser
from accounts.permissions import record_level_authorities
from accounts.services import record_access
from kpi.definitions import FAMILY_SAFEGUARDING_AUTHORITIES
from kpi.models import (
    Cohort,
    Family,
    FieldDefinition,
    IndicatorDefinition,
    IndicatorValue,
    Submission,
)
from kpi.permissions import visible_submissions
from kpi.quarters import Quarter, check_return_quarter
from models_registry.models import LocalAuthority


def indicators_with_fields() -> QuerySet[IndicatorDefinition]:
    return IndicatorDefinition.objects.prefetch_related(
        Prefetch("fields", queryset=FieldDefinition.objects.order_by("position"))
    )


def field_definitions() -> QuerySet[FieldDefinition]:
    return FieldDefinition.objects.order_by("position")


@dataclass(frozen=True)
class AuthorityCohorts:
    authority: LocalAuthority
    cohorts: list[Cohort]


def family_safeguarding_cohorts() -> list[AuthorityCohorts]:
    """The authorities using Family Safeguarding with their cohort windows: the five the
    region's data names, and any a regional admin has given the toolkit's windows since
    (on the regional team's pages)."""
    authorities = (
        LocalAuthority.objects.filter(
            Q(slug__in=FAMILY_SAFEGUARDING_AUTHORITIES)
            | Exists(Cohort.objects.filter(authority=OuterRef("pk")))
        )
        .prefetch_related(Prefetch("kpi_cohorts", queryset=Cohort.objects.order_by("start")))
        .order_by("name")
    )
    return [AuthorityCohorts(a, list(a.kpi_cohorts.all())) for a in authorities]


def synthetic_data_present() -> bool:
    return Submission.objects.current().filter(is_synthetic=True).exists()


def submissions_for_user(
    user: AnyUser,
    *,
    request: HttpRequest | None = None,
    authority: str = "",
    quarter: str = "",
    status: str = "",
) -> QuerySet[Submission]:
    """The submissions the user may see, newest first. With `request` (the submissions
    page) the read is written to the access log: only an analyst's list holds anything,
    so only an analyst's is logged, for their authority, even when it is empty."""
    own = record_level_authorities(user).first() if request is not None else None
    if own is not None:
        record_access(
            request=request,
            action=AccessLog.Action.VIEW_RECORDS,
            target="KPI submissions list",
            authority=own,
        )
    submissions = visible_submissions(user).select_related("authority", "uploaded_by")
    if authority:
        submissions = submissions.filter(authority__slug=authority)
    if quarter:
        submissions = submissions.filter(quarter=quarter)
    if status:
        submissions = submissions.filter(status=status)
    return submissions.order_by("-uploaded_at", "-id")


def submissions_read_in_admin(
    *, request: HttpRequest, submissions: Iterable[Submission]
) -> list[Submission]:
    """The submissions an admin page shows (its list's page, or the one it opens), read,
    with one access-log entry per authority among them: a submission's metadata is a read
    of record-level data (kpi/admin.py)."""
    shown = list(submissions)
    authorities = {submission.authority for submission in shown}
    for authority in sorted(authorities, key=lambda authority: authority.name):
        record_access(
            request=request,
            action=AccessLog.Action.VIEW_RECORDS,
            target=request.get_full_path(),
            authority=authority,
        )
    return shown


def values_for_export(
    *, request: HttpRequest, values: Iterable[IndicatorValue]
) -> list[IndicatorValue]:
    """The indicator values a CSV export sends (the values API with `format=csv`), read,
    with the export written to the access log: the request's address names the selection."""
    exported = list(values)
    record_access(request=request, action=AccessLog.Action.EXPORT, target=request.get_full_path())
    return exported


def submission_history(submission: Submission) -> QuerySet[Submission]:
    """Every submission for the same authority and quarter, newest first."""
    return (
        Submission.objects.filter(authority=submission.authority_id, quarter=submission.quarter)
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")
    )


def submission_restored_by_withdrawing(submission: Submission) -> Submission | None:
    """The submission that becomes current if `submission` (the current one) is withdrawn:
    the quarter's newest superseded submission whose rows are still held (the retention
    purge deletes the rows of old ones). None when `submission` is not current."""
    if not submission.is_current:
        return None
    return (
        Submission.objects.filter(
            authority_id=submission.authority_id,
            quarter=submission.quarter,
            status=Submission.Status.SUPERSEDED,
        )
        .filter(Exists(Family.objects.filter(submission=OuterRef("pk"))))
        .order_by("-uploaded_at", "-id")
        .first()
    )


def first_cohort_start(authority: LocalAuthority) -> date | None:
    """The first day of the authority's earliest cohort window, or None without one."""
    return (
        Cohort.objects.filter(authority=authority)
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )


def check_return_quarter_for(
    authority: LocalAuthority, text: str | Quarter, *, today: date
) -> Quarter:
    """`kpi.quarters.check_return_quarter()` with the authority's cohort windows read from
    the database."""
    return check_return_quarter(
        text,
        today=today,
        first_window=first_cohort_start(authority),
        authority_name=authority.name,
    )

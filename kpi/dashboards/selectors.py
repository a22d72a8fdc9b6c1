"""What the dashboards read besides the values: cohorts, the latest submissions, titles."""

from accounts.models import AnyUser
from kpi.measures.groups import NO_TOOLKIT_INDICATOR
from kpi.measures.groups import POLICE_AND_COHORT as OUTSIDE_TOOLKIT
from kpi.models import Cohort, IndicatorDefinition, Submission
from kpi.permissions import can_upload_for
from models_registry.models import LocalAuthority

POLICE_AND_COHORT = NO_TOOLKIT_INDICATOR


def authority_cohorts(authority: LocalAuthority) -> list[Cohort]:
    return list(Cohort.objects.filter(authority=authority).order_by("start", "number"))


def latest_submission(authority: LocalAuthority) -> Submission | None:
    """The latest accepted submission: the public face of the authority's returns. (A
    superseded one is always older than the one that superseded it.)"""
    return (
        Submission.objects.filter(authority=authority, status=Submission.Status.ACCEPTED)
        .order_by("-uploaded_at", "-id")
        .first()
    )


def latest_upload_not_accepted(
    user: AnyUser, authority: LocalAuthority, after: Submission | None
) -> Submission | None:
    """For the authority's own analysts only: an upload newer than the latest accepted one
    that was not accepted (rejected, failed or still being checked). Nobody else learns of
    it (kpi/permissions.py)."""
    if not can_upload_for(user, authority):
        return None
    newer = Submission.objects.filter(authority=authority).exclude(
        status__in=[Submission.Status.ACCEPTED, Submission.Status.SUPERSEDED]
    )
    if after is not None:
        newer = newer.filter(uploaded_at__gt=after.uploaded_at)
    return newer.order_by("-uploaded_at", "-id").first()


def indicator_titles() -> dict[int, str]:
    titles = dict(IndicatorDefinition.objects.values_list("number", "title"))
    titles[POLICE_AND_COHORT] = OUTSIDE_TOOLKIT.title
    return titles

"""Changes to the evidence library: proposing, publishing and rating."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from evidence.models import Evaluation, Finding
from evidence.permissions import may_propose_finding, may_publish_findings


@dataclass(frozen=True)
class PublishReport:
    published: int
    already_published: int


@transaction.atomic
def publish_finding(*, finding: Finding, user: User | AnonymousUser) -> Finding:
    """Make a proposed (draft) finding public. Only a regional admin may publish."""
    if not may_publish_findings(user):
        raise PermissionDenied("Only a regional admin may publish findings.")
    if finding.status == Finding.Status.PUBLISHED:
        return finding
    finding.status = Finding.Status.PUBLISHED
    finding.published_by = cast(User, user)  # may_publish_findings: a signed-in admin
    finding.published_at = timezone.now()
    finding.full_clean()
    finding.save()
    return finding


def publish_findings(*, findings: Iterable[Finding], user: User | AnonymousUser) -> PublishReport:
    published = already = 0
    for finding in findings:
        if finding.status == Finding.Status.PUBLISHED:
            already += 1
            continue
        publish_finding(finding=finding, user=user)
        published += 1
    return PublishReport(published=published, already_published=already)


@transaction.atomic
def propose_finding(*, user: User | AnonymousUser, **fields: Any) -> Finding:
    """Store a new finding as a draft for a regional admin to publish."""
    return save_draft_finding(finding=Finding(**fields), user=user)


@transaction.atomic
def save_draft_finding(*, finding: Finding, user: User | AnonymousUser) -> Finding:
    """Store a finding, new or changed, as a draft for a regional admin to publish: what an
    authority editor's proposals and changes always are (pages, API and admin alike).

    An authority editor may only propose findings about their own authority; whoever first
    proposed a finding stays its proposer.
    """
    if not may_propose_finding(user, finding.authority):
        raise PermissionDenied("Editors may only propose findings about their own authority.")
    finding.status = Finding.Status.DRAFT
    if finding._state.adding:
        finding.proposed_by = user if isinstance(user, User) else None
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def rate_evaluation(
    *,
    evaluation: Evaluation,
    strength: str,
    sms_level: int | None,
    reason: str,
    user: User | AnonymousUser,
) -> Evaluation:
    """Record a new strength rating and why (docs/evidence-scale.md). History keeps the old one."""
    if not may_publish_findings(user):
        raise PermissionDenied("Only a regional admin may rate evaluations.")
    evaluation.strength = strength
    evaluation.sms_level = sms_level
    evaluation.strength_reason = reason.strip()
    evaluation._change_reason = f"Rated {strength}: {reason.strip()}"[:100]  # type: ignore[attr-defined]
    evaluation.full_clean()
    evaluation.save()
    return evaluation

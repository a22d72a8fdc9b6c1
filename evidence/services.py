"""Changes to the evidence library: proposing, publishing and rating."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from evidence import notifications
from evidence.models import Evaluation, Finding, FindingReview
from evidence.permissions import may_propose_finding, may_publish_findings

#: Findings waiting for the regional team's decision: proposed (drafts) and not yet decided.
AWAITING_REVIEW = Finding.Status.DRAFT


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


def proposal_refusal(*, user: User | AnonymousUser, finding: Finding) -> str | None:
    """Why `user` may not propose `finding` as it stands, or None: the one rule pages, API
    and admin forms ask before saving (save_draft_finding enforces it)."""
    if not may_propose_finding(user, finding.authority):
        return "You may only propose findings about your own authority."
    return None


@transaction.atomic
def save_draft_finding(*, finding: Finding, user: User | AnonymousUser) -> Finding:
    """Store a finding, new or changed, as a draft for a regional admin to publish: what an
    authority editor's proposals and changes always are (pages, API and admin alike).

    An authority editor may only propose findings about their own authority; whoever first
    proposed a finding stays its proposer. A proposal sent back (or declined) and changed
    again goes back into the review queue.
    """
    if refusal := proposal_refusal(user=user, finding=finding):
        raise PermissionDenied(refusal)
    finding.status = Finding.Status.DRAFT
    if finding._state.adding:
        finding.proposed_by = user if isinstance(user, User) else None
    finding.full_clean()
    finding.save()
    return finding


class ReviewRefused(Exception):
    """A decision that cannot be made: the finding is not awaiting review, or a comment is
    missing. The message is for the person deciding."""


@transaction.atomic
def review_finding(
    *,
    finding: Finding,
    decision: str,
    comment: str,
    user: User | AnonymousUser,
) -> FindingReview:
    """The regional team's decision on a proposed finding (issue 22): publish it, send it
    back to the proposer with a comment, or decline it. Every decision is kept as a
    `FindingReview` and the proposer is emailed each time (after the transaction commits,
    so a rolled-back decision sends nothing)."""
    if not may_publish_findings(user):
        raise PermissionDenied("Only a regional admin may review proposed findings.")
    # The row is locked so that two reviewers cannot both decide the same proposal.
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status != AWAITING_REVIEW:
        raise ReviewRefused(
            f"This finding is no longer awaiting review: it is {finding.get_status_display()}."
        )
    comment = comment.strip()
    if decision == FindingReview.Decision.SEND_BACK and not comment:
        raise ReviewRefused("Enter a comment saying what the proposer should change.")
    if decision == FindingReview.Decision.PUBLISH:
        finding._change_reason = "Published by the regional team"  # type: ignore[attr-defined]
        publish_finding(finding=finding, user=user)
    elif decision == FindingReview.Decision.SEND_BACK:
        _set_status(finding, Finding.Status.SENT_BACK, "Sent back to the proposer")
    elif decision == FindingReview.Decision.DECLINE:
        _set_status(finding, Finding.Status.DECLINED, "Declined by the regional team")
    else:
        raise ReviewRefused("Choose whether to publish, send back or decline the finding.")
    review = FindingReview.objects.create(
        finding=finding, decision=decision, comment=comment, reviewer=cast(User, user)
    )
    transaction.on_commit(lambda: notifications.tell_proposer(review))
    return review


def _set_status(finding: Finding, status: str, reason: str) -> None:
    finding.status = status
    finding._change_reason = reason  # type: ignore[attr-defined]
    finding.full_clean()
    finding.save()


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


def proposal_key(*, authority_slug: str, statement: str) -> str:
    """A new proposal's stable key: its authority and first words, unique."""
    base = slugify(f"{authority_slug} {statement}")[:100].strip("-") or "proposal"
    key, number = base, 1
    while Finding.objects.filter(key=key).exists():
        number += 1
        key = f"{base}-{number}"
    return key

"""Telling an authority editor what the regional team decided about the finding they
proposed, by email (Django's email framework: the console in development, SMTP by
settings; README, Configuration)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from evidence.models import FindingReview

logger = logging.getLogger(__name__)

SUBJECTS = {
    FindingReview.Decision.PUBLISH: "Your proposed finding is published",
    FindingReview.Decision.SEND_BACK: "Your proposed finding needs changes",
    FindingReview.Decision.DECLINE: "Your proposed finding was declined",
}


def tell_proposer(review: FindingReview) -> None:
    """Email the finding's proposer the decision and its comment; marks the review as
    emailed. A proposal with no proposer (or one without an address) is not emailed."""
    proposer = review.finding.proposed_by
    if proposer is None or not proposer.email:
        return
    body = render_to_string(
        "evidence/email/review_decision.txt",
        {
            "review": review,
            "finding": review.finding,
            "proposals_url": settings.PORTAL_BASE_URL + reverse("evidence:proposals"),
            "finding_url": settings.PORTAL_BASE_URL + review.finding.get_absolute_url(),
        },
    )
    send_mail(SUBJECTS[FindingReview.Decision(review.decision)], body, None, [proposer.email])
    FindingReview.objects.filter(pk=review.pk).update(proposer_emailed=True)
    logger.info("Told the proposer of finding %s: %s", review.finding.key, review.decision)

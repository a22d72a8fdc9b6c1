"""The regional team's reviews of findings authority editors propose (a table of the
evidence app; evidence.models re-exports it)."""

from django.conf import settings
from django.db import models


class FindingReview(models.Model):
    """The regional team's decision on a finding an authority editor proposed: published,
    sent back with a comment, or declined. Every decision is kept; the proposer is emailed
    each time (evidence.services.review_finding)."""

    class Decision(models.TextChoices):
        PUBLISH = "publish", "Publish"
        SEND_BACK = "send_back", "Send back with a comment"
        DECLINE = "decline", "Decline"

    finding = models.ForeignKey(
        "evidence.Finding", on_delete=models.CASCADE, related_name="reviews"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    proposer_emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="finding_review_sent_back_has_comment",
                condition=~models.Q(decision="send_back") | ~models.Q(comment=""),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.finding.key}"

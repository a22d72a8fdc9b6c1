"""The registry's upkeep: the facts an authority states about its own entry through the
editing pages, the confirmation reminders sent to its editors and the regional team's
daily digests of changes. Tables of the registry app (models_registry.models re-exports
them), kept apart from the entries themselves."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from seslip.wording import field_name_for


class ConfirmationReminder(models.Model):
    """A reminder emailed to an authority's editors that its entry is due for confirmation
    (`send_confirmation_reminders`): one per authority per period, which is what makes the
    command safe to run every day."""

    local_authority = models.ForeignKey(
        "models_registry.LocalAuthority",
        on_delete=models.CASCADE,
        related_name="confirmation_reminders",
    )
    sent_at = models.DateTimeField()
    recipients = models.TextField(help_text="The addresses it went to, one a line.")

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["local_authority", "-sent_at"])]

    def __str__(self) -> str:
        return f"Reminder to {self.local_authority} at {self.sent_at:%Y-%m-%d}"


class RegistryDigest(models.Model):
    """The regional team's email of one day's registry changes (`send_registry_digest`):
    one row per day, so the day is never sent twice."""

    day = models.DateField(unique=True)
    sent_at = models.DateTimeField()
    changes = models.PositiveIntegerField()
    recipients = models.TextField(blank=True, help_text="The addresses it went to, one a line.")

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"Digest of {self.day:%Y-%m-%d}"


class AuthorityStatement(models.Model):
    """A fact an authority states about its own entry through the portal's editing pages or
    API, with no document behind it: shown on the public pages as the authority's own report
    (like self-reported evidence), with the date and the role of whoever stated it."""

    local_authority = models.ForeignKey(
        "models_registry.LocalAuthority", on_delete=models.CASCADE, related_name="statements_made"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=60, help_text="The field the statement supports.")
    stated_on = models.DateField()
    stated_by_role = models.CharField(
        max_length=60, help_text="The role of the person who stated it, at the time."
    )
    stated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["content_type", "object_id", "field", "-stated_on", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.local_authority}: {self.field_label}, {self.stated_on}"

    @property
    def field_label(self) -> str:
        return field_name_for(self.content_type_id, self.field)


class RemovedCitation(models.Model):
    """A citation of an adoption or a contact removed from its authority's entry, kept so
    that reverting the removal brings it back with the row (models_registry/removals.py).
    Django deletes a row's citations with it; this keeps what they said."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    source = models.ForeignKey("sources.Source", on_delete=models.CASCADE, related_name="+")
    locator = models.CharField(max_length=200)
    field = models.CharField(max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["content_type", "object_id", "position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}: {self.locator}"

"""Saving the regional team's changes: each in the history with its reason, each changed
fact cited, and never over a change someone else saved since the page was opened."""

from dataclasses import dataclass
from typing import cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from accounts import permissions
from accounts.models import AnyUser, User
from evidence.models import Finding
from regional.entries import EntryKind
from regional.forms import CitedEntryForm, EntryForm
from seslip.optimistic_locking import save_if_unchanged
from sources.models import Citation, Source

# simple-history keeps a change reason of at most 100 characters.
REASON_MAX = 100


@dataclass(frozen=True)
class SavedEntry:
    entry: models.Model
    created: bool
    changed_fields: list[str]


def may_use_regional_pages(user: AnyUser) -> bool:
    """The regional team's pages are for regional admins (accounts.permissions: they
    manage the registry's region-wide content and the evidence library)."""
    return permissions.can_manage_registry(user) and permissions.can_manage_evidence(user)


def save_entry(*, kind: EntryKind, form: EntryForm, user: AnyUser) -> SavedEntry:
    """Save a valid question-page form: a new entry, or a change to one only if nobody
    saved it since the form was opened (else seslip.optimistic_locking.StaleEdit, and
    nothing is written). The history entry says what changed and where it comes from."""
    if not may_use_regional_pages(user):
        raise PermissionDenied("Only the regional team may change this.")
    entry = form.instance
    created = entry.pk is None
    changed = [name for name in form.changed_data if name in form.entry_fields]
    citation = _citation(form)
    entry._change_reason = _reason(form, changed, citation, created)
    if created and isinstance(entry, Finding):
        # The regional team publishes what it adds itself; proposals come from editors.
        entry.status = Finding.Status.PUBLISHED
        entry.published_by = cast(User, user)  # may_use_regional_pages: signed in
        entry.published_at = timezone.now()

    def write() -> None:
        form.save()  # the row and its links to many
        if citation is not None:
            _cite(entry, citation, [""] if created else changed)

    if created:
        with transaction.atomic():
            write()
    else:
        save_if_unchanged(
            entry, seen_version=form.cleaned_data.get("version") or "", field=kind.lock_field,
            save=write,
        )  # fmt: skip
    return SavedEntry(entry=entry, created=created, changed_fields=changed)


def _citation(form: EntryForm) -> tuple[Source, str] | None:
    if not isinstance(form, CitedEntryForm):
        return None
    return form.cleaned_data["cite_source"], form.cleaned_data["cite_locator"]


def _reason(
    form: EntryForm, changed: list[str], citation: tuple[Source, str] | None, created: bool
) -> str:
    what = (
        "Added"
        if created
        else "Changed " + ", ".join(str(form.fields[name].label).lower() for name in changed)
    )
    reason = f"{what} by the regional team" if changed or created else "Saved unchanged"
    if citation is not None:
        reason += f", from {citation[0].display_title}, {citation[1]}"
    return reason if len(reason) <= REASON_MAX else reason[: REASON_MAX - 1] + "…"


def _cite(entry: models.Model, citation: tuple[Source, str], fields: list[str]) -> None:
    """Each changed field cites the document it now comes from (one citation for the whole
    of a new entry)."""
    source, locator = citation
    content_type = ContentType.objects.get_for_model(entry, for_concrete_model=False)
    existing = Citation.objects.filter(content_type=content_type, object_id=entry.pk)
    position = (existing.aggregate(last=Max("position"))["last"] or 0) + 1
    for field in fields:
        _row, made = Citation.objects.get_or_create(
            content_type=content_type,
            object_id=entry.pk,
            field=field,
            source=source,
            locator=locator,
            defaults={"position": position},
        )
        position += made

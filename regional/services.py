"""Saving the regional team's changes: each in the history with its reason, each changed
fact cited, and never over a change someone else saved since the page was opened."""

from dataclasses import dataclass
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import AnyUser, User
from evidence.models import Finding
from regional.entries import EntryKind
from regional.forms import CitedEntryForm, EntryForm
from seslip.locking import save_if_unchanged
from sources.models import Source
from sources.services import cite_fields

# simple-history keeps a change reason of at most 100 characters.
REASON_MAX = 100


class StaleEntry(Exception):
    """Someone else saved the entry since the question page was opened: nothing was
    written. `current` is the entry as saved now (None if it was deleted)."""

    def __init__(self, current: models.Model | None):
        super().__init__("This entry was changed by someone else since you opened it.")
        self.current = current


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
    saved it since the form was opened (else StaleEntry, and
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
            source, locator = citation
            cite_fields(entry, source=source, locator=locator, fields=[""] if created else changed)

    if created:
        with transaction.atomic():
            write()
    elif not save_if_unchanged(
        entry, read_version=_read_version(form), apply=lambda _entry: write()
    ):
        raise StaleEntry(type(entry)._default_manager.filter(pk=entry.pk).first())
    return SavedEntry(entry=entry, created=created, changed_fields=changed)


def _read_version(form: EntryForm) -> int:
    """The version the question page was opened on (0, which no row has, if unreadable)."""
    try:
        return int(form.cleaned_data.get("version") or 0)
    except ValueError:
        return 0


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

"""One change to a registry row, made through the editing pages or the API.

The change claims the version it was read at (seslip.locking.save_if_unchanged): a stale
change is refused with the row as saved now, never applied. Each change says where it
comes from: a document of the sources catalogue and a place in it (a Citation for each
changed field) or the authority's own statement (an AuthorityStatement for each changed
field); either way the history entry's reason says which, with the date.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst

from models_registry.models import Adoption, AuthorityStatement, Contact, LocalAuthority
from seslip.locking import save_if_unchanged
from seslip.templatetags.govuk_dates import govuk_date
from seslip.wording import field_name
from sources.models import Citation, Source

Editable = LocalAuthority | Adoption | Contact


@dataclass(frozen=True)
class Provenance:
    """Where a change comes from: `source` and `locator`, or (source None) the authority's
    own statement, made on `stated_on` by `by` (the portal's user)."""

    source: Source | None
    locator: str
    by: Any
    stated_on: date = field(default_factory=lambda: timezone.localdate())

    @property
    def is_statement(self) -> bool:
        return self.source is None

    @property
    def role_label(self) -> str:
        return str(self.by.get_role_display()) if self.by is not None else ""

    def describe(self) -> str:
        if self.source is not None:
            return f"source: {self.source.display_title}, {self.locator}"
        who = f" ({self.role_label.lower()})" if self.role_label else ""
        return f"stated by the authority{who} on {govuk_date(self.stated_on)}"


@dataclass
class EditOutcome:
    """`saved`: the change is live. `conflict`: someone else saved the row since it was
    read, and `current` is the row as they left it. `changed`: the fields that changed."""

    saved: bool
    conflict: bool
    current: Editable
    changed: list[str]


def authority_of(row: Editable) -> LocalAuthority:
    return row if isinstance(row, LocalAuthority) else row.local_authority


def field_label(model: type[models.Model], name: str) -> str:
    """The field's name as a question or summary-list label: its first letter capitalised."""
    return capfirst(field_name(model, name))


def _current_value(row: Editable, name: str) -> Any:
    model_field = row._meta.get_field(name)
    if model_field.many_to_many:
        return {item.pk for item in getattr(row, name).all()}
    return getattr(row, name)


def _new_value(row: Editable, name: str, value: Any) -> Any:
    if row._meta.get_field(name).many_to_many:
        return {item.pk for item in value}
    return value


def _has_precision(model: type[models.Model], name: str) -> bool:
    return any(f.name == f"{name}_precision" for f in model._meta.get_fields())


def model_values(model: type[models.Model], changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` as the row's fields: a date given with its precision (a PreciseDate, or
    None for no date) becomes the date field and its `_precision` field."""
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if _has_precision(model, name):
            values[name] = value.value if value else None
            values[f"{name}_precision"] = str(value.precision) if value else ""
        else:
            values[name] = value
    return values


def reported_fields(model: type[models.Model], changed: list[str]) -> list[str]:
    """The changed fields as a person names them: a date's precision is part of its date."""
    names = []
    for name in changed:
        base = name.removesuffix("_precision")
        names.append(base if base != name and _has_precision(model, base) else name)
    return list(dict.fromkeys(names))


def changed_fields(row: Editable, changes: dict[str, Any]) -> list[str]:
    """The fields of `changes` whose value differs from the row's."""
    return [
        name
        for name, value in changes.items()
        if _new_value(row, name, value) != _current_value(row, name)
    ]


def edit_row(
    *, row: Editable, read_version: int, changes: dict[str, Any], provenance: Provenance
) -> EditOutcome:
    """Apply `changes` ({field: value}; a many-to-many field's value is the objects it
    should hold) to `row` if nobody has saved it since `read_version`.

    A date with a precision (`ofsted_date`) is given as a `PreciseDate` or None.

    Raises django.core.exceptions.ValidationError (nothing saved) when the changed row
    breaks a rule of the model; the pages' forms and the API's serializers check first.
    """
    current = type(row)._default_manager.get(pk=row.pk)
    if current.version != read_version:
        return EditOutcome(saved=False, conflict=True, current=current, changed=[])
    changes = model_values(type(current), changes)
    changed = changed_fields(current, changes)
    if not changed:
        return EditOutcome(saved=False, conflict=False, current=current, changed=[])
    reported = reported_fields(type(current), changed)
    labels = ", ".join(field_name(type(current), name) for name in reported)
    reason = f"Changed {labels}; {provenance.describe()}"

    def apply(instance: Editable) -> None:
        many = {}
        for name in changed:
            if instance._meta.get_field(name).many_to_many:
                many[name] = changes[name]
            else:
                setattr(instance, name, changes[name])
        instance.full_clean()
        instance._change_reason = reason  # type: ignore[union-attr]  # django-simple-history
        instance._history_user = provenance.by  # type: ignore[union-attr]
        instance.save()
        for name, value in many.items():
            getattr(instance, name).set(value)
        _record_provenance(instance, reported, provenance)

    if not save_if_unchanged(current, read_version=read_version, apply=apply):
        fresh = type(row)._default_manager.get(pk=row.pk)
        return EditOutcome(saved=False, conflict=True, current=fresh, changed=[])
    return EditOutcome(saved=True, conflict=False, current=current, changed=reported)


def _record_provenance(row: Editable, changed: list[str], provenance: Provenance) -> None:
    content_type = ContentType.objects.get_for_model(row)
    for name in changed:
        if provenance.source is not None:
            Citation.objects.get_or_create(
                content_type=content_type,
                object_id=row.pk,
                field=name,
                source=provenance.source,
                locator=provenance.locator,
            )
        else:
            AuthorityStatement.objects.create(
                local_authority=authority_of(row),
                content_type=content_type,
                object_id=row.pk,
                field=name,
                stated_on=provenance.stated_on,
                stated_by_role=provenance.role_label,
                stated_by=provenance.by,
            )


def add_row(
    *,
    authority: LocalAuthority,
    model: type[Adoption] | type[Contact],
    values: dict[str, Any],
    provenance: Provenance,
) -> Adoption | Contact:
    """Add an adoption or a contact to `authority`'s entry with `values` ({field: value}; a
    many-to-many field's value is the objects it should hold), kept in the history with
    where it comes from, and each stated field cited or recorded as the authority's own
    statement.

    Raises django.core.exceptions.ValidationError (nothing saved) when the row breaks a rule
    of the model, such as a second adoption of one model; the pages' forms check first.
    """
    many = {n: v for n, v in values.items() if model._meta.get_field(n).many_to_many}
    row = model(local_authority=authority, **{n: v for n, v in values.items() if n not in many})
    stated = [n for n, v in values.items() if v not in (None, "") and (n not in many or v)]
    with transaction.atomic():
        row.full_clean()
        row._change_reason = f"Added; {provenance.describe()}"  # type: ignore[union-attr]
        row._history_user = provenance.by  # type: ignore[union-attr]
        row.save()
        for name, value in many.items():
            getattr(row, name).set(value)
        _record_provenance(row, stated, provenance)
    return row


def remove_row(*, row: Adoption | Contact, read_version: int, by: Any) -> bool:
    """Remove an adoption or a contact from its authority's entry if nobody has saved it
    since `read_version` (seslip/locking.py); False, and nothing removed, when someone has.

    The removal is kept in the history, with who removed it, so it is in the day's digest and
    a regional admin can revert it (models_registry/reverts.py recreates the row with its
    values and links, and its citations, kept by models_registry/removals.py; its
    statements, removed with it, are not restored).
    """
    reason = f"Removed; {Provenance(source=None, locator='', by=by).describe()}"

    def apply(instance: Adoption | Contact) -> None:
        instance._change_reason = reason  # type: ignore[union-attr]  # django-simple-history
        instance._history_user = by  # type: ignore[union-attr]
        instance.delete()

    return save_if_unchanged(row, read_version=read_version, apply=apply)

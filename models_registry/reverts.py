"""Reverting a registry change from its history entry (issue 22: "a regional admin can
revert any change from its history entry").

Reverting the change a history entry records undoes it: the fields (and links: a model's
underpinnings and tools, an adoption's services, a theme's models and authorities) that
change changed go back to what they were just before it, and later changes to other
fields stay; a creation is undone by deleting what was created, a deletion by creating it
again with its id, values, links and citations (removals.py). The revert is itself a
change, saved with the reverting person as its author and the reason "Reverted the change
of <when>", so it is in the history and can be reverted in turn. Bookkeeping fields (the
id, `updated_at`, an optimistic-locking `version`) are never restored. Which kinds of change
can be reverted (the ones the daily digest lists) is revertible.py's to say.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.urls import reverse
from django.utils.text import capfirst

from models_registry.models import LocalAuthority, PracticeModel
from models_registry.removals import kept_citations, restore_citations
from models_registry.revertible import PAGES, REVERTIBLE, kind_name
from seslip.templatetags.govuk_dates import govuk_date

NOT_RESTORED = frozenset({"id", "updated_at", "version"})


class NotRevertible(Exception):
    """The change cannot be reverted as things stand; the message says why."""


#: History entries this close together are one change: saving an entry writes its row, then
#: each link field's clearing and adding, each as an entry of its own (and, outside a
#: request, the links' entries name nobody).
ONE_SAVE = datetime.timedelta(seconds=2)


def state_before(record: Any) -> Any | None:
    """The history entry that holds the object as it was before the save `record` belongs
    to; None when there is none."""
    first, earlier = record, _entry_before(record)
    while (
        earlier is not None
        and earlier.history_type == "~"
        and first.history_date - earlier.history_date < ONE_SAVE
    ):
        first, earlier = earlier, _entry_before(earlier)
    return earlier


def _burst_end(record: Any) -> Any:
    """The last history entry of the save `record` belongs to."""
    last, later = record, _entry_after(record)
    while (
        later is not None
        and later.history_type == "~"
        and later.history_date - last.history_date < ONE_SAVE
    ):
        last, later = later, _entry_after(later)
    return last


def _entry_after(record: Any) -> Any | None:
    return (
        type(record)
        .objects.filter(id=record.id, history_id__gt=record.history_id)
        .order_by("history_id")
        .first()
    )


def _entry_before(record: Any) -> Any | None:
    """The object's previous history entry, by id (django-simple-history's prev_record
    goes by time, which entries written in the same instant share)."""
    return (
        type(record)
        .objects.filter(id=record.id, history_id__lt=record.history_id)
        .order_by("-history_id")
        .first()
    )


def kind_of(record: Any) -> str:
    return record.instance_type._meta.model_name


def revert_url(record: Any) -> str:
    return reverse(
        "revert-change", kwargs={"kind": kind_of(record), "history_id": record.history_id}
    )


def history_record(kind: str, history_id: int) -> Any:
    """The history entry, or LookupError when there is no such kind or entry."""
    model = REVERTIBLE.get(kind)
    if model is None:
        raise LookupError(kind)
    record = (
        model.history.select_related("history_user__authority")  # type: ignore[attr-defined]
        .filter(history_id=history_id)
        .first()
    )
    if record is None:
        raise LookupError(history_id)
    return record


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields if f.name not in NOT_RESTORED and not f.primary_key
    ]


def _m2m_names(model: type[models.Model]) -> list[str]:
    # django-simple-history keeps them on the historical model.
    tracked = getattr(model.history.model, "_history_m2m_fields", None) or []  # type: ignore[attr-defined]
    return [f.name for f in tracked]


def _linked_ids(record: Any, name: str) -> set[int]:
    """The ids a history entry records for the many-to-many field `name`."""
    target = record.instance_type._meta.get_field(name).related_model
    column = f"{target._meta.model_name}_id"
    return {getattr(row, column) for row in getattr(record, name).all()}


def _show(model: type[models.Model], name: str, value: Any) -> str:
    field = model._meta.get_field(name)
    if value in (None, ""):
        return "(empty)"
    choices = dict(getattr(field, "flatchoices", None) or [])
    if choices:
        return str(choices.get(value, value))
    if isinstance(value, datetime.date):
        return govuk_date(value)
    return str(value)


@dataclass(frozen=True)
class Difference:
    field: str
    now: str
    after: str


@dataclass(frozen=True)
class RevertPlan:
    """What reverting one history entry would do."""

    record: Any
    action: str  # "restore", "delete" or "recreate"
    current: models.Model | None
    differences: list[Difference]
    problem: str = ""
    #: The history entry whose values reverting writes back, and which fields and links.
    source: Any = None
    fields: tuple = ()
    links: tuple[str, ...] = ()
    #: The history entry whose links reverting writes back, when not `source`.
    link_source: Any = None

    @property
    def links_from(self) -> Any:
        return self.link_source if self.link_source is not None else self.source

    @property
    def kind_label(self) -> str:
        return kind_name(self.record.instance_type)


def _differences(
    model,
    current: models.Model | None,
    target: Any | None,
    fields: list,
    links: list[str],
    links_target: Any | None,
) -> list[Difference]:
    differences = []
    for f in fields:
        now = getattr(current, f.attname) if current is not None else None
        after = getattr(target, f.attname) if target is not None else None
        if now != after:
            shown_now = _show_field(model, f, now)
            shown_after = _show_field(model, f, after)
            differences.append(Difference(capfirst(str(f.verbose_name)), shown_now, shown_after))
    for name in links:
        now_ids = set(getattr(current, name).values_list("pk", flat=True)) if current else set()
        after_ids = _linked_ids(links_target, name) if links_target is not None else set()
        if now_ids != after_ids:
            related = model._meta.get_field(name).related_model
            names = dict(
                related.objects.filter(pk__in=now_ids | after_ids).values_list("pk", "name")
            )
            differences.append(
                Difference(
                    capfirst(str(model._meta.get_field(name).verbose_name)),
                    ", ".join(sorted(names.get(i, str(i)) for i in now_ids)) or "(none)",
                    ", ".join(sorted(names.get(i, str(i)) for i in after_ids)) or "(none)",
                )
            )
    return differences


def _show_field(model, f: models.Field, value: Any) -> str:
    if f.is_relation and value is not None:
        related = f.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
        return str(related) if related is not None else f"(deleted, id {value})"
    return _show(model, f.name, value)


def plan_revert(record: Any) -> RevertPlan:
    model = record.instance_type
    current = model._default_manager.filter(pk=record.id).first()
    fields, links = _fields(model), _m2m_names(model)
    links_target = None
    if record.history_type == "+":
        action, target = "delete", None
    elif record.history_type == "-":
        # A deletion's entry holds no links: Django deletes the link rows before the row, and
        # the history is written after. The entry before it holds them.
        action, target = "recreate", record
        links_target = _entry_before(record)
    else:
        # Only what this change changed goes back: later changes to other fields stay.
        action, target = "restore", state_before(record)
        if target is not None:
            end = _burst_end(record)
            fields = [f for f in fields if getattr(target, f.attname) != getattr(end, f.attname)]
            links = [n for n in links if _linked_ids(target, n) != _linked_ids(end, n)]
    problem = ""
    if action == "restore" and target is None:
        problem = "No earlier version of it is recorded."
    elif action == "restore" and current is None:
        problem = "It has been deleted since. Revert its deletion first."
    elif action == "recreate" and current is not None:
        problem = "It exists again already."
    elif action == "delete" and current is None:
        problem = "It has been deleted already."
    elif action == "delete" and (linked := _linked_from(current)):
        # Deleting it would delete those rows too (CASCADE) or quietly drop their links to it
        # (many-to-many), neither of which their history would show as a change of theirs.
        problem = f"Other records depend on it ({_names(linked)}), so it cannot be deleted."
    differences = []
    if not problem:
        differences = _differences(
            model, current, target, fields, links, links_target if links_target else target
        )
    if not problem and action == "recreate":
        kept = [f"{c.source.display_title}, {c.locator}" for c in kept_citations(model, record.id)]
        if kept:
            differences.append(Difference("Citations", "(none)", "; ".join(kept)))
    return RevertPlan(
        record=record,
        action=action,
        current=current,
        differences=differences,
        problem=problem,
        source=target,
        fields=tuple(fields),
        links=tuple(links),
        link_source=links_target,
    )


def change_reason(record: Any) -> str:
    return f"Reverted the change of {govuk_date(record.history_date, 'time')}"


@transaction.atomic
def revert_change(*, record: Any, user: Any) -> models.Model | None:
    """Revert the change `record` records (see the module docstring); the object as it is
    now, or None when reverting deleted it. Raises NotRevertible with the reason when it
    cannot be done (deleted since, protected by other rows, or values the database
    refuses today)."""
    plan = plan_revert(record)
    if plan.problem:
        raise NotRevertible(plan.problem)
    model = record.instance_type
    reason = change_reason(record)
    try:
        with transaction.atomic():
            if plan.action == "delete":
                created: Any = plan.current
                created._change_reason = reason
                created._history_user = user
                created.delete()
                return None
            source = plan.source
            if plan.current is not None:
                obj: Any = model._default_manager.select_for_update().get(pk=record.id)
                # The next version: an editing form opened before is told (seslip/locking.py).
                obj.version += 1
            else:
                obj = model(pk=record.id)
                obj.version = record.version + 1
            for f in plan.fields:
                setattr(obj, f.attname, getattr(source, f.attname))
            obj.full_clean(validate_unique=True)
            obj._change_reason = reason
            obj._history_user = user
            obj.save()
            for name in plan.links:
                getattr(obj, name).set(_linked_ids(plan.links_from, name))
            if plan.action == "recreate":
                restore_citations(obj)
            return obj
    except (ProtectedError, RestrictedError) as error:
        raise NotRevertible(
            f"Other records depend on it ({_dependants(error)}), so it cannot be deleted."
        ) from error
    except ValidationError as error:
        messages = "; ".join(error.messages)
        raise NotRevertible(f"The earlier values are not valid today: {messages}") from error
    except IntegrityError as error:
        raise NotRevertible("The database refuses the earlier values.") from error


def _dependants(error: ProtectedError | RestrictedError) -> str:
    """'findings', 'cohorts and users': the kinds of row that refused the delete."""
    if isinstance(error, ProtectedError):
        rows = error.protected_objects
    else:
        rows = error.restricted_objects
    return _names({str(row._meta.verbose_name_plural) for row in rows})


def _linked_from(obj: models.Model) -> set[str]:
    """The kinds of row (plural names) that point at `obj`, by a foreign key or a link."""
    return {
        str(relation.related_model._meta.verbose_name_plural)
        for relation in obj._meta.related_objects
        if relation.related_model._base_manager.filter(**{relation.field.name: obj}).exists()
    }


def _names(names: set[str]) -> str:
    """'findings'; 'adoptions and practice models'; 'a, b and c'."""
    ordered = sorted(names)
    if len(ordered) < 2:
        return "".join(ordered)
    return f"{', '.join(ordered[:-1])} and {ordered[-1]}"


def subject_url(record: Any) -> str:
    """The public page that shows what a history entry changed."""
    kind = kind_of(record)
    if kind in PAGES:
        return PAGES[kind](record)
    if kind == "localauthority":
        return reverse("authority-detail", kwargs={"slug": record.slug})
    if kind == "practicemodel":
        return reverse("model-detail", kwargs={"slug": record.slug})
    if kind in ("adoption", "contact"):
        authority = LocalAuthority.objects.filter(pk=record.local_authority_id).first()
        if authority is not None:
            return reverse("authority-detail", kwargs={"slug": authority.slug})
    if kind == "theme":
        return reverse("theme-list")
    return reverse("model-list")


def describe(record: Any) -> str:
    """'Local authority: Bracknell Forest', for pages and the digest."""
    return f"{capfirst(kind_name(record.instance_type))}: {_object_name(record)}"


def _object_name(record: Any) -> str:
    kind = kind_of(record)
    if kind in ("adoption", "contact"):
        authority = LocalAuthority.objects.filter(pk=record.local_authority_id).first()
        model = PracticeModel.objects.filter(pk=record.practice_model_id).first()
        parts = [p.name for p in (authority, model) if p is not None]
        prefix = f"{record.name}, " if kind == "contact" else ""
        return prefix + " – ".join(parts)
    return getattr(record, "name", str(record.id))

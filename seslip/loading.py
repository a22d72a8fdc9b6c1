"""Idempotent loading of the region's data: write a row only when it differs, so running
`load_region` again changes nothing (and adds no history entries).

A row someone has changed on the portal since (its latest history entry names a person:
an edit on the portal's pages, a revert, the admin site, the API) is theirs now: the loader
leaves it and its links alone and counts it as "kept", so that `make run`, which loads
the region each time it starts, never undoes people's work. The loader's own writes name
nobody."""

from typing import Any, TypeVar

from django.apps import apps
from django.db import models

RowT = TypeVar("RowT", bound=models.Model)


def save_if_changed(
    model: type[RowT],
    lookup: dict,
    values: dict,
    *,
    create_values: dict | None = None,
    change_reason: str = "",
) -> tuple[RowT, str]:
    """Create the row, update the fields that differ, or leave it alone; returns the row
    and "created", "updated", "unchanged" or "kept" (it differs, but a person has changed
    it on the portal since). Rows are validated before they are saved."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values, **(create_values or {}))
        status = "created"
    else:
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if not changed:
            return row, "unchanged"
        if changed_on_the_portal(row):
            return row, "kept"
        for name in changed:
            setattr(row, name, values[name])
        status = "updated"
    if change_reason:
        row._change_reason = change_reason  # type: ignore[attr-defined]  # django-simple-history
    row.full_clean()
    row.save()
    return row, status


def set_if_changed(manager: Any, rows: list) -> bool:
    """Replace a many-to-many set only when it differs, and not on a row a person has
    changed on the portal since; True when it changed."""
    wanted = {row.pk for row in rows}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    if changed_on_the_portal(manager.instance):
        return False
    manager.set(rows)
    return True


def changed_on_the_portal(row: models.Model) -> bool:
    """Whether the row's latest history entry names a person (rows without history: no)."""
    history = getattr(type(row), "history", None)
    if history is None or row.pk is None:
        return False
    latest_by = (
        history.filter(**{type(row)._meta.pk.attname: row.pk})
        .order_by("-history_id")
        .values_list("history_user_id", flat=True)
        .first()
    )
    return latest_by is not None


def region_loaders() -> list[str]:
    """Every installed app's region loader (the dotted path in its AppConfig's
    `region_loader`), in INSTALLED_APPS order: the registry comes before the apps that look
    its authorities and models up. An app joins `load_region` by naming its loader there,
    so the command imports no domain app."""
    return [
        loader
        for config in apps.get_app_configs()
        if (loader := getattr(config, "region_loader", None))
    ]

"""Idempotent loading of the region's data: write a row only when it differs, so running
`load_region` again changes nothing (and adds no history entries)."""

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
    and "created", "updated" or "unchanged". Rows are validated before they are saved."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values, **(create_values or {}))
        status = "created"
    else:
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if not changed:
            return row, "unchanged"
        for name in changed:
            setattr(row, name, values[name])
        status = "updated"
    if change_reason:
        row._change_reason = change_reason  # type: ignore[attr-defined]  # django-simple-history
    row.full_clean()
    row.save()
    return row, status


def set_if_changed(manager: Any, rows: list) -> bool:
    """Replace a many-to-many set only when it differs; True when it changed."""
    wanted = {row.pk for row in rows}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(rows)
    return True


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

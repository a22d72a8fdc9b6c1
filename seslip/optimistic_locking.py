"""No lost edits: optimistic locking for any model with a version column (issue 22).

A form carries the version of the row it was opened on. Saving first takes the row in an
UPDATE that only matches it if it still has that version, then saves the changes in the
same transaction, and the model's own save moves the version on; if another save got
there first, nothing is written and `StaleEdit` carries the row as it is now, so the page
can show both versions.

    try:
        save_if_unchanged(finding, seen_version=form.cleaned_data["version"])
    except StaleEdit as stale:
        ...  # show stale.current beside the person's own answers

The column is `version` (a PositiveIntegerField that the model's `save()` moves on, so a
save made anywhere, the admin site's or the loader's included, makes older forms stale)
unless the model names another: a model that has no version column yet may lock on its
`updated_at` (auto_now) timestamp, which every save also moves on. On PostgreSQL the UPDATE
holds the row until the transaction ends, and a second UPDATE waiting for it re-reads the
row and no longer matches; on SQLite the transaction holds the database's write lock.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction


class StaleEdit(Exception):
    """The row changed since the form was opened; `current` is the row as saved now."""

    def __init__(self, current: models.Model | None):
        super().__init__("This entry was changed by someone else since you opened it.")
        self.current = current


def next_version(instance: models.Model) -> None:
    """Move a version column on: called by the `save()` of each model that has one."""
    instance.version = (instance.version or 0) + 1  # type: ignore[attr-defined]


def version_token(instance: models.Model, field: str = "version") -> str:
    """The version a form carries, as text (a hidden input)."""
    value = getattr(instance, field)
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _seen_value(model: type[models.Model], field: str, token: str) -> object:
    column = model._meta.get_field(field)
    assert isinstance(column, models.Field), f"{field} is a column of {model.__name__}"
    try:
        return column.to_python(token)
    except ValidationError:
        return None


@transaction.atomic
def save_if_unchanged(
    instance: models.Model,
    *,
    seen_version: str,
    field: str = "version",
    save: Callable[[], None] | None = None,
) -> None:
    """Save `instance` (or call `save`, which must save it) only if its row still has
    `seen_version`; otherwise raise StaleEdit and write nothing."""
    model = type(instance)
    seen = _seen_value(model, field, seen_version)
    rows = model._default_manager.filter(pk=instance.pk)
    # Setting the column to the value it has takes the row (the save below moves it on);
    # the count is of rows matched, so 0 means someone else saved first.
    if seen is None or not rows.filter(**{field: seen}).update(**{field: seen}):
        raise StaleEdit(rows.first())
    setattr(instance, field, seen)
    if save is None:
        instance.save()
    else:
        save()

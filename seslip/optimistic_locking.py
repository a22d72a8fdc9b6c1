"""No lost edits: optimistic locking for any model with a version column (issue 22).

A form carries the version of the row it was opened on. Saving first moves the version
on in one UPDATE that only matches the row if it still has that version, then saves the
changes in the same transaction; if another save got there first, nothing is written and
`StaleEdit` carries the row as it is now, so the page can show both versions.

    try:
        save_if_unchanged(finding, seen_version=form.cleaned_data["version"])
    except StaleEdit as stale:
        ...  # show stale.current beside the person's own answers

The column is `version` (a PositiveIntegerField) unless the model names another: a model
that has no version column yet may lock on its `updated_at` (auto_now) timestamp, which
every save also moves on.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone


class StaleEdit(Exception):
    """The row changed since the form was opened; `current` is the row as saved now."""

    def __init__(self, current: models.Model | None):
        super().__init__("This entry was changed by someone else since you opened it.")
        self.current = current


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
    new_value: object = (seen + 1) if isinstance(seen, int) else timezone.now()
    rows = model._default_manager.filter(pk=instance.pk)
    if seen is None or not rows.filter(**{field: seen}).update(**{field: new_value}):
        raise StaleEdit(rows.first())
    setattr(instance, field, new_value)
    if save is None:
        instance.save()
    else:
        save()

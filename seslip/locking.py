"""Optimistic locking: no edit is ever silently lost (issue 22).

A row that people edit carries a `version` (a positive integer). Whoever opens it for
editing keeps the version they read; saving claims that version in the UPDATE itself,

    UPDATE … SET version = version + 1 WHERE id = %s AND version = %s

so of two people who read the same version only the first to save succeeds, on any
database and under any interleaving: the second matches no row and is told, never
overwritten. The claim and the save that follows it are one transaction, so a failed save
(a validation error, a constraint) gives the version back.

Any model with a `version` field can use it; the registry's editing pages and API do
(models_registry/editing/services.py).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F, Model

M = TypeVar("M", bound=Model)


def save_if_unchanged(instance: M, *, read_version: int, apply: Callable[[M], Any]) -> bool:
    """Claim `read_version` of `instance`'s row and, if it is still the row's version, call
    `apply(instance)` (which saves) with `instance.version` already set to the new version.

    False, and nothing written, when someone else has saved the row since `read_version`
    was read (or it is gone).
    """
    manager = type(instance)._default_manager
    with transaction.atomic():
        claimed = manager.filter(pk=instance.pk, version=read_version).update(
            version=F("version") + 1
        )
        if not claimed:
            return False
        instance.version = read_version + 1  # type: ignore[attr-defined]  # the model's field
        apply(instance)
    return True

"""One signal, `public_data_changed`: what anonymous visitors can see has changed.

The apps that own public data send it: each calls `watch(app_config)` from its
AppConfig.ready(), which relays its models' saves, deletes and many-to-many changes, and
code that writes in bulk past the model signals (querysets' update and delete, COPY,
bulk_create) sends it itself with `announce()`. The anonymous response cache
(seslip/response_cache.py) listens, so it names no app and no model.
"""

from collections.abc import Iterable

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

#: Sent with `using`, the database alias the change was written to.
public_data_changed = Signal()

#: The app labels whose models are public data (filled by `watch`): what the read
#: replica may serve (seslip/db_routing.py).
_watched_apps: set[str] = set()


def is_public_data_model(model: type[Model]) -> bool:
    """Whether `model` belongs to an app that watches its models as public data."""
    return model._meta.app_label in _watched_apps


def announce(*, sender: object, using: str = DEFAULT_DB_ALIAS) -> None:
    """Say that public data changed (or is changing, inside a transaction)."""
    public_data_changed.send(sender=sender, using=using)


def watch(app_config: AppConfig, *, bulk_written: Iterable[str] = ()) -> None:
    """Relay every change to `app_config`'s models as `public_data_changed`.

    `bulk_written` names models (by class name) whose rows are deleted in bulk: a
    post_delete receiver would turn their fast deletes into one query per row, so their
    writers announce the change themselves and no delete receiver is connected.
    """
    _watched_apps.add(app_config.label)
    skip_deletes = set(bulk_written)
    for model in app_config.get_models():
        label = model._meta.label
        post_save.connect(_relay, sender=model, dispatch_uid=f"public-data-save-{label}")
        if model.__name__ not in skip_deletes:
            post_delete.connect(_relay, sender=model, dispatch_uid=f"public-data-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            assert through is not None  # set up by the time the app is ready
            uid = f"public-data-m2m-{through._meta.label}"
            m2m_changed.connect(_relay, sender=through, dispatch_uid=uid)


def _relay(sender: object, **kwargs: object) -> None:
    if kwargs.get("raw"):
        return
    using = kwargs.get("using") or DEFAULT_DB_ALIAS
    announce(sender=sender, using=str(using))

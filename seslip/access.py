"""The access rules' seat in the bottom layer, and the list of record-level models.

Who may see and change what is decided in one module, accounts/permissions.py, and the
access log is written by accounts.services.record_access. The apps below accounts (seslip
and models_registry: docs/architecture.md, "Layers") may not import either, so accounts
installs the rules they need here when Django starts (AccountsConfig.ready), and they ask
this seat. Which tables hold record-level cohort rows is declared by the app that owns
them (`KpiConfig.record_level_models`), so that nothing below it names its models.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class AccessRules:
    """What the lower layers ask of accounts/permissions.py and the access log."""

    #: The authorities whose registry entry, adoptions and contacts a user may change.
    editable_authorities: Callable[[Any], QuerySet]
    #: Whether a user may see named contacts (personal data).
    can_see_contacts: Callable[[Any], bool]
    #: Write an admin-site delete of `obj` to the access log.
    record_admin_delete: Callable[[HttpRequest, Model], None]
    #: Whether a user may keep region-wide registry content (the regional team): revert
    #: changes, read which entries are overdue for confirmation.
    can_manage_registry: Callable[[Any], bool]
    #: The active accounts that edit one authority's entry (its authority editors): who a
    #: confirmation reminder goes to.
    editors_of: Callable[[Any], QuerySet]
    #: The active accounts of the regional team (regional admins): who the daily digest of
    #: registry changes goes to.
    regional_team: Callable[[], QuerySet]


#: Whoever is asking: the portal's user (accounts.models.User, which this layer may not
#: name) or an anonymous visitor.
Viewer = AbstractBaseUser | AnonymousUser

_installed: list[AccessRules] = []


def install(rules: AccessRules) -> None:
    """Called once, by AccountsConfig.ready()."""
    _installed[:] = [rules]


def rules() -> AccessRules:
    if not _installed:
        raise ImproperlyConfigured("The accounts app installs the access rules; is it installed?")
    return _installed[0]


def record_level_models() -> list[type[Model]]:
    """Every model an app declares record-level: tables whose rows describe one family or
    person of a cohort file (docs/kpi-specification.md §4). The admin site
    refuses to register them and never lists them in a delete's cascade
    (seslip/admin_site.py). An app declares them by name in its AppConfig's
    `record_level_models`, which Django has read before any app's admin module is
    imported."""
    return [
        config.get_model(name)
        for config in apps.get_app_configs()
        for name in getattr(config, "record_level_models", ())
    ]


def is_record_level_model(model: type[Model]) -> bool:
    return model.__name__ in getattr(model._meta.app_config, "record_level_models", ())

"""Which changes are registry changes: the history the daily digest lists (digest.py) and a
regional admin can revert (reverts.py), what the pages and the digest call each kind, and,
for a kind added from above, the public page that shows its changes.

The registry's own models are listed here. A layer above the registry adds its own when
Django starts (`allow_reverting`, from its AppConfig.ready), since the registry may not
import it (docs/architecture.md, "Layers"): the evidence library adds its outcome domains,
which the regional team keeps on the same pages as the registry's lists.
"""

from collections.abc import Callable
from typing import Any

from django.db import models

from models_registry.models import (
    Adoption,
    Contact,
    LocalAuthority,
    PracticeModel,
    PracticeTool,
    Service,
    Theme,
    Underpinning,
)

#: The models whose history entries are registry changes, by the name revert URLs use.
REVERTIBLE: dict[str, type[models.Model]] = {
    model._meta.model_name: model  # type: ignore[misc]
    for model in (
        LocalAuthority,
        PracticeModel,
        Adoption,
        Contact,
        Theme,
        Underpinning,
        PracticeTool,
        Service,
    )
}

#: What the pages call a kind whose model's verbose name says less.
_NAMES = {"service": "children's service"}

#: The public page that shows a change, for the kinds added from above (reverts.subject_url
#: knows the registry's own).
PAGES: dict[str, Callable[[Any], str]] = {}


def allow_reverting(model: type[models.Model], *, page: Callable[[Any], str]) -> None:
    """Make `model`'s history entries registry changes: in the digest, and revertible by the
    regional team. `page(history entry)` is the public page that shows one."""
    kind = str(model._meta.model_name)
    REVERTIBLE[kind] = model
    PAGES[kind] = page


def kind_name(model: type[models.Model]) -> str:
    """'children's service', 'outcome domain': one of the kind, as the pages say it."""
    return _NAMES.get(str(model._meta.model_name), str(model._meta.verbose_name))

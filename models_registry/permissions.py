"""Who may see and change what in the registry.

The rules themselves live in accounts/permissions.py (roles and scoping, issue 8), which
sits above the registry; accounts installs the ones the registry needs in seslip/access.py,
and the registry's views and admin call these names only.
"""

from django.db.models import QuerySet

from models_registry.models import LocalAuthority
from seslip import access


def can_view_contacts(user: access.Viewer) -> bool:
    """Named contacts are personal data: signed-in users only."""
    return access.rules().can_see_contacts(user)


def editable_authorities(user: access.Viewer) -> QuerySet[LocalAuthority]:
    """The authorities whose entry, adoptions and contacts `user` may change: all for a
    regional admin, their own for an authority editor, none otherwise."""
    return access.rules().editable_authorities(user)


def can_manage_registry(user: access.Viewer) -> bool:
    """The regional team: revert any registry change, see what is overdue for confirmation."""
    return access.rules().can_manage_registry(user)


def can_confirm(user: access.Viewer, authority: LocalAuthority) -> bool:
    """Confirming an entry is changing it: its editors and the regional team."""
    return editable_authorities(user).filter(pk=authority.pk).exists()

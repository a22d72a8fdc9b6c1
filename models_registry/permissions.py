"""Who may see and change what in the registry.

The rules themselves live in accounts.permissions (roles and scoping, issue 8); the
registry's views, admin and API call these names only, so a change of rule is made there.
"""

from django.db.models import QuerySet

from accounts import permissions as account_permissions
from models_registry.models import LocalAuthority


def can_view_contacts(user) -> bool:
    """Named contacts are personal data: signed-in users only."""
    return account_permissions.can_see_contacts(user)


def editable_authorities(user) -> QuerySet[LocalAuthority]:
    """The authorities whose entry, adoptions and contacts `user` may change: all for a
    regional admin, their own for an authority editor, none otherwise."""
    return account_permissions.editable_authorities(user)


def can_manage_registry(user) -> bool:
    """Practice models, themes and the shared taxonomies."""
    return account_permissions.can_manage_registry(user)

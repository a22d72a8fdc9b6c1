"""Who may see and change what in the registry: the one place the rules live.

The accounts work (roles: authority editor, regional admin...) refines these functions;
every view, admin class and API endpoint of the registry calls them rather than testing
user flags itself.
"""

from django.db.models import QuerySet

from models_registry.models import LocalAuthority


def can_view_contacts(user) -> bool:
    """Named contacts are personal data: signed-in users only."""
    return bool(user and user.is_authenticated)


def editable_authorities(user) -> QuerySet[LocalAuthority]:
    """The authorities whose registry entries `user` may change in the admin.

    Today: every authority for superusers and staff, none for anyone else. An authority
    editor will get `LocalAuthority.objects.filter(pk=user.authority_id)` here.
    """
    if user and user.is_active and (user.is_superuser or user.is_staff):
        return LocalAuthority.objects.all()
    return LocalAuthority.objects.none()

"""Who may propose and publish findings: the one place these rules live.

Until the accounts work refines roles, a regional admin (or superuser) publishes, and an
authority editor may propose draft findings about their own authority only.
"""

from accounts.models import Role


def may_publish_findings(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.role == Role.REGIONAL_ADMIN


def may_propose_finding(user, authority) -> bool:
    """Regional admins may propose about anyone; an editor only about their own authority."""
    if may_publish_findings(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active or authority is None:
        return False
    return user.role == Role.AUTHORITY_EDITOR and user.authority_id == authority.pk


def editable_findings(user, queryset):
    """The findings a signed-in staff user may see and change in the admin."""
    if may_publish_findings(user):
        return queryset
    if getattr(user, "role", None) == Role.AUTHORITY_EDITOR and user.authority_id:
        return queryset.filter(authority_id=user.authority_id)
    return queryset.none()

"""Who may propose and publish findings: the one place the evidence library asks.

The role rules themselves live in accounts.permissions (the project's scoping module);
this module only says which of them the evidence library uses. A regional admin publishes
and rates; an authority editor may propose draft findings about their own authority.
"""

from typing import cast

from django.db.models import QuerySet

from accounts import permissions as roles
from accounts.models import AnyUser, Role, User
from evidence.models import Finding
from models_registry.models import LocalAuthority


def may_publish_findings(user: AnyUser) -> bool:
    return roles.can_publish_findings(user)


def may_propose_finding(user: AnyUser, authority: LocalAuthority | None) -> bool:
    """Regional admins may propose about any authority; an editor only about their own."""
    if may_publish_findings(user):
        return True
    if authority is None or roles.role_of(user) != Role.AUTHORITY_EDITOR:
        return False
    return roles.can_edit_authority(user, authority)


def editable_findings(user: AnyUser, queryset: QuerySet[Finding]) -> QuerySet[Finding]:
    """The findings a staff user may see and change in the admin."""
    if may_publish_findings(user):
        return queryset
    if roles.role_of(user) == Role.AUTHORITY_EDITOR:
        return queryset.filter(authority_id=cast(User, user).authority_id)
    return queryset.none()


def may_edit_finding(user: AnyUser, finding: Finding) -> bool:
    """Whether a staff user may see and change this finding (and its history) in the
    admin: regional admins any, an authority editor only their own authority's."""
    if may_publish_findings(user):
        return True
    return roles.role_of(user) == Role.AUTHORITY_EDITOR and (
        finding.authority_id is not None and finding.authority_id == cast(User, user).authority_id
    )

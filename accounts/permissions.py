"""Who may see and change what: the one place every page, admin class and API view asks.

Each rule follows from the user's role and their one authority (issue 8's role table,
docs/kpi-specification.md §8, docs/adr/0004-roles-and-scoping.md). Rules go by role, not by
`is_superuser`
or `is_staff`, so the admin site, pages and API agree.

- public (anonymous): published registry, evidence, KPI definitions, suppressed aggregates.
- member: also contacts.
- authority editor: their own authority's entry, adoptions and contacts.
- authority analyst: their own authority's uploads, record-level data, reports and
  unsuppressed indicators; API token.
- regional analyst: unsuppressed aggregates for every authority; never record-level data.
- regional admin: everything else (users, themes, models, evidence, unsuppressed
  aggregates), but never record-level data: it does not leave the owning authority.
"""

from typing import TypeVar, cast

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import AnyUser, Role, User
from models_registry.authority_paths import id_lookup
from models_registry.models import LocalAuthority

# docs/kpi-specification.md §8 names the owning authority's analysts and the regional
# analysts; regional admins are a superset of regional analysts (issue 8: "everything"):
# see the ADR.
UNSUPPRESSED_REGIONAL_ROLES = frozenset({Role.REGIONAL_ANALYST, Role.REGIONAL_ADMIN})


def role_of(user: AnyUser | None) -> Role | None:
    """The signed-in user's role; None for anonymous or deactivated users (the public)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Role(cast(User, user).role)


def _own_authority_id(user: AnyUser, role: Role) -> int | None:
    role_now = role_of(user)
    if role_now != role:
        return None
    return cast(User, user).authority_id


def _authority_id(authority: LocalAuthority | int | None) -> int | None:
    if authority is None:
        return None
    return authority if isinstance(authority, int) else authority.pk


# --- Signed-in members ------------------------------------------------------------------


def can_see_contacts(user: AnyUser) -> bool:
    return role_of(user) is not None


# --- Authority editors: registry entries ------------------------------------------------


def editable_authorities(user: AnyUser) -> QuerySet[LocalAuthority]:
    """Authorities whose entry, adoptions and contacts the user may change."""
    role = role_of(user)
    if role == Role.REGIONAL_ADMIN:
        return LocalAuthority.objects.all()
    own = _own_authority_id(user, Role.AUTHORITY_EDITOR)
    if own is not None:
        return LocalAuthority.objects.filter(pk=own)
    return LocalAuthority.objects.none()


def can_edit_authority(user: AnyUser, authority: LocalAuthority | int | None) -> bool:
    role = role_of(user)
    if role == Role.REGIONAL_ADMIN:
        return True
    own = _own_authority_id(user, Role.AUTHORITY_EDITOR)
    return own is not None and own == _authority_id(authority)


def can_manage_registry(user: AnyUser) -> bool:
    """Practice models, themes and other region-wide registry content."""
    return role_of(user) == Role.REGIONAL_ADMIN


# --- Authority analysts: record-level data and uploads ----------------------------------


def record_level_authorities(user: AnyUser) -> QuerySet[LocalAuthority]:
    """Authorities whose record-level data the user may see: only an authority analyst's
    own (docs/kpi-specification.md §8: record-level data never leaves the owning authority)."""
    own = _own_authority_id(user, Role.AUTHORITY_ANALYST)
    if own is None:
        return LocalAuthority.objects.none()
    return LocalAuthority.objects.filter(pk=own)


def can_view_records(user: AnyUser, authority: LocalAuthority | int | None) -> bool:
    own = _own_authority_id(user, Role.AUTHORITY_ANALYST)
    return own is not None and own == _authority_id(authority)


def upload_authorities(user: AnyUser) -> QuerySet[LocalAuthority]:
    """Authorities the user may upload cohort files and aggregate returns for."""
    return record_level_authorities(user)


def can_upload_for(user: AnyUser, authority: LocalAuthority | int | None) -> bool:
    return can_view_records(user, authority)


RowT = TypeVar("RowT", bound=Model)


def scope_record_level(
    queryset: QuerySet[RowT], user: AnyUser, *, authority_field: str = "authority"
) -> QuerySet[RowT]:
    """Narrow a queryset of record-level objects (submissions, rows, reports) to those the
    user may see; `authority_field` is the lookup path to the owning LocalAuthority."""
    own = _own_authority_id(user, Role.AUTHORITY_ANALYST)
    if own is None:
        return queryset.none()
    return queryset.filter(**{id_lookup(authority_field): own})


def get_record_level_or_404(
    queryset: QuerySet[RowT], user: AnyUser, *, authority_field: str = "authority", **lookup: object
) -> RowT:
    """One record-level object, or 404 — also when it belongs to another authority, so that
    nobody can learn which submission or report ids exist elsewhere (issue 8)."""
    return get_object_or_404(
        scope_record_level(queryset, user, authority_field=authority_field), **lookup
    )


# --- KPI aggregates ---------------------------------------------------------------------


def sees_unsuppressed(user: AnyUser, authority: LocalAuthority | int | None) -> bool:
    """Whether aggregates for `authority` may be shown without small-number suppression
    (docs/kpi-specification.md §8): to the owning authority's analysts and to regional analysts
    and admins.
    `authority=None` asks about regional (all-authority) figures."""
    role = role_of(user)
    if role in UNSUPPRESSED_REGIONAL_ROLES:
        return True
    own = _own_authority_id(user, Role.AUTHORITY_ANALYST)
    return own is not None and authority is not None and own == _authority_id(authority)


def unsuppressed_authorities(user: AnyUser) -> QuerySet[LocalAuthority]:
    if role_of(user) in UNSUPPRESSED_REGIONAL_ROLES:
        return LocalAuthority.objects.all()
    return record_level_authorities(user)


# --- Evidence library -------------------------------------------------------------------


def can_manage_evidence(user: AnyUser) -> bool:
    """Add and edit evaluations and findings."""
    return role_of(user) == Role.REGIONAL_ADMIN


def can_publish_findings(user: AnyUser) -> bool:
    return role_of(user) == Role.REGIONAL_ADMIN


# --- Reference group and events (network/) ---------------------------------------------


def can_see_group(user: AnyUser | None) -> bool:
    """The group, its members, minutes, actions and attendees' names: signed-in users.
    Anonymous visitors see events' public details only (issue 19)."""
    return role_of(user) is not None


def can_manage_network(user: AnyUser) -> bool:
    """Edit the group, meetings, actions, events and feedback questions; see and export
    every booking and feedback response."""
    return role_of(user) == Role.REGIONAL_ADMIN


def booking_authorities(user: AnyUser) -> QuerySet[LocalAuthority]:
    """Authorities the user may book event places for, and whose bookings they may see:
    an authority editor's own; every authority for a regional admin."""
    return editable_authorities(user)


def can_book_for(user: AnyUser, authority: LocalAuthority | int | None) -> bool:
    return can_edit_authority(user, authority)


# --- Accounts and audit -----------------------------------------------------------------


def can_manage_users(user: AnyUser) -> bool:
    return role_of(user) == Role.REGIONAL_ADMIN


def can_read_access_log(user: AnyUser) -> bool:
    return role_of(user) == Role.REGIONAL_ADMIN


def can_read_feedback(user: AnyUser) -> bool:
    """The regional team reads what readers send through the feedback form."""
    return role_of(user) == Role.REGIONAL_ADMIN


# Roles that may hold an API token: the analysts; authority editors, who PATCH their own
# authority's entry and contacts (issue 22); and regional admins, who manage the API.
API_TOKEN_ROLES = frozenset(
    {Role.AUTHORITY_ANALYST, Role.AUTHORITY_EDITOR, Role.REGIONAL_ANALYST, Role.REGIONAL_ADMIN}
)


def can_hold_api_token(user: AnyUser) -> bool:
    return role_of(user) in API_TOKEN_ROLES

"""Roles as Django groups: which model permissions each role's group carries.

The `role` field on the user decides the one group a user is in (`User.save` calls
`sync_role_group`); nobody assigns groups by hand. Model permissions open the admin site's
doors to a staff account, and since issue 22 only a superuser is staff (`User.save`), so
they are a second line should someone be made staff by hand; which rows behind them a user
may touch is decided by accounts/permissions.py.

The table names models by app label and model name. A model that does not exist (yet) is
left out and picked up the next time `ensure_roles()` runs, which is after every
`migrate` (accounts/apps.py), so the table can name the models the registry, evidence and
KPI apps are building (docs/adr/0004-roles-and-scoping.md).
"""

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models

from seslip.text import with_article

logger = logging.getLogger(__name__)


class Role(models.TextChoices):
    """What a signed-in user may do; the public (anonymous) role has no user row.

    The label doubles as the name of the Django group that carries the role's model
    permissions (accounts/roles.py, docs/adr/0004-roles-and-scoping.md).
    """

    MEMBER = "member", "Member"
    AUTHORITY_EDITOR = "authority_editor", "Authority editor"
    AUTHORITY_ANALYST = "authority_analyst", "Authority analyst"
    REGIONAL_ANALYST = "regional_analyst", "Regional analyst"
    REGIONAL_ADMIN = "regional_admin", "Regional admin"

    @property
    def needs_authority(self) -> bool:
        return self in AUTHORITY_ROLES


AUTHORITY_ROLES = frozenset({Role.AUTHORITY_EDITOR, Role.AUTHORITY_ANALYST})
REGION_ROLES = frozenset({Role.REGIONAL_ANALYST, Role.REGIONAL_ADMIN})


def authority_problem(role: Role, *, has_authority: bool) -> str | None:
    """Why `role` does not go with (or without) an authority, or None when they fit:
    authority editors and analysts work for one authority, regional analysts and admins for
    the region, and a member may name their authority or not. The one rule of the invitation
    page, the account pages, the admin site and `manage.py create_user`."""
    role = Role(role)
    if role.needs_authority and not has_authority:
        return f"{with_article(role.label.lower())} needs an authority"
    if has_authority and role in REGION_ROLES:
        return f"{with_article(role.label.lower())} works for the region, not one authority"
    return None


ALL = ("add", "change", "delete", "view")
VIEW = ("view",)
EDIT = ("change", "view")


@dataclass(frozen=True)
class Grant:
    """Permission to `actions` on `model` of `app_label`; model "*" is every model of the app."""

    app_label: str
    model: str
    actions: tuple[str, ...]


ROLE_GRANTS: dict[Role, tuple[Grant, ...]] = {
    Role.MEMBER: (),
    # Their own authority's entry, adoptions and contacts (rows scoped by
    # AuthorityScopedAdminMixin).
    Role.AUTHORITY_EDITOR: (
        Grant("models_registry", "localauthority", EDIT),
        Grant("models_registry", "adoption", ALL),
        Grant("models_registry", "contact", ALL),
        Grant("models_registry", "practicemodel", VIEW),
        # Draft findings about their own authority, for a regional admin to publish
        # (evidence/permissions.py scopes the rows and forces the draft status).
        Grant("evidence", "finding", ("add", "change", "view")),
        Grant("evidence", "evaluation", VIEW),
        Grant("evidence", "outcomedomain", VIEW),
        # Cite their entries: a citation inline on each, choosing from the catalogue.
        Grant("sources", "citation", ALL),
        Grant("sources", "source", VIEW),
    ),
    # Uploads and reports happen on the KPI pages, not in the admin site.
    Role.AUTHORITY_ANALYST: (),
    Role.REGIONAL_ANALYST: (),
    # Everything in the registry, evidence and KPI configuration, user management and API
    # tokens; the access log read-only. Record-level rows stay invisible to them through
    # the scoping, not through these permissions.
    Role.REGIONAL_ADMIN: (
        Grant("models_registry", "*", ALL),
        Grant("evidence", "*", ALL),
        Grant("sources", "*", ALL),
        Grant("kpi", "*", ALL),
        Grant("network", "*", ALL),
        Grant("accounts", "user", ("add", "change", "view")),
        Grant("accounts", "accesslog", VIEW),
        Grant("accounts", "rolegrant", VIEW),
        # See whose API token exists and revoke it; never create one (docs/adr/0006).
        Grant("accounts", "apitoken", ("delete", "view")),
        # Lift a lockout (django-axes) for someone who has proved who they are.
        Grant("axes", "accessattempt", ("delete", "view")),
        Grant("axes", "accessfailurelog", VIEW),
    ),
}


def permissions_for(role: Role) -> list[Permission]:
    permissions: list[Permission] = []
    for grant in ROLE_GRANTS[role]:
        content_types = ContentType.objects.filter(app_label=grant.app_label)
        if grant.model != "*":
            content_types = content_types.filter(model=grant.model)
        codenames = [
            f"{action}_{content_type.model}"
            for content_type in content_types
            for action in grant.actions
        ]
        found = Permission.objects.filter(content_type__in=content_types, codename__in=codenames)
        permissions.extend(found)
        if grant.model != "*" and not found:
            logger.debug("Role %s: no model %s.%s yet", role, grant.app_label, grant.model)
    return permissions


class RoleHolder(Protocol):
    """A user as the role groups see one (accounts.models.User, which imports this module)."""

    role: str
    groups: Any  # Django's many-to-many manager


def sync_role_group(user: RoleHolder) -> None:
    """Put the user in their role's group and in no other role group."""
    role = Role(user.role)
    group, _ = Group.objects.get_or_create(name=role.label)
    other_role_groups = Group.objects.filter(name__in=[r.label for r in Role if r != role])
    user.groups.remove(*other_role_groups)
    user.groups.add(group)

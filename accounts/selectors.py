"""Reads for the accounts pages."""

from django.db.models import OuterRef, QuerySet, Subquery

from accounts.models import AccessLog, ApiToken, Feedback, Role, RoleGrant, User
from models_registry.models import LocalAuthority


def access_log_entries() -> QuerySet[AccessLog]:
    """Newest first, each with the grant of the role its user held at the time: who granted
    it (`role_granted_by`, "" for a command on the server, None when no grant is recorded)
    and when (`role_granted_at`), so that a read through an account someone made for
    themselves still names them. Two subqueries in the one query, whatever the page size."""
    grant_in_force = RoleGrant.objects.filter(
        user=OuterRef("user"), at__lte=OuterRef("at")
    ).order_by("-at", "-pk")
    return (
        AccessLog.objects.select_related("authority")
        .annotate(
            role_granted_by=Subquery(grant_in_force.values("granted_by_email")[:1]),
            role_granted_at=Subquery(grant_in_force.values("at")[:1]),
        )
        .order_by("-at", "-pk")
    )


def api_token_of(user: User) -> ApiToken | None:
    """The person's API token (at most one), without its digest."""
    return ApiToken.objects.filter(user=user).defer("digest", "token_key").first()


def feedback_responses() -> QuerySet[Feedback]:
    """Newest first, with the account that wrote each (if signed in) in the same query."""
    return Feedback.objects.select_related("user").order_by("-at", "-pk")


def editors_of(authority: LocalAuthority) -> QuerySet[User]:
    """The active authority editors of `authority` (accounts/permissions.py lets them change
    its entry): who is asked to confirm it."""
    return User.objects.filter(
        role=Role.AUTHORITY_EDITOR, authority=authority, is_active=True
    ).order_by("email")


def regional_team() -> QuerySet[User]:
    """The active regional admins: who reads the daily digest of registry changes."""
    return User.objects.filter(role=Role.REGIONAL_ADMIN, is_active=True).order_by("email")


def users_for_management() -> QuerySet[User]:
    """Every account, by email, with its authority in the same query."""
    return User.objects.select_related("authority").order_by("email")


def role_grants() -> QuerySet[RoleGrant]:
    """Every role grant, newest first, with both authorities in the same query."""
    return RoleGrant.objects.select_related("authority", "previous_authority").order_by(
        "-at", "-pk"
    )

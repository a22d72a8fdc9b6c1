"""Managing people: inviting them, changing their role or authority, closing and reopening
their account, and lifting a sign-in lockout. Regional admins do it on the portal's users
pages (accounts/user_views.py); the admin site's user pages call the same functions
(accounts/admin.py), so the rules of issue 16 hold in one place:

- nobody changes their own role, authority or active status (so a regional admin cannot
  lock the region out by demoting or closing their own account);
- every new account, every change of role or authority and every reopening is a RoleGrant
  naming the admin and their address, and revokes any API token the person held;
- a role that reads record-level data or unsuppressed figures is emailed to the person;
- a closed account's API token is revoked with it.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from accounts import services
from accounts.models import AccessLog, Role, RoleGrant, User
from accounts.roles import authority_problem
from models_registry.models import LocalAuthority


def invite_user(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: Role,
    authority: LocalAuthority | None,
    by: User,
    request: HttpRequest,
) -> User:
    """A new account (accounts.services.create_user, its grant naming `by`) and the email
    that invites the person to set their own password.

    Raises ValidationError (by field) when the role and authority do not fit or the
    address already has an account.
    """
    user = services.create_user(
        email=email,
        role=role,
        authority=authority,
        first_name=first_name,
        last_name=last_name,
        by=by,
        request=request,
    )
    services.send_invitation(user=user, base_url=request.build_absolute_uri("/"))
    return user


def refuse_self(*, user: User, by: User) -> None:
    if user.pk == by.pk:
        raise services.SelfGrantRefused(
            "Nobody changes their own role, authority or account: ask another regional admin."
        )


@transaction.atomic
def change_role(
    *,
    user: User,
    role: Role,
    authority: LocalAuthority | None,
    by: User,
    request: HttpRequest | None,
) -> RoleGrant | None:
    """Give `user` `role` at `authority`, recorded as a RoleGrant (which revokes their API
    token and emails a role that sees more); None when nothing changed.

    Raises SelfGrantRefused for one's own account, ValidationError when the role and
    authority do not fit.
    """
    refuse_self(user=user, by=by)
    problem = authority_problem(Role(role), has_authority=authority is not None)
    if problem:
        raise ValidationError({"authority": f"{problem}."})
    previous_role, previous_authority = user.role, user.authority
    if (previous_role, user.authority_id) == (role, getattr(authority, "pk", None)):
        return None
    user.role, user.authority = role, authority
    user.save()
    return services.record_role_grant(
        user=user,
        previous_role=previous_role,
        previous_authority=previous_authority,
        by=by,
        request=request,
    )


@transaction.atomic
def close_account(*, user: User, by: User) -> None:
    """The person can no longer sign in, and their API token stops working at once. Nothing
    is deleted: the access log and the role grants keep naming them."""
    refuse_self(user=user, by=by)
    user.is_active = False
    user.save(update_fields=["is_active"])
    services.revoke_api_tokens(user=user)


@transaction.atomic
def reopen_account(*, user: User, by: User, request: HttpRequest | None) -> RoleGrant:
    """The person may sign in again with the role they had: a grant, as a new account is."""
    refuse_self(user=user, by=by)
    user.is_active = True
    user.save(update_fields=["is_active"])
    return services.record_role_grant(
        user=user,
        previous_role=user.role,
        previous_authority=user.authority,
        by=by,
        request=request,
    )


def is_locked_out(attempt: AccessAttempt) -> bool:
    return attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT


def lift_lockout(*, attempt: AccessAttempt, request: HttpRequest | None) -> None:
    """Forget the failed sign-ins of one address from one place (django-axes), for someone
    who has proved who they are: they may sign in again at once. In the access log."""
    target = f"sign-in lockout of {attempt.username} from {attempt.ip_address}"
    attempt.delete()
    services.record_access(
        request=request, action=AccessLog.Action.LIFT_LOCKOUT, target=target, authority=None
    )


def revoke_token(*, user: User, request: HttpRequest | None) -> bool:
    """Revoke someone else's API token (an admin's "Revoke" on the users pages), in the
    access log with the person's authority. False when they held none: nothing logged."""
    if not services.revoke_api_tokens(user=user):
        return False
    services.record_access(
        request=request,
        action=AccessLog.Action.REVOKE_TOKEN,
        target=f"API token of {user.email}",
        authority=user.authority_id,
    )
    return True

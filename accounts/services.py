"""State changes for accounts: roles, invitations, API tokens, retention, and the access log,
which is written here and only here."""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar, cast

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import permissions
from accounts.models import AccessLog, AnyUser, ApiToken, Feedback, Role, RoleGrant, User
from accounts.roles import authority_problem, permissions_for
from accounts.tokens import invitation_token_generator
from models_registry.authority_paths import authority_of, authority_owning
from models_registry.models import LocalAuthority
from seslip.response_cache import do_not_cache

logger = logging.getLogger(__name__)

RowT = TypeVar("RowT", bound=Model)


_warned_about_proxies = False


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the
    address the outermost trusted proxy saw (X-Forwarded-For read from the right)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies == 0 and "HTTP_X_FORWARDED_FOR" in request.META:
        _warn_once_about_proxies()
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def channel_of(request: HttpRequest | None) -> str:
    """How a request reached the data, when the caller does not say: a command (no
    request), the admin site, the API with a token or with a session, or a page."""
    if request is None:
        return AccessLog.Channel.COMMAND
    path = request.path
    if path.startswith("/admin/"):
        return AccessLog.Channel.ADMIN
    if path.startswith("/api/"):
        # DRF puts the token it authenticated on the request; a session has none.
        token_used = getattr(request, "auth", None) is not None
        return AccessLog.Channel.API_TOKEN if token_used else AccessLog.Channel.API_SESSION
    return AccessLog.Channel.PAGE


def _warn_once_about_proxies() -> None:
    """A request came through a proxy that the settings do not trust: say so once per
    process (seslip.checks explains; `check --deploy` warns before it comes to this)."""
    global _warned_about_proxies
    if settings.DEBUG or _warned_about_proxies:
        return
    _warned_about_proxies = True
    logger.warning(
        "A request carries X-Forwarded-For but TRUSTED_PROXY_COUNT is 0: the access log, "
        "lockout and throttle see the proxy's address for every visitor. Set "
        "TRUSTED_PROXY_COUNT=1 behind one proxy (README, Production deployment)."
    )


def record_access(
    *,
    request: HttpRequest | None,
    action: str,
    target: str,
    authority: LocalAuthority | int | None = None,
    user: User | None = None,
    channel: str | None = None,
) -> AccessLog:
    """Write one access-log entry: who, whose data (`authority`, a LocalAuthority or its
    id), what, how (`channel`, worked out from the request when not given), when and from
    where.

    Call it for every read of record-level data, every upload, export and withdrawal and
    every API token use (docs/security.md, "Audit"). The response to a logged request is
    never cached, by the portal or by a browser or proxy (no-store,
    accounts.middleware.RecordLevelResponseMiddleware).
    """
    if request is not None:
        # A logged access must happen every time: never answer it from a cache, ours or
        # anyone else's.
        mark_record_level(request)
    if user is None and request is not None and request.user.is_authenticated:
        user = cast(User, request.user)
    return AccessLog.objects.create(
        user=user,
        user_email=getattr(user, "email", "") or "",
        authority_id=getattr(authority, "pk", authority),
        action=action,
        channel=channel if channel is not None else channel_of(request),
        target=target[:300],
        ip_address=client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
    )


def mark_record_level(request: HttpRequest) -> None:
    """The response carries record-level data: send it with `Cache-Control: no-store,
    private` (accounts.middleware.RecordLevelResponseMiddleware) and never cache it."""
    do_not_cache(request)
    setattr(getattr(request, "_request", request), "portal_record_level", True)  # noqa: B010


def open_record_level(
    *,
    request: HttpRequest,
    queryset: QuerySet[RowT],
    authority_field: str = "authority",
    action: str = AccessLog.Action.VIEW_RECORDS,
    channel: str | None = None,
    target: str | None = None,
    **lookup: object,
) -> RowT:
    """One record-level object for the signed-in user, 404 if it is not theirs to see, with
    the access written to the access log: the one call a record-level page makes.

        submission = open_record_level(
            request=request, queryset=Submission.objects.all(), pk=pk
        )

    `target` names what was read in the log (the request's path when not given).
    """
    mark_record_level(request)
    found = permissions.get_record_level_or_404(
        queryset, request.user, authority_field=authority_field, **lookup
    )
    record_access(
        request=request,
        action=action,
        channel=channel,
        target=target if target is not None else request.get_full_path(),
        authority=authority_of(found, authority_field),
    )
    return found


def read_record_level(*, request: HttpRequest, rows: Iterable[RowT]) -> list[RowT]:
    """The record-level rows one API answer sends (a page of a list, or the one object
    asked for), read, with the read written to the access log: one entry per request, for
    the user's authority, even when the list is empty. Someone with no record-level
    authority was shown an empty scope and read nothing, so nothing is logged.

    The record-level API's mixin reads through this (accounts/api/record_level.py).
    """
    read = list(rows)
    authority = permissions.record_level_authorities(request.user).first()
    if authority is not None:
        record_access(
            request=request,
            action=AccessLog.Action.VIEW_RECORDS,
            target=f"{request.method} {request.get_full_path()}",
            authority=authority,
        )
    return read


def record_admin_delete(request: HttpRequest, obj: Model) -> None:
    """An admin-site delete, in the access log with the authority the object belongs to
    (the portal's admin site calls this for every delete: seslip/admin_site.py)."""
    record_access(
        request=request,
        action=AccessLog.Action.ADMIN_DELETE,
        target=f"{obj._meta.label_lower} #{obj.pk}: {obj}",
        authority=authority_owning(obj),
    )


def ensure_roles() -> dict[Role, Group]:
    """Create or update one group per role with exactly accounts/roles.py's permissions.

    Idempotent; runs after every `migrate` (accounts/apps.py).
    """
    groups = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.label)
        group.permissions.set(permissions_for(role))
        groups[role] = group
    return groups


@dataclass(frozen=True)
class Invitation:
    user: User
    link: str


def invitation_link(user: User, *, base_url: str | None = None) -> str:
    path = reverse(
        "accounts:accept-invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token_generator.make_token(user),
        },
    )
    return f"{(base_url or settings.PORTAL_BASE_URL).rstrip('/')}{path}"


@transaction.atomic
def create_user(
    *,
    email: str,
    role: Role,
    authority: LocalAuthority | None = None,
    first_name: str = "",
    last_name: str = "",
    by: User | None = None,
    request: HttpRequest | None = None,
) -> User:
    """A new account with no usable password: the person sets one from their invitation.
    Its role grant names `by`, the regional admin inviting them (None on the server, from
    `manage.py create_user`), and `request`'s address.

    Raises ValidationError when the role and authority do not fit together or the email is
    taken.
    """
    role = Role(role)
    problem = authority_problem(role, has_authority=authority is not None)
    if problem:
        raise ValidationError({"authority": f"{problem}."})
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"There is already an account for {email}."})
    user = User(
        email=email, role=role, authority=authority, first_name=first_name, last_name=last_name
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    record_role_grant(user=user, previous_role="", previous_authority=None, by=by, request=request)
    return user


class SelfGrantRefused(PermissionDenied):
    """Nobody changes their own role or authority (issue 16)."""


# Granting one of these roles is emailed to the person: they read record-level data
# (authority analysts) or unsuppressed small numbers for every authority (regional analysts
# and admins, who also grant roles). docs/security.md says why regional analysts count.
ROLES_EMAILED_WHEN_GRANTED = frozenset(
    {Role.AUTHORITY_ANALYST, *permissions.UNSUPPRESSED_REGIONAL_ROLES}
)


def record_role_grant(
    *,
    user: User,
    previous_role: str,
    previous_authority: LocalAuthority | None,
    by: User | None = None,
    request: HttpRequest | None = None,
) -> RoleGrant:
    """Write the append-only record of `user`'s role and authority as just saved, granted
    by `by` (the session's user; None on the server) from `request`'s address.

    Call it whenever an account is created, its role or authority changes, or it is
    reopened. Any API token the person held is revoked: it was issued for what they had
    before. A role that reads record-level data or unsuppressed figures is emailed to the
    person once the change is committed (a new account's invitation says it instead).
    Raises SelfGrantRefused when `by` is `user`.
    """
    if by is not None and by.pk == user.pk:
        raise SelfGrantRefused("Nobody changes their own role or authority.")
    grant = RoleGrant.objects.create(
        user=user,
        user_email=user.email,
        role=user.role,
        authority=user.authority,
        previous_role=previous_role or "",
        previous_authority=previous_authority,
        granted_by=by,
        granted_by_email=getattr(by, "email", "") or "",
        ip_address=client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
    )
    revoke_api_tokens(user=user)
    if previous_role and Role(user.role) in ROLES_EMAILED_WHEN_GRANTED:
        transaction.on_commit(lambda: send_role_granted_email(grant=grant))
    return grant


def send_role_granted_email(*, grant: RoleGrant) -> None:
    """Tell the person which role they were given, by whom, and what to do if unexpected."""
    context = {
        "grant": grant,
        "role": Role(grant.role).label,
        "service_name": settings.PORTAL_SERVICE_NAME,
    }
    send_mail(
        subject=f"Your role on the {settings.PORTAL_SERVICE_NAME} has changed",
        message=render_to_string("accounts/email/role_granted.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[grant.user_email],
    )


def send_invitation(*, user: User, base_url: str | None = None) -> Invitation:
    """Email the person a link to set their password, saying which role they were given and
    by whom; returns the link too."""
    link = invitation_link(user, base_url=base_url)
    context = {
        "user": user,
        "grant": user.role_grants.order_by("-at", "-pk").first(),
        "link": link,
        "service_name": settings.PORTAL_SERVICE_NAME,
        "timeout_days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
    }
    send_mail(
        subject=f"You have been invited to the {settings.PORTAL_SERVICE_NAME}",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    return Invitation(user=user, link=link)


PASSWORD_RESET_EMAILS_PER_HOUR = 3


def allow_password_reset_email(*, email: str) -> bool:
    """At most a few reset emails an hour to one address, so the form cannot be used to
    flood someone's inbox. The page says the same either way (no account enumeration)."""
    key = "accounts:password-reset:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    cache.add(key, 0, timeout=60 * 60)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60)
        sent = 1
    return sent <= PASSWORD_RESET_EMAILS_PER_HOUR


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its key. The key exists only here, for the one page that shows it to
    its owner; the database keeps its digest (docs/adr/0006-hashed-api-tokens.md)."""

    token: ApiToken
    key: str


@transaction.atomic
def create_api_token(*, user: User) -> IssuedToken:
    """A new API token for `user`, replacing any they had (one per person).

    Only the person themselves calls this (their account page): nobody else ever sees a key.
    Raises ValidationError for roles without API access.
    """
    if not permissions.can_hold_api_token(user):
        raise ValidationError(
            "API tokens are for authority analysts, regional analysts and regional admins."
        )
    # Two requests at once from the same person must not both insert a token.
    User.objects.select_for_update().filter(pk=user.pk).first()
    ApiToken.objects.filter(user=user).delete()
    token, key = ApiToken.objects.create(user=user)
    return IssuedToken(token=token, key=key)


def revoke_api_tokens(*, user: User) -> int:
    """Delete the person's token, if any; it stops working at once. Returns how many."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


def record_feedback(*, message: str, email: str, page: str, user: AnyUser) -> Feedback:
    """Keep what a reader told the regional team; signed-in readers are named."""
    return Feedback.objects.create(
        message=message,
        email=email,
        page=page,
        user=user if user.is_authenticated else None,
    )

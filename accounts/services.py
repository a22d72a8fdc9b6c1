"""State changes for accounts: the access log is written here and only here."""

from django.http import HttpRequest

from accounts.models import AccessLog


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def record_access(
    *,
    request: HttpRequest | None,
    action: str,
    target: str,
    authority=None,
    user=None,
) -> AccessLog:
    """Write one access-log entry: who, what, when, from where.

    Call it for every view of record-level data, every upload, every export and every API
    token use (issue: accounts and audit).
    """
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AccessLog.objects.create(
        user=user,
        user_email=getattr(user, "email", "") or "",
        authority=authority,
        action=action,
        target=target[:300],
        ip_address=client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
    )

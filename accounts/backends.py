"""Sign-in lockout (django-axes) for a portal where people sign in by email."""

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first in AUTHENTICATION_BACKENDS.

    Every sign-in over the web carries a request (the sign-in page, the admin site's login,
    DRF's session login), so each is throttled. A call without one comes from code running
    on the server (tests' `client.login`, management commands); it has no client to lock
    out, so this backend stands aside and ModelBackend decides.
    """

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# The longest email address (RFC 5321), and so the longest name an account can have.
LONGEST_EMAIL = 254


def attempted_email(request: HttpRequest, credentials: dict | None) -> str | None:
    """The attempted sign-in name, lower-cased like stored emails, so case changes do not
    reset the failure count (AXES_USERNAME_CALLABLE). Cut to LONGEST_EMAIL characters:
    lower-casing can lengthen a text ("İ" becomes two characters), and django-axes stores
    the name in a 255-character column (a longer one was a 500 on PostgreSQL); a longer
    name belongs to no account, so nothing that could sign in shares its count."""
    value = (credentials or {}).get("username") or (credentials or {}).get("email")
    if value is None and request is not None:
        value = request.POST.get("username")
    return value.strip().lower()[:LONGEST_EMAIL] if isinstance(value, str) else value

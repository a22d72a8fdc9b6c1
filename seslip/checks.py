"""Deployment checks of the portal's own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PROXY_COUNT_ZERO = Warning(
    "TRUSTED_PROXY_COUNT is 0, so the portal takes every request to come from its direct "
    "peer. Behind the reverse proxy that README's production section describes, that peer "
    "is the proxy: every visitor would share its address in the access log, the sign-in "
    "lockout and the API throttle, and one person's failed sign-ins would lock everyone "
    "out.",
    hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of the portal that "
    "append to X-Forwarded-For: 1 behind one proxy.",
    id="seslip.W001",
)


@register(Tags.security, deploy=True)
def trusted_proxies(app_configs: object, **kwargs: object) -> list[Warning]:
    if settings.DEBUG or settings.TRUSTED_PROXY_COUNT > 0:
        return []
    return [PROXY_COUNT_ZERO]

"""Reads for the accounts pages."""

from django.db.models import QuerySet

from accounts.models import AccessLog, ApiToken


def access_log_entries() -> QuerySet[AccessLog]:
    return AccessLog.objects.select_related("authority").order_by("-at", "-pk")


def api_token_of(user) -> ApiToken | None:
    """The person's API token (at most one), without its digest."""
    return ApiToken.objects.filter(user=user).defer("digest", "token_key").first()

"""Reads for the accounts pages."""

from django.db.models import QuerySet

from accounts.models import AccessLog


def access_log_entries() -> QuerySet[AccessLog]:
    return AccessLog.objects.select_related("authority").order_by("-at", "-pk")

"""Filters for the access log page (regional admins)."""

import django_filters

from accounts.models import AccessLog
from models_registry.models import LocalAuthority
from seslip.filtering import PortalFilterSet


class AccessLogFilter(PortalFilterSet):
    # max_length: an email address is at most 254 characters; a longer term is refused
    # with an error instead of being sent to the database (issue 16).
    user_email = django_filters.CharFilter(
        label="Email address contains", lookup_expr="icontains", max_length=254
    )
    granted_by = django_filters.CharFilter(
        label="Role granted by (email address contains)",
        max_length=254,
        field_name="role_granted_by",
        lookup_expr="icontains",
        help_text="Reads by accounts whose role this person granted",
    )
    action = django_filters.ChoiceFilter(
        label="What was done", choices=AccessLog.Action.choices, empty_label="Any action"
    )
    channel = django_filters.ChoiceFilter(
        label="How", choices=AccessLog.Channel.choices, empty_label="Any way"
    )
    authority = django_filters.ModelChoiceFilter(
        label="Authority whose data was accessed",
        queryset=LocalAuthority.objects.order_by("name"),
        to_field_name="slug",
        empty_label="Any authority",
    )
    from_date = django_filters.DateFilter(
        label="From",
        field_name="at",
        lookup_expr="date__gte",
        help_text="For example, 2026-11-01",
        error_messages={"invalid": "Enter a real date, for example 2026-11-01"},
    )
    to_date = django_filters.DateFilter(
        label="To",
        field_name="at",
        lookup_expr="date__lte",
        help_text="For example, 2026-11-30",
        error_messages={"invalid": "Enter a real date, for example 2026-11-30"},
    )

    class Meta:
        model = AccessLog
        fields = [
            "user_email",
            "granted_by",
            "action",
            "channel",
            "authority",
            "from_date",
            "to_date",
        ]

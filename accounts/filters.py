"""Filters for the access log, users and role grants pages (regional admins)."""

import django_filters
from django.db.models import Q, QuerySet

from accounts.models import AccessLog, Role, RoleGrant, User
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


def _authority_filter(label: str) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=LocalAuthority.objects.order_by("name"),
        to_field_name="slug",
        empty_label="Any authority",
    )


class UserFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label="Name or email address contains", method="name_or_email", max_length=254
    )
    role = django_filters.ChoiceFilter(label="Role", choices=Role.choices, empty_label="Any role")
    authority = _authority_filter("Authority")
    status = django_filters.ChoiceFilter(
        label="Account",
        choices=(("active", "Open"), ("closed", "Closed")),
        empty_label="Open or closed",
        method="by_status",
    )

    class Meta:
        model = User
        fields = ["q", "role", "authority", "status"]

    def name_or_email(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(email__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
            )
        return queryset

    def by_status(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(is_active=value == "active")


class RoleGrantFilter(PortalFilterSet):
    email = django_filters.CharFilter(
        label="Email address contains",
        method="either_email",
        max_length=254,
        help_text="The person given the role, or the admin who gave it",
    )
    role = django_filters.ChoiceFilter(
        label="Role given", choices=Role.choices, empty_label="Any role"
    )

    class Meta:
        model = RoleGrant
        fields = ["email", "role"]

    def either_email(
        self, queryset: QuerySet[RoleGrant], name: str, value: str
    ) -> QuerySet[RoleGrant]:
        return queryset.filter(
            Q(user_email__icontains=value) | Q(granted_by_email__icontains=value)
        )

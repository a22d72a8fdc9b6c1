"""Admin site: users (by email, role and authority), API tokens, and the read-only access log."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy
from simple_history.admin import SimpleHistoryAdmin

from accounts import services
from accounts.admin_scoping import ReadOnlyAdminMixin
from accounts.models import AccessLog, User


class UserCreationForm(forms.ModelForm):
    """No password here: the new user sets their own from the invitation email."""

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "role", "authority")


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    add_form = UserCreationForm
    list_display = ("email", "first_name", "last_name", "role", "authority", "is_active")
    list_filter = ("role", "is_active", "authority")
    list_select_related = ("authority",)
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined", "is_staff")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        ("Role", {"fields": ("role", "authority", "is_active", "is_staff")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "role", "authority"),
                "description": "The new user is emailed a link to set their own password.",
            },
        ),
    )
    actions = ["send_invitations"]

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        if not change:
            obj.email = User.objects.normalize_email(obj.email).lower()
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if not change:
            services.send_invitation(user=obj, base_url=request.build_absolute_uri("/"))
            self.message_user(request, f"Invitation emailed to {obj.email}.", messages.SUCCESS)

    @admin.action(description="Email an invitation link to set a password")
    def send_invitations(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.send_invitation(user=user, base_url=request.build_absolute_uri("/"))
        self.message_user(request, f"Sent {queryset.count()} invitation(s).", messages.SUCCESS)


class BoundedDateHierarchyChangeList(ChangeList):
    """Django turns `?at__year=9999` (or a month or day at the end of year 9999, or a year
    too large for a date) into a date range whose end overflows, and the error escaped as a
    500. A range that cannot be built is a lookup the list cannot use: Django then
    redirects to `?e=1`, as it does for a month 13."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the access log cannot be edited through the app (issue 8, Audit)."""

    def get_changelist(self, request, **kwargs):
        return BoundedDateHierarchyChangeList

    list_display = ("at", "user_email", "action", "authority", "target", "ip_address")
    list_filter = ("action", "authority")
    list_select_related = ("authority",)
    search_fields = ("user_email", "target", "ip_address")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AccessLog._meta.fields]


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class ApiTokenAdmin(TokenAdmin):
    """API tokens for analysts and regional admins; the key is shown once, when created."""

    list_display = ("user", "created")

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.filter(
                is_active=True, role__in=services.API_TOKEN_ROLES
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self.message_user(
            request,
            f"API token for {obj.user.email}: {obj.key} — pass it on securely; treat it "
            "like a password.",
            messages.SUCCESS,
        )

"""Admin site: users (by email, role and authority), API tokens (revoke only), and the read-only
access log."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from accounts import services
from accounts.admin_scoping import ReadOnlyAdminMixin
from accounts.models import AccessLog, ApiToken, User


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


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the access log cannot be edited through the app (issue 8, Audit)."""

    list_display = ("at", "user_email", "action", "authority", "target", "ip_address")
    list_filter = ("action", "authority")
    list_select_related = ("authority",)
    search_fields = ("user_email", "target", "ip_address")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AccessLog._meta.fields]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Whose token, since when, last used, and revoke (delete). Never the key, nor its
    digest: the key is shown once to its owner on their account page, and a token cannot be
    created here for someone else (docs/adr/0006-hashed-api-tokens.md)."""

    list_display = ("user", "created", "last_used", "expiry", "issued_before_hashing")
    list_filter = ("issued_before_hashing",)
    list_select_related = ("user",)
    search_fields = ("user__email",)
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

"""Admin site: users (by email, role and authority), their role grants and the access log
(read-only), and API tokens (revoke only)."""

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from accounts import services, user_management
from accounts.models import AccessLog, ApiToken, Role, RoleGrant, User
from accounts.roles import authority_problem
from seslip.wording import count_of


class ReadOnlyAdminMixin:
    """Nobody adds, changes or deletes through the admin site, superusers included."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        return {}


class RoleFitsMixin:
    """The role and authority fit together (accounts.roles.authority_problem), as on the
    users pages, so that the shared services never refuse what the form let through."""

    def clean(self):
        cleaned = super().clean()
        if "role" in cleaned and "authority" in self.fields:
            problem = authority_problem(
                Role(cleaned["role"]), has_authority=cleaned.get("authority") is not None
            )
            if problem:
                self.add_error("authority", f"{problem}.")
        return cleaned


class UserCreationForm(RoleFitsMixin, forms.ModelForm):
    """No password here: the new user sets their own from the invitation email."""

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "role", "authority")

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(f"There is already an account for {email}.")
        return email


class AccountChangeForm(RoleFitsMixin, forms.ModelForm):
    """The fields an admin may change on an account (the rest are shown read-only)."""

    class Meta:
        model = User
        fields = ("first_name", "last_name", "role", "authority", "is_active")


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    """Accounts, by email, role and authority. What it cannot do is deliberate (issue 16):

    - no password field or password-change page: people set their own password from an
      invitation or reset link sent to their own address;
    - no change of an account's email address, which would let an admin send a reset link
      for someone else's account to themselves, and no restoring an old version of an
      account from its history;
    - nobody changes their own role, authority or active status;
    - nobody deletes an account, the superuser included: it is closed instead, and its
      role grants and access-log entries keep naming it;
    - every new account and every change of role, authority or reopening is a RoleGrant
      naming the admin and their address, and the person is told by email.
    """

    add_form = UserCreationForm
    form = AccountChangeForm
    list_display = ("email", "first_name", "last_name", "role", "authority", "is_active")
    list_filter = ("role", "is_active", "authority")
    list_select_related = ("authority",)
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("email", "last_login", "date_joined", "is_staff")
    fieldsets = (
        (None, {"fields": ("email",)}),
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

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def user_change_password(self, request: HttpRequest, id, form_url=""):
        """Django's page at <id>/password/, where an admin sets anyone's password: gone. (The
        URL stays routed here so that it is a 404, not the admin's redirect for unknown
        paths.)"""
        raise Http404("Passwords are set only from a link sent to the account's own address.")

    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        """django-simple-history's "revert to this version" would restore an old email
        address or superuser flag, which the form cannot set: history is read-only here."""
        return True

    def history_form_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if obj is None:
            return ("last_login", "date_joined", "is_staff")
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj.pk == request.user.pk:
            fields += ("role", "authority", "is_active")
        return fields

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        """Through accounts.user_management, as the users pages do: the invitation, the
        role grant and its email, closing and reopening."""
        by = cast(User, request.user)
        if not change:
            created = user_management.invite_user(
                email=obj.email,
                first_name=obj.first_name,
                last_name=obj.last_name,
                role=Role(obj.role),
                authority=obj.authority,
                by=by,
                request=request,
            )
            obj.pk = created.pk
            obj.refresh_from_db()
            obj._state.adding = False
            self.message_user(request, f"Invitation emailed to {obj.email}.", messages.SUCCESS)
            return
        before = User.objects.select_related("authority").get(pk=obj.pk)
        role, authority, active = obj.role, obj.authority, obj.is_active
        # The names are saved here; role, authority and status by the services.
        obj.role, obj.authority, obj.is_active = before.role, before.authority, before.is_active
        super().save_model(request, obj, form, change)
        if active and not before.is_active:
            user_management.reopen_account(user=obj, by=by, request=request)
        user_management.change_role(
            user=obj, role=Role(role), authority=authority, by=by, request=request
        )
        if before.is_active and not active:
            user_management.close_account(user=obj, by=by)

    @admin.action(description="Email an invitation link to set a password")
    def send_invitations(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.send_invitation(user=user, base_url=request.build_absolute_uri("/"))
        self.message_user(
            request, f"Sent {count_of(queryset.count(), 'invitation')}.", messages.SUCCESS
        )


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who was given which role by whom: read-only, like the access log. Search for an
    account to see who granted its role, then for that admin to see who granted theirs."""

    list_display = (
        "at",
        "user_email",
        "role",
        "authority",
        "previous_role",
        "previous_authority",
        "granted_by_email",
        "ip_address",
    )
    list_filter = ("role",)
    list_select_related = ("authority", "previous_authority")
    search_fields = ("user_email", "granted_by_email")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in RoleGrant._meta.fields]


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

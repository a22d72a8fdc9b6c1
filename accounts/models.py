"""Users (signing in by email), their role and authority, and the access log.

A user belongs to at most one local authority; what they may see and change follows
from their role and that authority (docs/security.md).
"""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, AnonymousUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS as KNOX
from simple_history.models import HistoricalRecords

from accounts.roles import Role, sync_role_group


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.REGIONAL_ADMIN)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):  # type: ignore[django-manager-missing]  # knox names the manager
    username = None  # type: ignore[assignment]  # people sign in by email
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.MEMBER)
    authority = models.ForeignKey(
        "models_registry.LocalAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="The one local authority this user works for, if any.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]
    # Who gave whom which role and authority, and when (never the password hash).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                name="authority_roles_have_an_authority",
                condition=~models.Q(role__in=["authority_editor", "authority_analyst"])
                | models.Q(authority__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        if Role(self.role).needs_authority and self.authority_id is None:
            raise ValidationError(
                {"authority": "An authority editor or analyst needs an authority."}
            )

    def save(self, *args, **kwargs) -> None:
        """Only a superuser has staff status, so only a superuser reaches the admin site, which
        is for maintenance (issue 22); the role decides the one role group (accounts/roles.py)."""
        # Stored lower-case, as the sign-in form looks it up.
        self.email = (self.email or "").strip().lower()
        update_fields = kwargs.get("update_fields")
        role_may_change = update_fields is None or bool(
            {"role", "is_superuser"} & set(update_fields)
        )
        if role_may_change:
            self.is_staff = self.is_superuser
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "is_staff"}
        if update_fields is not None and set(update_fields) <= {"last_login"}:
            # Signing in is not a change to the account worth a history entry.
            self.skip_history_when_saving = True
        try:
            super().save(*args, **kwargs)
        finally:
            self.__dict__.pop("skip_history_when_saving", None)
        if role_may_change:
            sync_role_group(self)


#: Whoever is asking: a signed-in person or an anonymous visitor (`request.user`).
AnyUser = User | AnonymousUser


class ApiToken(AbstractAuthToken):
    """A person's API token (django-rest-knox, docs/adr/0006-hashed-api-tokens.md).

    Only knox's SHA-512 digest of the key is stored, with the key's first 15 characters to
    find it by. The key is shown once, to its owner, on the page where they create it;
    nobody can read it afterwards, regional admins included. One token per person: a new
    one replaces the old.
    """

    id = models.BigAutoField(primary_key=True)
    # Knox makes the digest the primary key, which would put it in every admin URL.
    digest = models.CharField(max_length=KNOX.DIGEST_LENGTH, unique=True)
    last_used = models.DateTimeField(null=True, blank=True)
    issued_before_hashing = models.BooleanField(
        default=False,
        help_text="Created when keys were still stored in clear, so others may have seen it.",
    )

    class Meta:
        verbose_name = "API token"
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["user"], name="one_api_token_per_user")]

    def __str__(self) -> str:
        created = timezone.localtime(self.created) if self.created else timezone.localtime()
        return f"API token of {self.user}, created {created:%d %b %Y}"


class AccessLog(models.Model):
    """Append-only record of every access to record-level data, upload, export, withdrawal,
    token use and delete in the admin site: who, whose data, what, how, when and from where."""

    class Action(models.TextChoices):
        VIEW_RECORDS = "view_records", "Viewed record-level data"
        UPLOAD = "upload", "Uploaded a file"
        EXPORT = "export", "Exported data"
        DOWNLOAD = "download", "Downloaded a file or report"
        TOKEN_USE = "token_use", "Used an API token"
        ADMIN_DELETE = "admin_delete", "Deleted in the admin site"
        WITHDRAW = "withdraw", "Withdrew a submission"
        LIFT_LOCKOUT = "lift_lockout", "Lifted a sign-in lockout"
        REVOKE_TOKEN = "revoke_token", "Revoked someone's API token"

    class Channel(models.TextChoices):
        """How the data was reached. Blank on entries written before it was recorded."""

        PAGE = "page", "Web page"
        REPORT = "report", "Report page"
        CSV = "csv", "CSV download"
        API_SESSION = "api-session", "API, signed in"
        API_TOKEN = "api-token", "API, with a token"
        ADMIN = "admin", "Admin site"
        COMMAND = "command", "Command line"

    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="access_log"
    )
    user_email = models.CharField(max_length=254, blank=True)
    authority = models.ForeignKey(
        "models_registry.LocalAuthority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_log",
        help_text="The authority whose data was accessed.",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    channel = models.CharField(max_length=12, choices=Channel.choices, blank=True)
    target = models.CharField(max_length=300, help_text="What was accessed, e.g. a URL or object.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["action", "-at"], name="accesslog_action_at"),
            # "Who read Surrey's data?": one authority's entries, newest first.
            models.Index(fields=["authority", "-at"], name="accesslog_authority_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_email} {self.action} {self.target}"

    def save(self, *args, **kwargs) -> None:
        """Entries are written once; the app never changes one (only retention deletes)."""
        if not self._state.adding:
            raise AccessLogIsAppendOnly("An access-log entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogIsAppendOnly(
            "An access-log entry cannot be deleted one by one; retention purges old entries."
        )


class AccessLogIsAppendOnly(Exception):
    """Raised by any attempt to change or delete one access-log entry."""


class RoleGrant(models.Model):
    """Append-only record of each role an account was given: to whom, which role and
    authority (and what they had before), by whom, when and from where.

    One row when an account is created and each time its role or authority changes or it is
    reopened. `granted_by` is the signed-in user of the session that made the change: the
    portal has no way to act as someone else, so that is the person behind it. A row
    written on the server (`manage.py create_user`) has no granting user. Emails are copied
    so that the record outlives the accounts it names.
    """

    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="role_grants"
    )
    user_email = models.CharField("account", max_length=254)
    role = models.CharField(max_length=30, choices=Role.choices)
    authority = models.ForeignKey(
        "models_registry.LocalAuthority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    previous_role = models.CharField(
        max_length=30, choices=Role.choices, blank=True, help_text="Empty for a new account."
    )
    previous_authority = models.ForeignKey(
        "models_registry.LocalAuthority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="role_grants_given",
    )
    granted_by_email = models.CharField("granted by", max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"], name="rolegrant_user_at")]

    def __str__(self) -> str:
        role = Role(self.role).label.lower()
        where = f" for {self.authority}" if self.authority_id else ""
        by = self.granted_by_email or "a command on the server"
        return f"{self.user_email}: {role}{where}, granted by {by} on {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise RoleGrantIsAppendOnly("A role grant cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RoleGrantIsAppendOnly(
            "A role grant cannot be deleted one by one; retention purges old ones."
        )


class RoleGrantIsAppendOnly(Exception):
    """Raised by any attempt to change or delete one role grant."""


class Feedback(models.Model):
    """What a reader told the regional team through the phase banner's feedback link or
    the accessibility statement (issue 23). Regional admins read it at /accounts/feedback/;
    `email` is given only by people who want a reply."""

    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    page = models.CharField(
        max_length=500, blank=True, help_text="The portal address the reader came from."
    )
    message = models.TextField(max_length=2000)
    email = models.EmailField(blank=True, help_text="Only when the reader wants a reply.")
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"Feedback of {self.at:%Y-%m-%d %H:%M}"

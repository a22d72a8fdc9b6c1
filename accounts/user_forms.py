"""The users pages' question pages: inviting someone, and changing a role. Their rules are
accounts.roles.authority_problem and accounts.user_management's, asked here first so that
the page can say what to fix."""

from django import forms

from accounts.models import Role, User
from accounts.roles import authority_problem
from models_registry.models import LocalAuthority


def _authority_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Authority",
        help_text="Authority editors and analysts work for one authority; regional analysts "
        "and admins for the region (choose none). A member may name theirs.",
        queryset=LocalAuthority.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="None: the region",
        error_messages={"invalid_choice": "Choose an authority from the list"},
    )


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a role",
            "invalid_choice": "Choose one of the roles listed",
        },
    )


class RoleForm(forms.Form):
    """A role and, when it needs one, an authority."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field()
        self.fields["authority"] = _authority_field()

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role and "authority" not in self.errors:
            problem = authority_problem(
                Role(role), has_authority=cleaned.get("authority") is not None
            )
            if problem:
                self.add_error("authority", problem)
        return cleaned


class InvitationForm(RoleForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The invitation to set a password is sent here. It cannot be changed later.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={
            "required": "Enter their first name",
            "max_length": "Enter 150 characters or fewer",
        },
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={
            "required": "Enter their last name",
            "max_length": "Enter 150 characters or fewer",
        },
    )
    field_order = ("email", "first_name", "last_name", "role", "authority")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There is already an account for this email address: find it in the list"
            )
        return email


class AccountStatusForm(forms.Form):
    """The "Are you sure?" page's button names what it does, so that a second click after
    someone else reopened (or closed) the account does not undo their change."""

    action = forms.ChoiceField(choices=(("close", "Close"), ("reopen", "Reopen")))

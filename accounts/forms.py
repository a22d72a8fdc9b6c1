"""Sign-in by email, with GOV.UK wording for its errors."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Django's sign-in form; its field is still called `username` (which holds the email),
    so django-axes and the admin site's login read it the same way."""

    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been closed",
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label="What would you like to tell us?",
        help_text="For example, what you came to do, what worked and what did not. "
        "Do not include personal details of children or families.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter what you would like to tell us",
            "max_length": "Enter 2,000 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address (optional)",
        help_text="Only if you would like a reply. The regional team replies within 5 "
        "working days.",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    page = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def clean_page(self) -> str:
        page = self.cleaned_data["page"]
        # Only an address on this portal is kept: never another site's link.
        return page if page.startswith("/") and not page.startswith("//") else ""

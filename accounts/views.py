"""Sign in and out, invitations, password reset, the user's account page and the access log."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions, selectors, services
from accounts.filters import AccessLogFilter
from accounts.forms import FeedbackForm, SignInForm
from accounts.models import User
from accounts.tokens import invitation_token_generator
from seslip.filtering import page_status

ACCESS_LOG_PAGE_SIZE = 50
FEEDBACK_PAGE_SIZE = 50


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    """GET asks to confirm; POST (with its CSRF token) signs out."""
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("accounts:sign-in")
    return render(request, "accounts/sign_out.html")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        if not services.allow_password_reset_email(email=form.cleaned_data["email"]):
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """The invitation link: the new user chooses a password and is signed in."""

    template_name = "accounts/accept_invitation.html"
    token_generator = invitation_token_generator
    reset_url_token = "set-password"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password is set and you are signed in.")
        return response


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/account.html",
        {
            "can_read_access_log": permissions.can_read_access_log(request.user),
            "edits_registry": permissions.can_manage_registry(request.user)
            or permissions.editable_authorities(request.user).exists(),
            "edits_every_authority": permissions.can_manage_registry(request.user),
            "can_hold_api_token": permissions.can_hold_api_token(request.user),
            "api_token": selectors.api_token_of(cast(User, request.user)),
        },
    )


@login_required
@require_POST
def create_api_token(request: HttpRequest) -> HttpResponse:
    """The person's own new token, its key shown on this one response and never again
    (docs/adr/0006-hashed-api-tokens.md). Not a redirect: the key must not pass through the
    session or a message cookie, and the page is never cached."""
    if not permissions.can_hold_api_token(request.user):
        raise PermissionDenied
    issued = services.create_api_token(user=cast(User, request.user))
    response = render(request, "accounts/api_token_created.html", {"issued": issued})
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def revoke_api_token(request: HttpRequest) -> HttpResponse:
    if services.revoke_api_tokens(user=cast(User, request.user)):
        messages.success(request, "Your API token is revoked: it no longer works.")
    return redirect("accounts:account")


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    """Regional admins read and filter the access log; nobody edits it."""
    if not permissions.can_read_access_log(request.user):
        raise PermissionDenied
    entries = AccessLogFilter(request.GET or None, queryset=selectors.access_log_entries())
    page = Paginator(entries.qs, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/access_log.html",
        {"filter": entries, "page": page},
        status=page_status(entries),
    )


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    """The phase banner's feedback form: anyone may write; the regional team reads it at
    feedback_responses."""
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            services.record_feedback(
                message=form.cleaned_data["message"],
                email=form.cleaned_data["email"],
                page=form.cleaned_data["page"],
                user=request.user,
            )
            # Post/redirect/get: a reload of the thank-you page must not send the message again.
            sent = reverse("accounts:feedback-sent")
            return redirect(f"{sent}?reply=yes" if form.cleaned_data["email"] else sent)
        return render(request, "accounts/feedback.html", {"form": form}, status=400)
    form = FeedbackForm(initial={"page": request.GET.get("from", "")})
    return render(request, "accounts/feedback.html", {"form": form})


@require_http_methods(["GET"])
def feedback_sent(request: HttpRequest) -> HttpResponse:
    """The thank-you page the feedback form redirects to; it promises a reply only when the
    message gave an email address."""
    return render(
        request, "accounts/feedback_sent.html", {"wants_reply": request.GET.get("reply") == "yes"}
    )


@login_required
def feedback_responses(request: HttpRequest) -> HttpResponse:
    """Regional admins read what readers told the team, newest first."""
    if not permissions.can_read_feedback(request.user):
        raise PermissionDenied
    page = Paginator(selectors.feedback_responses(), FEEDBACK_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/feedback_responses.html", {"page": page})

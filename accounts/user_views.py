"""The regional admins' users pages (HTTP only): the list of accounts, inviting someone and
changing a role (question page, check your answers, confirmation), closing and reopening
an account, revoking an API token, lifting sign-in lockouts, and the role grants. The rules
are in accounts.user_management; the admin site calls the same functions."""

from typing import cast

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_filters import FilterSet

from accounts import permissions, selectors, user_management
from accounts.filters import RoleGrantFilter, UserFilter
from accounts.models import Role, User
from accounts.user_forms import AccountStatusForm, InvitationForm, RoleForm
from seslip.filtering import page_status
from seslip.stored_answers import answers_from_session, store_answers

PER_PAGE = 50
INVITATION = "accounts:users:invitation"
DONE = "accounts:users:done"


def _manager(request: HttpRequest) -> User:
    """The signed-in regional admin; everyone else is refused (signed-out visitors are sent
    to sign in by login_required first)."""
    if not permissions.can_manage_users(request.user):
        raise PermissionDenied
    return cast(User, request.user)


def _filtered_page(
    request: HttpRequest, filterset: type[FilterSet], queryset: QuerySet, template: str
) -> HttpResponse:
    """A list filtered by `filterset` from the address, a page of it at a time."""
    found = filterset(request.GET or None, queryset=queryset)
    page = Paginator(found.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, template, {"filter": found, "page": page}, status=page_status(found))


def _account(pk: int) -> User:
    return get_object_or_404(User.objects.select_related("authority"), pk=pk)


def _role_rows(form: RoleForm, change_url: str) -> list[dict]:
    role = Role(form.cleaned_data["role"]).label
    authority = form.cleaned_data["authority"]
    rows = [("Role", role), ("Authority", authority.name if authority else "None: the region")]
    return [_row(key, value, change_url) for key, value in rows]


def _row(key: str, value: str, change_url: str) -> dict:
    return {
        "key": {"text": key},
        "value": {"text": value},
        "actions": {
            "items": [{"href": change_url, "text": "Change", "visuallyHiddenText": key.lower()}]
        },
    }


@never_cache
@login_required
def users(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return _filtered_page(
        request, UserFilter, selectors.users_for_management(), "accounts/users/list.html"
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    """Who to invite; a valid answer goes to "Check your answers" (the answers wait in the
    session, as the regional pages' do)."""
    _manager(request)
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            store_answers(request.session, INVITATION, request.POST)
            return redirect("accounts:user-invite-check")
    else:
        stored = (
            answers_from_session(request.session, INVITATION) if request.GET.get("back") else None
        )
        form = InvitationForm(stored) if stored is not None else InvitationForm()
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/users/invite.html", {"form": form}, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def invite_check(request: HttpRequest) -> HttpResponse:
    by = _manager(request)
    stored = answers_from_session(request.session, INVITATION)
    form = InvitationForm(stored) if stored is not None else None
    if form is None or not form.is_valid():
        return redirect("accounts:user-invite")
    change_url = reverse("accounts:user-invite") + "?back=1"
    if request.method == "POST":
        data = form.cleaned_data
        try:
            user = user_management.invite_user(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=Role(data["role"]),
                authority=data["authority"],
                by=by,
                request=request,
            )
        except ValidationError:
            # Someone invited the same address in the meantime: the question page says so.
            return redirect(change_url)
        request.session.pop(INVITATION, None)
        request.session[DONE] = {"title": "Invitation sent", "text": user.email}
        return redirect("accounts:user-done", pk=user.pk)
    data = form.cleaned_data
    rows = [
        _row("Email address", data["email"], change_url),
        _row("Name", f"{data['first_name']} {data['last_name']}", change_url),
        *_role_rows(form, change_url),
    ]
    return render(request, "accounts/users/invite_check.html", {"rows": rows})


@never_cache
@login_required
def user(request: HttpRequest, pk: int) -> HttpResponse:
    manager = _manager(request)
    account = _account(pk)
    attempts = AccessAttempt.objects.filter(username=account.email).order_by("-attempt_time")
    return render(
        request,
        "accounts/users/user.html",
        {
            "account": account,
            "is_self": account.pk == manager.pk,
            "api_token": selectors.api_token_of(account),
            "attempts": [(a, user_management.is_locked_out(a)) for a in attempts],
            "grants": selectors.role_grants().filter(user=account)[:10],
        },
    )


def _changeable(request: HttpRequest, pk: int) -> tuple[User, User]:
    """The account and the regional admin changing it: never their own."""
    manager = _manager(request)
    account = _account(pk)
    if account.pk == manager.pk:
        raise PermissionDenied("Nobody changes their own role, authority or account.")
    return manager, account


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def change_role(request: HttpRequest, pk: int) -> HttpResponse:
    _, account = _changeable(request, pk)
    key = f"accounts:users:role:{account.pk}"
    if request.method == "POST":
        form = RoleForm(request.POST)
        if form.is_valid():
            store_answers(request.session, key, request.POST)
            return redirect("accounts:user-role-check", pk=account.pk)
    else:
        stored = answers_from_session(request.session, key) if request.GET.get("back") else None
        initial = {"role": account.role, "authority": getattr(account.authority, "slug", "")}
        form = RoleForm(stored) if stored is not None else RoleForm(initial=initial)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/users/role.html", {"form": form, "account": account}, status=status
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def change_role_check(request: HttpRequest, pk: int) -> HttpResponse:
    manager, account = _changeable(request, pk)
    key = f"accounts:users:role:{account.pk}"
    stored = answers_from_session(request.session, key)
    form = RoleForm(stored) if stored is not None else None
    change_url = reverse("accounts:user-role", kwargs={"pk": account.pk}) + "?back=1"
    if form is None or not form.is_valid():
        return redirect("accounts:user-role", pk=account.pk)
    if request.method == "POST":
        grant = user_management.change_role(
            user=account,
            role=Role(form.cleaned_data["role"]),
            authority=form.cleaned_data["authority"],
            by=manager,
            request=request,
        )
        request.session.pop(key, None)
        title = "Role changed" if grant else "Nothing changed"
        text = f"{account.email}: {account.get_role_display()}"
        if account.authority:
            text += f", {account.authority.name}"
        request.session[DONE] = {"title": title, "text": text}
        return redirect("accounts:user-done", pk=account.pk)
    return render(
        request,
        "accounts/users/role_check.html",
        {"account": account, "rows": _role_rows(form, change_url)},
    )


@never_cache
@login_required
def done(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    account = _account(pk)
    outcome = request.session.pop(DONE, None)
    if not isinstance(outcome, dict):
        return redirect("accounts:user", pk=account.pk)
    return render(request, "accounts/users/done.html", {"account": account, "outcome": outcome})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Are you sure? Then close the account, or reopen a closed one."""
    manager, account = _changeable(request, pk)
    if request.method == "POST":
        form = AccountStatusForm(request.POST)
        if not form.is_valid():
            return render(request, "400.html", status=400)
        closing = form.cleaned_data["action"] == "close"
        if closing and account.is_active:
            user_management.close_account(user=account, by=manager)
            messages.success(request, f"{account.email}'s account is closed.")
        elif not closing and not account.is_active:
            user_management.reopen_account(user=account, by=manager, request=request)
            messages.success(request, f"{account.email}'s account is open again.")
        return redirect("accounts:user", pk=account.pk)
    return render(request, "accounts/users/status.html", {"account": account})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    """Are you sure? Then the person's API token stops working. Nobody creates a token for
    someone else (docs/adr/0006-hashed-api-tokens.md)."""
    _manager(request)
    account = _account(pk)
    if request.method == "POST":
        if user_management.revoke_token(user=account, request=request):
            messages.success(request, f"{account.email}'s API token is revoked.")
        return redirect("accounts:user", pk=account.pk)
    token = selectors.api_token_of(account)
    if token is None:
        return redirect("accounts:user", pk=account.pk)
    return render(request, "accounts/users/revoke_token.html", {"account": account})


@never_cache
@login_required
def lockouts(request: HttpRequest) -> HttpResponse:
    """Failed sign-ins by address and place (django-axes), newest first: lift one for
    someone who has proved who they are."""
    _manager(request)
    attempts = AccessAttempt.objects.order_by("-attempt_time", "-pk")
    page = Paginator(attempts, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(attempt, user_management.is_locked_out(attempt)) for attempt in page]
    return render(
        request,
        "accounts/users/lockouts.html",
        {
            "page": page,
            "rows": rows,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@login_required
@require_POST
def lift_lockout(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    user_management.lift_lockout(attempt=attempt, request=request)
    messages.success(request, f"{attempt.username} may sign in again.")
    return redirect("accounts:user-lockouts")


@never_cache
@login_required
def role_grants(request: HttpRequest) -> HttpResponse:
    """Who was given which role by whom, newest first: append-only, read here."""
    _manager(request)
    return _filtered_page(
        request, RoleGrantFilter, selectors.role_grants(), "accounts/users/role_grants.html"
    )

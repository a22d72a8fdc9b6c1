"""Keeping the registry true (issue 22): the page that asks an authority "Is this still
correct?", the regional team's list of what is overdue for confirmation (and its CSV), and
reverting a change from its history entry. HTTP only: the rules are in
models_registry/confirmations.py and models_registry/reverts.py, who may do what in
models_registry/permissions.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from models_registry import confirmations, presenters, reverts
from models_registry.forms import ConfirmEntryForm
from models_registry.models import LocalAuthority
from models_registry.permissions import can_confirm, can_manage_registry
from seslip import csv_safety
from seslip.templatetags.govuk_dates import govuk_date
from seslip.wording import count_of


def change_url(authority: LocalAuthority) -> str:
    """Where an editor changes what is not correct: the entry's "Your authority" page
    (models_registry/editing/), whose sections each have their "Change" link."""
    return reverse("editing:entry", kwargs={"slug": authority.slug})


def _authority_to_confirm(request: HttpRequest, slug: str) -> LocalAuthority:
    try:
        authority = confirmations.entry_for_confirmation(slug)
    except LocalAuthority.DoesNotExist:
        raise Http404("No such local authority") from None
    if not can_confirm(request.user, authority):
        raise PermissionDenied("Only the authority's editors and the regional team confirm it.")
    return authority


@never_cache
@login_required
def confirm_entry(request: HttpRequest, slug: str) -> HttpResponse:
    """'Is this still correct?': the entry as the public sees it, then yes (confirm all) or
    no (go and change what is not)."""
    authority = _authority_to_confirm(request, slug)
    form = ConfirmEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["still_correct"] == ConfirmEntryForm.CHANGE:
            return redirect(change_url(authority))
        done = confirmations.confirm_entry(authority=authority, user=request.user)
        messages.success(
            request,
            f"You confirmed {authority.name}'s entry and its {count_of(done.contacts, 'contact')} "
            f"on {govuk_date(done.on)}.",
        )
        return redirect("authority-detail", slug=authority.slug)
    today = timezone.localdate()
    contacts = list(authority.contacts.all())
    presenters.attach_confirmation([authority, *contacts], today=today)
    return render(
        request,
        "models_registry/confirm_entry.html",
        {
            "authority": authority,
            "adoptions": [presenters.adoption_row(a) for a in authority.adoptions.all()],
            "contacts": contacts,
            "form": form,
            "months": confirmations.period().months + 12 * confirmations.period().years,
        },
    )


def _regional_team_only(request: HttpRequest) -> None:
    if not can_manage_registry(request.user):
        raise PermissionDenied("For the regional team.")


@never_cache
@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """The regional team's list of entries and contacts overdue for confirmation."""
    _regional_team_only(request)
    return render(
        request,
        "models_registry/overdue.html",
        {
            "overdue": confirmations.overdue_by_authority(),
            "since": confirmations.overdue_since(timezone.localdate()),
        },
    )


OVERDUE_CSV_HEADER = (
    "authority",
    "what",
    "practice_model",
    "contact",
    "last_confirmed",
    "last_reminded",
)


@never_cache
@login_required
def overdue_csv(request: HttpRequest) -> HttpResponse:
    """The same list as CSV: one line per overdue entry or contact."""
    _regional_team_only(request)
    rows = []
    for item in confirmations.overdue_by_authority():
        reminded = timezone.localtime(item.last_reminded).date() if item.last_reminded else None
        if item.entry_overdue:
            rows.append(
                (item.authority.name, "entry", "", "", item.authority.last_confirmed, reminded)
            )
        for contact in item.contacts:
            rows.append(
                (
                    item.authority.name,
                    "contact",
                    contact.practice_model.name,
                    contact.name,
                    contact.last_confirmed,
                    reminded,
                )
            )
    response = HttpResponse(
        csv_safety.render_csv(OVERDUE_CSV_HEADER, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="overdue-confirmations.csv"'
    return response


@never_cache
@login_required
def revert_change(request: HttpRequest, kind: str, history_id: int) -> HttpResponse:
    """Revert one registry change: what it would do, then a button; a regional admin only."""
    _regional_team_only(request)
    try:
        record = reverts.history_record(kind, history_id)
    except LookupError:
        raise Http404("No such change") from None
    plan = reverts.plan_revert(record)
    problem = plan.problem
    if request.method == "POST" and not problem:
        try:
            reverts.revert_change(record=record, user=request.user)
        except reverts.NotRevertible as error:
            problem = str(error)
        else:
            messages.success(request, f"Reverted the change: {reverts.describe(record)}.")
            return redirect(reverts.subject_url(record))
    shown = presenters.history_entries([record])[0]
    return render(
        request,
        "models_registry/revert_change.html",
        {
            "record": record,
            "entry": shown,
            "what": reverts.describe(record),
            "plan": plan,
            "problem": problem,
            "subject_url": reverts.subject_url(record),
        },
    )

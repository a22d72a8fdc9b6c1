"""The regional team's pages (HTTP only): lists of entries, question pages, check your
answers, confirmation; the review queue for proposed findings (the cohort windows pages
are regional.cohort_views). Rules are in
regional.services and evidence.services; the display in regional.presenters."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.views.decorators.cache import never_cache

from evidence import services as evidence_services
from evidence.models import Finding, FindingReview
from regional import cohort_windows, presenters, services
from regional.entries import KINDS, EntryKind
from regional.forms import EntryForm, ReviewForm
from seslip.stored_answers import answers_from_session, store_answers

PER_PAGE = 50


def refusal(request: HttpRequest) -> HttpResponse | None:
    """Signed-out visitors go to the sign-in page; everyone but the regional team is
    refused."""
    if not request.user.is_authenticated:
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
    if not services.may_use_regional_pages(request.user):
        return render(request, "403.html", status=403)
    return None


def _kind(kind: str) -> EntryKind:
    return KINDS[kind]


def _entry(kind: EntryKind, pk: int | None):
    if pk is None:
        return kind.model()
    return get_object_or_404(kind.model._default_manager.all(), pk=pk)


def _pending_key(kind: EntryKind, pk: int | None) -> str:
    return f"regional:{kind.slug}:{pk or 'new'}"


def _bound(
    kind: EntryKind, entry, data: QueryDict | None, initial: dict | None = None
) -> EntryForm:
    initial = {**(initial or {}), "version": _version(kind, entry)}
    return kind.form(data, instance=entry, initial=initial)


def _preselected(kind: EntryKind, request: HttpRequest) -> dict:
    """A new row's parent from `?<parent>=<pk>` ("Add a session to this event"), if it
    names one of the parent field's choices; anything else is ignored."""
    given = request.GET.get(kind.parent, "") if kind.parent else ""
    if not (given.isascii() and given.isdigit()) or len(given) > 18:
        return {}
    try:
        chosen = kind.form().fields[kind.parent].clean(given)
    except ValidationError:
        return {}
    return {kind.parent: chosen.pk}


def _version(kind: EntryKind, entry) -> str:
    return str(entry.version) if entry.pk is not None else ""


def _pending(request: HttpRequest, kind: EntryKind, pk: int | None) -> QueryDict | None:
    return answers_from_session(request.session, _pending_key(kind, pk))


@never_cache
def home(request: HttpRequest) -> HttpResponse:
    if refused := refusal(request):
        return refused
    kinds = [(kind, kind.model._default_manager.count()) for kind in KINDS.values()]
    awaiting = Finding.objects.filter(status=evidence_services.AWAITING_REVIEW).count()
    waiting = [row for row in cohort_windows.authorities_with_windows() if row.waiting]
    return render(
        request,
        "regional/home.html",
        {"kinds": kinds, "awaiting": awaiting, "waiting_for_windows": len(waiting)},
    )


@never_cache
def entry_list(request: HttpRequest, kind: str) -> HttpResponse:
    if refused := refusal(request):
        return refused
    entry_kind = _kind(kind)
    entries = entry_kind.model._default_manager.select_related(*entry_kind.select_related).order_by(
        *entry_kind.ordering
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        (
            entry,
            entry_kind.label(entry),
            entry_kind.url("change", entry),
            entry_kind.child_links(entry),
        )
        for entry in page
    ]
    return render(
        request, "regional/entry_list.html", {"kind": entry_kind, "page": page, "rows": rows}
    )


@never_cache
def question(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """The question page: opened on the saved entry (or, coming back from "Check your
    answers", on the answers given); a valid answer goes to "Check your answers"."""
    if refused := refusal(request):
        return refused
    entry_kind = _kind(kind)
    entry = _entry(entry_kind, pk)
    form: EntryForm | None
    if request.method == "POST":
        form = _bound(entry_kind, entry, request.POST)
        if form.is_valid():
            store_answers(request.session, _pending_key(entry_kind, pk), request.POST)
            return redirect(entry_kind.url("check", entry))
    else:
        pending = _pending(request, entry_kind, pk) if request.GET.get("back") else None
        form = _bound(entry_kind, entry, pending) if pending is not None else None
        if form is None or not form.is_valid():
            preselected = _preselected(entry_kind, request) if pk is None else None
            form = _bound(entry_kind, entry, None, preselected)
    return render(
        request,
        "regional/question.html",
        {"kind": entry_kind, "entry": entry, "form": form, "label": _label(entry_kind, entry)},
    )


def _label(kind: EntryKind, entry) -> str:
    return kind.label(entry) if entry.pk is not None else f"New {kind.singular}"


@never_cache
def check(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """Check your answers; saving here writes the change unless the entry was changed by
    someone else since the question page was opened, in which case both versions are
    shown and nothing is written."""
    if refused := refusal(request):
        return refused
    entry_kind = _kind(kind)
    entry = _entry(entry_kind, pk)
    pending = _pending(request, entry_kind, pk)
    form = _bound(entry_kind, entry, pending) if pending is not None else None
    if form is None or not form.is_valid():
        return redirect(entry_kind.url("change" if pk else "new", entry))
    change_url = entry_kind.url("change" if pk else "new", entry) + "?back=1"
    if request.method == "POST":
        try:
            saved = services.save_entry(kind=entry_kind, form=form, user=request.user)
        except services.StaleEntry as stale:
            request.session.pop(_pending_key(entry_kind, pk), None)
            return render(
                request,
                "regional/conflict.html",
                {
                    "kind": entry_kind,
                    "entry": stale.current,
                    "label": _label(entry_kind, entry),
                    "rows": presenters.conflict_rows(form, stale.current),
                    "start_again": entry_kind.url("change", entry),
                },
                status=409,
            )
        request.session.pop(_pending_key(entry_kind, pk), None)
        request.session["regional:saved"] = {
            "created": saved.created,
            "changed": [str(form.fields[name].label) for name in saved.changed_fields],
        }
        return redirect(entry_kind.url("saved", saved.entry))
    return render(
        request,
        "regional/check.html",
        {
            "kind": entry_kind,
            "entry": entry,
            "label": _label(entry_kind, entry),
            "rows": presenters.answer_rows(form, change_url),
            "change_url": change_url,
        },
    )


@never_cache
def saved(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if refused := refusal(request):
        return refused
    entry_kind = _kind(kind)
    entry = _entry(entry_kind, pk)
    outcome = request.session.pop("regional:saved", None) or {}
    return render(
        request,
        "regional/saved.html",
        {
            "kind": entry_kind,
            "entry": entry,
            "label": entry_kind.label(entry),
            "created": outcome.get("created", False),
            "changed": outcome.get("changed", []),
            "public_url": entry_kind.public_url(entry) if entry_kind.public_url else "",
            "child_links": entry_kind.child_links(entry),
            "history": entry.history.all()[:5],
        },
    )


# --- The review queue ---------------------------------------------------------------------


@never_cache
def review_queue(request: HttpRequest) -> HttpResponse:
    if refused := refusal(request):
        return refused
    awaiting = (
        Finding.objects.filter(status=evidence_services.AWAITING_REVIEW)
        .select_related("authority", "practice_model", "outcome_domain", "proposed_by")
        .annotate(earlier_reviews=Count("reviews"))
        .order_by("pk")
    )
    recent = FindingReview.objects.select_related("finding", "finding__authority").filter(
        ~Q(finding__status=evidence_services.AWAITING_REVIEW)
    )[:20]
    return render(request, "regional/review_queue.html", {"awaiting": awaiting, "recent": recent})


def _awaiting(key: str) -> Finding:
    return get_object_or_404(
        Finding.objects.select_related(
            "authority", "practice_model", "outcome_domain", "evaluation", "proposed_by"
        ),
        key=key,
    )


@never_cache
def review(request: HttpRequest, key: str) -> HttpResponse:
    """One proposal: what it says, earlier decisions, and the decision to make now."""
    if refused := refusal(request):
        return refused
    finding = _awaiting(key)
    if finding.status != evidence_services.AWAITING_REVIEW:
        raise Http404("This finding is not awaiting review.")
    form = ReviewForm(request.POST if request.method == "POST" else None)
    problem = None
    if form.is_valid():
        try:
            evidence_services.review_finding(
                finding=finding,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                user=request.user,
            )
        except evidence_services.ReviewRefused as refused_review:
            problem = str(refused_review)
        else:
            return redirect("regional:reviewed", key=finding.key)
    return render(
        request,
        "regional/review.html",
        {
            "finding": finding,
            "form": form,
            "problem": problem,
            "problem_list": [{"text": problem, "href": "#id_decision"}] if problem else [],
            "reviews": finding.reviews.select_related("reviewer"),
            "citations": finding.citations.select_related("source"),
        },
    )


@never_cache
def reviewed(request: HttpRequest, key: str) -> HttpResponse:
    if refused := refusal(request):
        return refused
    finding = _awaiting(key)
    latest = finding.reviews.first()
    if latest is None:
        raise Http404("This finding has not been reviewed.")
    return render(request, "regional/reviewed.html", {"finding": finding, "review": latest})

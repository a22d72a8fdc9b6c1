"""Evidence pages: HTTP only; reads come from selectors, formatting from presenters."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts import permissions as roles
from accounts.models import Role
from evidence import presenters, selectors, services
from evidence.forms import ProposalForm
from evidence.models import Evaluation, Finding, Strength
from seslip.content_cache import render_page
from seslip.filtering import page_status
from seslip.locking import save_if_unchanged
from seslip.stored_answers import answers_from_session, store_answers
from sources.services import cite_fields

RESULTS_PER_PAGE = 20


def evidence_map(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evidence/map.html",
        {"map": selectors.evidence_map(), "strengths": Strength.choices},
    )


def search(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict, int]:
        filterset = selectors.filter_findings(request.GET)
        query = (request.GET.get("q") or "").strip()
        results = filterset.qs if filterset.is_valid() else Finding.objects.none()
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        context = {
            "filter": filterset,
            "query": query,
            "page": page,
            "rows": [presenters.finding_row(f, query) for f in page.object_list],
            "csv_query": params.urlencode(),
            # Each result links to its finding with the search, so its back link returns here.
            "search_query": urlencode({"search": request.GET.urlencode()}) if request.GET else "",
            "errors": filterset.errors if not filterset.is_valid() else {},
        }
        return context, page_status(filterset)

    return render_page(request, "evidence/search.html", build)


def evaluation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "evidence/evaluation_list.html", {"evaluations": selectors.evaluations_list()}
    )


def _evaluation_or_404(slug: str) -> Evaluation:
    try:
        return selectors.evaluation_detail(slug)
    except Evaluation.DoesNotExist as missing:
        raise Http404("No such evaluation") from missing


def evaluation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    evaluation = _evaluation_or_404(slug)
    return render(
        request,
        "evidence/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "groups": selectors.findings_by_outcome(evaluation),
            "sample_lines": presenters.sample_lines(evaluation),
            "citation": presenters.citation_text(evaluation),
            "strength_tag": presenters.strength_tag_class(evaluation.strength),
            "search_url": presenters.search_url(),
        },
    )


def evaluation_bibtex(request: HttpRequest, slug: str) -> HttpResponse:
    evaluation = _evaluation_or_404(slug)
    response = HttpResponse(
        presenters.citation_bibtex(evaluation), content_type="application/x-bibtex; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{evaluation.slug}.bib"'
    return response


def evaluation_ris(request: HttpRequest, slug: str) -> HttpResponse:
    evaluation = _evaluation_or_404(slug)
    response = HttpResponse(
        presenters.citation_ris(evaluation),
        content_type="application/x-research-info-systems; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{evaluation.slug}.ris"'
    return response


def finding_detail(request: HttpRequest, key: str) -> HttpResponse:
    try:
        finding = selectors.finding_detail(key)
    except Finding.DoesNotExist as missing:
        raise Http404("No such finding") from missing
    # Back to the search the reader came from (its parameters, re-encoded, after a fixed path).
    search = QueryDict(request.GET.get("search", "")).urlencode()
    back = reverse("evidence:search") + (f"?{search}" if search else "")
    return render(
        request,
        "evidence/finding_detail.html",
        {"row": presenters.finding_row(finding), "finding": finding, "back_url": back},
    )


@never_cache
def proposals(request: HttpRequest) -> HttpResponse:
    """The findings authority editors proposed, each with the regional team's decisions
    and comments: an editor sees their own authority's, a regional admin every one."""
    if not request.user.is_authenticated:
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
    role = roles.role_of(request.user)
    if role not in (Role.AUTHORITY_EDITOR, Role.REGIONAL_ADMIN):
        return render(request, "403.html", status=403)
    return render(
        request,
        "evidence/proposals.html",
        {
            "proposals": selectors.proposals_for(request.user),
            "is_regional": role == Role.REGIONAL_ADMIN,
        },
    )


# --- An authority editor proposes a finding: question page, check answers, confirmation ---

#: Proposals an editor may still change: waiting for review, or sent back to them.
CHANGEABLE = (Finding.Status.DRAFT, Finding.Status.SENT_BACK)


def _editor_refusal(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
    if roles.role_of(request.user) != Role.AUTHORITY_EDITOR:
        return render(request, "403.html", status=403)
    return None


def _proposal(request: HttpRequest, key: str | None) -> Finding:
    if key is None:
        return Finding(authority_id=request.user.authority_id)  # type: ignore[union-attr]
    found = selectors.proposals_for(request.user).filter(status__in=CHANGEABLE, key=key).first()
    if found is None:
        raise Http404("No such proposal of your authority's that you can change")
    return found


def _proposal_form(finding: Finding, data: QueryDict | None) -> ProposalForm:
    form = ProposalForm(data, instance=finding)
    form.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)
    form.initial["version"] = str(finding.version) if finding.pk else ""
    return form


def _pending_proposal(request: HttpRequest, key: str | None) -> QueryDict | None:
    return answers_from_session(request.session, f"evidence:proposal:{key or 'new'}")


def _read_version(form: ProposalForm) -> int:
    try:
        return int(form.cleaned_data.get("version") or 0)
    except ValueError:
        return 0


def _proposal_url(view: str, key: str | None) -> str:
    if key is None:
        return reverse(f"evidence:proposal-{view}")
    return reverse(f"evidence:proposal-{view}", kwargs={"key": key})


@never_cache
def proposal_question(request: HttpRequest, key: str | None = None) -> HttpResponse:
    if refused := _editor_refusal(request):
        return refused
    finding = _proposal(request, key)
    if request.method == "POST":
        form = _proposal_form(finding, request.POST)
        if form.is_valid():
            store_answers(request.session, f"evidence:proposal:{key or 'new'}", request.POST)
            return redirect(_proposal_url("check", key))
    else:
        pending = _pending_proposal(request, key) if request.GET.get("back") else None
        form = _proposal_form(finding, pending)
        if pending is not None and not form.is_valid():
            form = _proposal_form(finding, None)
    return render(request, "evidence/proposal_form.html", {"form": form, "finding": finding})


@never_cache
def proposal_check(request: HttpRequest, key: str | None = None) -> HttpResponse:
    """Check your answers, then save the proposal as a draft for the regional team's
    review: never over a change saved since the question page was opened."""
    if refused := _editor_refusal(request):
        return refused
    finding = _proposal(request, key)
    pending = _pending_proposal(request, key)
    form = _proposal_form(finding, pending) if pending is not None else None
    if form is None or not form.is_valid():
        return redirect(_proposal_url("change" if key else "new", key))
    change_url = _proposal_url("change" if key else "new", key) + "?back=1"
    if request.method == "POST":
        proposal = form.save(commit=False)
        if proposal.pk is None:
            proposal.key = services.proposal_key(
                authority_slug=proposal.authority.slug,
                statement=proposal.statement,
            )
        changed = [name for name in form.changed_data if name in (form._meta.fields or ())]
        proposal._change_reason = (
            "Proposed by an authority editor" if key is None else "Changed by an authority editor"
        )

        def write() -> None:
            services.save_draft_finding(finding=proposal, user=request.user)
            cite_fields(
                proposal,
                source=form.cleaned_data["cite_source"],
                locator=form.cleaned_data["cite_locator"],
                fields=[""] if key is None else changed,
            )

        request.session.pop(f"evidence:proposal:{key or 'new'}", None)
        if key is None:
            with transaction.atomic():
                write()
        elif not save_if_unchanged(
            proposal, read_version=_read_version(form), apply=lambda _finding: write()
        ):
            return render(
                request,
                "evidence/proposal_stale.html",
                {"change_url": _proposal_url("change", key)},
                status=409,
            )
        return redirect("evidence:proposal-sent", key=proposal.key)
    return render(
        request,
        "evidence/proposal_check.html",
        {
            "finding": finding,
            "rows": presenters.proposal_answer_rows(form, change_url),
            "change_url": change_url,
        },
    )


@never_cache
def proposal_sent(request: HttpRequest, key: str) -> HttpResponse:
    if refused := _editor_refusal(request):
        return refused
    finding = _proposal(request, key)
    return render(request, "evidence/proposal_sent.html", {"finding": finding})

"""Evidence pages: HTTP only; reads come from selectors, formatting from presenters."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts import permissions as roles
from accounts.models import Role
from evidence import presenters, selectors
from evidence.models import Evaluation, Finding, Strength
from seslip.content_cache import render_page
from seslip.filtering import page_status

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

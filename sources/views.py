"""The sources pages: every document the portal cites, and what it takes from each."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sources import presenters, selectors
from sources.models import Source


def source_list(request: HttpRequest) -> HttpResponse:
    sources = list(selectors.sources_for_list())
    return render(
        request,
        "sources/source_list.html",
        {
            "portal_documents": [s for s in sources if s.is_portal_document],
            "cited_documents": [s for s in sources if not s.is_portal_document],
        },
    )


def _source(key: str) -> Source:
    try:
        return selectors.source_detail(key)
    except Source.DoesNotExist:
        raise Http404("No such source") from None


def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    source = _source(key)
    return render(
        request,
        "sources/source_detail.html",
        {
            "source": source,
            "date_text": presenters.date_text(source),
            "independence_text": presenters.independence_text(source),
            "uses": selectors.uses_of(source),
            "bibtex": presenters.citation_bibtex(source),
        },
    )


def source_bibtex(request: HttpRequest, key: str) -> HttpResponse:
    return HttpResponse(
        presenters.citation_bibtex(_source(key)), content_type="application/x-bibtex; charset=utf-8"
    )


def source_ris(request: HttpRequest, key: str) -> HttpResponse:
    return HttpResponse(
        presenters.citation_ris(_source(key)),
        content_type="application/x-research-info-systems; charset=utf-8",
    )

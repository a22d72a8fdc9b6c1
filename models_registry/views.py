"""Registry pages: HTTP only. Data comes from selectors, shaping from presenters, access
rules from models_registry.permissions.

The model page, the authority page and the compare page show the evidence library's
summary of what is known about them, when the evidence library provides it
(models_registry/summaries.py).
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django_filters import FilterSet

from models_registry import presenters, reverts, selectors, summaries
from models_registry.filters import LocalAuthorityFilter, PracticeModelFilter, ThemeFilter
from models_registry.forms import CompareForm
from models_registry.models import LocalAuthority, PracticeModel, Theme
from models_registry.permissions import (
    can_confirm,
    can_manage_registry,
    can_view_contacts,
    editable_authorities,
)
from seslip.filtering import page_status

PAGE_SIZE = 20


def _page(request: HttpRequest, queryset) -> Page:
    """One page of the list (its links are drawn by the govuk_pagination tag)."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _evidence_about(subject: PracticeModel | LocalAuthority):
    """The evidence library's summary, or None without it (models_registry/summaries.py)."""
    evidence = summaries.evidence()
    if evidence is None:
        return None
    if isinstance(subject, PracticeModel):
        return evidence.for_model(subject)
    return evidence.for_authority(subject)


def _evidence_counts(models: list[PracticeModel]) -> dict[str, str] | None:
    evidence = summaries.evidence()
    if evidence is None:
        return None
    counts = evidence.counts_for_models(models)
    return {model.slug: presenters.evidence_count_text(counts[model.pk]) for model in models}


def _revert_links(request: HttpRequest):
    """History entries link to their revert page for the regional team only."""
    return reverts.revert_url if can_manage_registry(request.user) else None


def _contacts(show: bool, **owner) -> list:
    if not show:
        return []
    contacts = selectors.contacts_for(**owner)
    presenters.attach_confirmation(contacts, today=timezone.localdate())
    return contacts


def _login_url(request: HttpRequest) -> str:
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "models_registry/home.html",
        {
            "table": presenters.region_table(selectors.survey_adoptions()),
            "counts": selectors.region_counts(),
            "changes": selectors.latest_changes(),
        },
    )


def _filtered_list(
    request: HttpRequest,
    template: str,
    filter_class: type[FilterSet],
    queryset: QuerySet,
    for_list: Callable[[QuerySet], QuerySet],
) -> HttpResponse:
    """A list page: the filter panel's form and one page of what it selects."""
    filterset = filter_class(request.GET or None, queryset=queryset)
    matching = filterset.qs if filterset.is_bound else filterset.queryset
    page = _page(request, for_list(matching))
    return render(
        request, template, {"filter": filterset, "page": page}, status=page_status(filterset)
    )


def model_list(request: HttpRequest) -> HttpResponse:
    return _filtered_list(
        request,
        "models_registry/model_list.html",
        PracticeModelFilter,
        selectors.practice_models(),
        selectors.practice_models_for_list,
    )


def model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        practice_model = selectors.practice_model_detail(slug)
    except PracticeModel.DoesNotExist:
        raise Http404("No such practice model") from None
    show_contacts = can_view_contacts(request.user)
    revert_url = _revert_links(request)
    history = presenters.history_entries(
        selectors.history_of(practice_model), revert_url=revert_url
    )
    adoption_history = presenters.history_entries(
        selectors.adoption_history(practice_model=practice_model),
        describe=lambda record: record.local_authority.name,
        revert_url=revert_url,
    )
    return render(
        request,
        "models_registry/model_detail.html",
        {
            "model": practice_model,
            "adoptions": [presenters.adoption_row(a) for a in practice_model.adoptions.all()],
            "show_contacts": show_contacts,
            "contacts": _contacts(show_contacts, practice_model=practice_model),
            "login_url": _login_url(request),
            "history": history,
            "adoption_history": adoption_history,
            "evidence_summary": _evidence_about(practice_model),
        },
    )


def compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET if "models" in request.GET else None)
    models, rows = [], []
    if form.is_bound and form.is_valid():
        models = selectors.models_for_compare(form.chosen_slugs())
        rows = presenters.compare_rows(models, evidence_by_model=_evidence_counts(models))
    return render(
        request,
        "models_registry/compare.html",
        {"form": form, "models": models, "rows": rows},
    )


def authority_list(request: HttpRequest) -> HttpResponse:
    return _filtered_list(
        request,
        "models_registry/authority_list.html",
        LocalAuthorityFilter,
        selectors.local_authorities(),
        selectors.local_authorities_for_list,
    )


def authority_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        authority = selectors.local_authority_detail(slug)
    except LocalAuthority.DoesNotExist:
        raise Http404("No such local authority") from None
    show_contacts = can_view_contacts(request.user)
    revert_url = _revert_links(request)
    presenters.attach_confirmation([authority], today=timezone.localdate())
    return render(
        request,
        "models_registry/authority_detail.html",
        {
            "authority": authority,
            "adoptions": [presenters.adoption_row(a) for a in authority.adoptions.all()],
            "show_contacts": show_contacts,
            "contacts": _contacts(show_contacts, local_authority=authority),
            "can_confirm": request.user.is_authenticated and can_confirm(request.user, authority),
            "login_url": _login_url(request),
            "history": presenters.history_entries(
                selectors.history_of(authority), revert_url=revert_url
            ),
            "adoption_history": presenters.history_entries(
                selectors.adoption_history(local_authority=authority),
                describe=lambda record: record.practice_model.name,
                revert_url=revert_url,
            ),
            "evidence_summary": _evidence_about(authority),
            "own_reports": presenters.own_reports(authority.statements.all()),
            "can_edit": editable_authorities(request.user).filter(pk=authority.pk).exists(),
        },
    )


def theme_list(request: HttpRequest) -> HttpResponse:
    filterset = ThemeFilter(request.GET or None, queryset=selectors.themes())
    themes = list(filterset.qs.distinct() if filterset.is_bound else filterset.queryset)
    presenters.attach_change_authors(themes)
    return render(
        request,
        "models_registry/theme_list.html",
        {
            "filter": filterset,
            "features": [t for t in themes if t.kind == Theme.Kind.FEATURE],
            "challenges": [t for t in themes if t.kind == Theme.Kind.CHALLENGE],
        },
        status=page_status(filterset),
    )

"""'Your authority': an authority's entry as the public sees it, with a Change link per
section; question pages, then 'Check your answers', then a confirmation (GOV.UK's
question-page pattern). Authority editors reach their own authority only; regional admins
every authority (models_registry.permissions.editable_authorities).

A question page's answers wait in the session until the person saves them from 'Check your
answers', with the version of the row they read: a save that finds the row changed since
shows both versions and saves nothing (services.edit_row, seslip/locking.py).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache

from models_registry.editing import presenters, services
from models_registry.editing.forms import FORMS, EditForm
from models_registry.editing.sections import (
    CONTACT,
    MODEL,
    NOTES,
    OFSTED,
    OVERVIEW,
    SECTIONS,
    Section,
)
from models_registry.models import Adoption, Contact, LocalAuthority
from models_registry.permissions import editable_authorities

PENDING = "registry-edit:{pk}"
SAVED = "registry-edit-saved:{pk}"


def _editable(request: HttpRequest, slug: str) -> LocalAuthority:
    """The authority, if the signed-in person may edit it: 404 for no such authority, 403
    for one they may not edit."""
    authority = get_object_or_404(LocalAuthority, slug=slug)
    if not editable_authorities(request.user).filter(pk=authority.pk).exists():
        raise PermissionDenied
    return authority


def _row(authority: LocalAuthority, section: Section, object_id: int | None) -> services.Editable:
    if section.is_authority:
        return authority
    model: type[Adoption] | type[Contact] = Adoption if section.model is Adoption else Contact
    if object_id is None:
        raise Http404("No such entry for this authority")
    try:
        return model.objects.get(pk=object_id, local_authority=authority)
    except model.DoesNotExist:
        raise Http404("No such entry for this authority") from None


def _question_url(authority: LocalAuthority, section: Section, object_id: int | None) -> str:
    if section is OVERVIEW:
        return reverse("editing:overview", args=[authority.slug])
    if section is OFSTED:
        return reverse("editing:ofsted", args=[authority.slug])
    if section is MODEL:
        return reverse("editing:model", args=[authority.slug, object_id])
    if section is NOTES:
        return reverse("editing:notes", args=[authority.slug, object_id])
    return reverse("editing:contact", args=[authority.slug, object_id])


def _heading(section: Section, row: Model) -> str:
    if isinstance(row, Adoption):
        return f"{section.title}: {row.practice_model.name}"
    if isinstance(row, Contact):
        return f"{section.title}: {row.name}"
    return section.title


@login_required
@never_cache
def entry_list(request: HttpRequest) -> HttpResponse:
    """An authority editor goes straight to their authority; a regional admin chooses one."""
    authorities = editable_authorities(request.user).order_by("name")
    own = getattr(request.user, "authority_id", None)
    if own is not None and authorities.filter(pk=own).exists():
        return redirect("editing:entry", slug=authorities.get(pk=own).slug)
    if not authorities.exists():
        raise PermissionDenied
    return render(request, "models_registry/editing/entry_list.html", {"authorities": authorities})


@login_required
@never_cache
def entry(request: HttpRequest, slug: str) -> HttpResponse:
    authority = _editable(request, slug)
    adoptions = list(
        authority.adoptions.select_related("practice_model")
        .prefetch_related("services")
        .order_by("practice_model__name")
    )
    contacts = list(authority.contacts.select_related("practice_model").order_by("name"))
    slug = authority.slug
    adoption_cards = []
    for adoption in adoptions:
        name = adoption.practice_model.name
        notes_rows = presenters.summary_rows(NOTES, adoption)
        notes_rows[0]["actions"] = {
            "items": [
                presenters.change_action(
                    reverse("editing:notes", args=[slug, adoption.pk]), "notes"
                )
            ]
        }
        adoption_cards.append(
            presenters.card(
                name,
                presenters.summary_rows(MODEL, adoption) + notes_rows,
                change_href=reverse("editing:model", args=[slug, adoption.pk]),
                change_what="how it is used",
                remove_href=reverse("editing:remove-model", args=[slug, adoption.pk]),
            )
        )
    return render(
        request,
        "models_registry/editing/entry.html",
        {
            "authority": authority,
            "overview": presenters.card(
                "Overview",
                presenters.summary_rows(OVERVIEW, authority),
                change_href=reverse("editing:overview", args=[slug]),
                change_what="the overview",
            ),
            "ofsted": presenters.card(
                "Ofsted inspection",
                presenters.summary_rows(OFSTED, authority),
                change_href=reverse("editing:ofsted", args=[slug]),
                change_what="the Ofsted inspection",
            ),
            "adoptions": adoption_cards,
            "contacts": [
                presenters.card(
                    f"{contact.name} ({contact.practice_model.name})",
                    presenters.summary_rows(CONTACT, contact),
                    change_href=reverse("editing:contact", args=[slug, contact.pk]),
                    change_what="contact details",
                    remove_href=reverse("editing:remove-contact", args=[slug, contact.pk]),
                )
                for contact in contacts
            ],
        },
    )


def _read_version(request: HttpRequest) -> int | None:
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return None
    return version if version > 0 else None


def _question(
    request: HttpRequest, slug: str, section: Section, object_id: int | None = None
) -> HttpResponse:
    authority = _editable(request, slug)
    row = _row(authority, section, object_id)
    form_class = FORMS[section.key]
    key = PENDING.format(pk=authority.pk)
    pending: dict[str, Any] = request.session.get(key) or {}
    same = pending.get("section") == section.key and pending.get("object_id") == row.pk
    version = pending["version"] if same else row.version
    if request.method == "POST":
        read_version = _read_version(request)
        if read_version is None:
            return HttpResponseBadRequest("The form's version is missing or not a number.")
        form = form_class(request.POST, instance=row)
        if form.is_valid():
            request.session[key] = {
                "section": section.key,
                "object_id": row.pk,
                "version": read_version,
                "data": {name: request.POST.getlist(name) for name in form.fields},
            }
            return redirect("editing:check", slug=authority.slug)
        version = read_version
    elif same:
        form = form_class(MultiValueDict(pending["data"]), instance=row)
    else:
        form = form_class(instance=row)
    return render(
        request,
        "models_registry/editing/question.html",
        {
            "authority": authority,
            "section": section,
            "heading": _heading(section, row),
            "form": form,
            "version": version,
            "section_fields": [form[name] for name in section.fields],
        },
    )


@login_required
@never_cache
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    return _question(request, slug, OVERVIEW)


@login_required
@never_cache
def ofsted(request: HttpRequest, slug: str) -> HttpResponse:
    return _question(request, slug, OFSTED)


@login_required
@never_cache
def model_used(request: HttpRequest, slug: str, adoption: int) -> HttpResponse:
    return _question(request, slug, MODEL, adoption)


@login_required
@never_cache
def notes(request: HttpRequest, slug: str, adoption: int) -> HttpResponse:
    return _question(request, slug, NOTES, adoption)


@login_required
@never_cache
def contact(request: HttpRequest, slug: str, contact: int) -> HttpResponse:
    return _question(request, slug, CONTACT, contact)


def _provenance(form: EditForm, user: Any) -> services.Provenance:
    source = (
        form.cleaned_data.get("source") if form.cleaned_data["provenance"] == "source" else None
    )
    locator = form.cleaned_data.get("locator", "") if source is not None else ""
    return services.Provenance(source=source, locator=locator, by=user)


@login_required
@never_cache
def check(request: HttpRequest, slug: str) -> HttpResponse:
    """Check your answers, then save them: live at once, or refused if someone else saved
    the row since it was read (both versions shown, nothing overwritten)."""
    authority = _editable(request, slug)
    key = PENDING.format(pk=authority.pk)
    pending: dict[str, Any] = request.session.get(key) or {}
    if pending.get("section") not in SECTIONS:
        return redirect("editing:entry", slug=authority.slug)
    section = SECTIONS[pending["section"]]
    row = _row(authority, section, pending["object_id"])
    question_url = _question_url(authority, section, row.pk)
    saved_row = type(row)._default_manager.get(pk=row.pk)
    form = FORMS[section.key](MultiValueDict(pending["data"]), instance=row)
    if not form.is_valid():
        return redirect(question_url)
    provenance = _provenance(form, request.user)
    changes = form.changes()
    if request.method == "POST":
        try:
            outcome = services.edit_row(
                row=saved_row,
                read_version=pending["version"],
                changes=changes,
                provenance=provenance,
            )
        except ValidationError:
            return redirect(question_url)
        del request.session[key]
        if outcome.conflict:
            return render(
                request,
                "models_registry/editing/conflict.html",
                {
                    "authority": authority,
                    "heading": _heading(section, saved_row),
                    "answers": presenters.answers(section, outcome.current, changes),
                    "question_url": question_url,
                },
                status=409,
            )
        request.session[SAVED.format(pk=authority.pk)] = {
            "heading": _heading(section, saved_row),
            "changed": [services.field_label(section.model, n) for n in outcome.changed],
        }
        return redirect("editing:saved", slug=authority.slug)
    return render(
        request,
        "models_registry/editing/check.html",
        {
            "authority": authority,
            "heading": _heading(section, saved_row),
            "answers": [a for a in presenters.answers(section, saved_row, changes) if a.changed],
            "provenance": provenance,
            "question_url": question_url,
        },
    )


def done_page(request: HttpRequest, slug: str, key: str, done_what: str) -> HttpResponse:
    """The confirmation of what was just saved or added (`done_what`: its template's name),
    kept in the session under `key` until shown once; back to the entry when nothing is
    waiting."""
    authority = _editable(request, slug)
    done = request.session.pop(key.format(pk=authority.pk), None)
    if done is None:
        messages.info(request, f"Nothing waiting to be {done_what}.")
        return redirect("editing:entry", slug=authority.slug)
    template = f"models_registry/editing/{done_what}.html"
    return render(request, template, {"authority": authority, "done": done})


@login_required
@never_cache
def saved(request: HttpRequest, slug: str) -> HttpResponse:
    return done_page(request, slug, SAVED, "saved")

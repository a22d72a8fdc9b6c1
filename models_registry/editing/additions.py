"""Adding a model the authority uses or a contact to its entry, and removing one: the
'Your authority' pages' question page, 'Check your answers' and confirmation for an
addition, and GOV.UK's 'Are you sure?' page for a removal (a GET never changes anything).

An addition's answers wait in the session until the person adds them from 'Check your
answers'. A removal claims the version of the row the person read (seslip/locking.py): a
row someone changed since is not removed, and the page says so.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache

from models_registry.editing import presenters, services
from models_registry.editing.forms import ADD_FORMS
from models_registry.editing.sections import CONTACT, MODEL
from models_registry.editing.views import (
    _editable,
    _provenance,
    _read_version,
    _row,
    done_page,
)
from models_registry.models import Adoption, Contact, LocalAuthority

ADDING = "registry-add:{pk}"
ADDED = "registry-added:{pk}"
HEADINGS = {"model": "Add a model you use", "contact": "Add a contact"}


def _add_url(authority: LocalAuthority, kind: str) -> str:
    name = "editing:add-model" if kind == "model" else "editing:add-contact"
    return reverse(name, args=[authority.slug])


def _question(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    authority = _editable(request, slug)
    form_class = ADD_FORMS[kind]
    key = ADDING.format(pk=authority.pk)
    pending: dict[str, Any] = request.session.get(key) or {}
    if request.method == "POST":
        form = form_class(request.POST, authority=authority)
        if form.is_valid():
            request.session[key] = {
                "kind": kind,
                "data": {name: request.POST.getlist(name) for name in form.fields},
            }
            return redirect("editing:add-check", slug=authority.slug)
    elif pending.get("kind") == kind:
        form = form_class(MultiValueDict(pending["data"]), authority=authority)
    else:
        form = form_class(authority=authority)
    section = MODEL if kind == "model" else CONTACT
    return render(
        request,
        "models_registry/editing/question.html",
        {
            "authority": authority,
            "section": section,
            "heading": HEADINGS[kind],
            "form": form,
            "section_fields": [form["practice_model"]] + [form[n] for n in section.fields],
        },
    )


@login_required
@never_cache
def add_model(request: HttpRequest, slug: str) -> HttpResponse:
    return _question(request, slug, "model")


@login_required
@never_cache
def add_contact(request: HttpRequest, slug: str) -> HttpResponse:
    return _question(request, slug, "contact")


@login_required
@never_cache
def add_check(request: HttpRequest, slug: str) -> HttpResponse:
    """Check your answers, then add the row: live at once and kept in the history."""
    authority = _editable(request, slug)
    key = ADDING.format(pk=authority.pk)
    pending: dict[str, Any] = request.session.get(key) or {}
    kind = pending.get("kind")
    if kind not in ADD_FORMS:
        return redirect("editing:entry", slug=authority.slug)
    question_url = _add_url(authority, kind)
    form = ADD_FORMS[kind](MultiValueDict(pending["data"]), authority=authority)
    if not form.is_valid():
        return redirect(question_url)
    provenance = _provenance(form, request.user)
    values = form.changes()
    model = Adoption if kind == "model" else Contact
    if request.method == "POST":
        try:
            row = services.add_row(
                authority=authority, model=model, values=values, provenance=provenance
            )
        except ValidationError:
            return redirect(question_url)
        del request.session[key]
        request.session[ADDED.format(pk=authority.pk)] = {
            "title": f"{kind.capitalize()} added",
            "text": row.name if isinstance(row, Contact) else row.practice_model.name,
        }
        return redirect("editing:added", slug=authority.slug)
    answers = [
        presenters.Answer(
            name=name,
            label=services.field_label(model, name),
            before="",
            after=presenters.value_text(model, name, value),
        )
        for name, value in values.items()
    ]
    return render(
        request,
        "models_registry/editing/add_check.html",
        {
            "authority": authority,
            "heading": HEADINGS[kind],
            "answers": answers,
            "provenance": provenance,
            "question_url": question_url,
            "button": f"Add {kind}",
        },
    )


@login_required
@never_cache
def added(request: HttpRequest, slug: str) -> HttpResponse:
    return done_page(request, slug, ADDED, "added")


def _remove(request: HttpRequest, slug: str, kind: str, object_id: int) -> HttpResponse:
    authority = _editable(request, slug)
    row = _row(authority, MODEL if kind == "model" else CONTACT, object_id)
    if not isinstance(row, Adoption | Contact):
        raise Http404("No such entry for this authority")
    name = row.practice_model.name if isinstance(row, Adoption) else row.name
    context = {
        "authority": authority,
        "kind": kind,
        "name": name,
        "row": row,
        "version": row.version,
        "conflict": False,
    }
    if request.method == "POST":
        read_version = _read_version(request)
        if read_version is None:
            return HttpResponseBadRequest("The form's version is missing or not a number.")
        if not services.remove_row(row=row, read_version=read_version, by=request.user):
            if not type(row)._default_manager.filter(pk=row.pk).exists():
                raise Http404("No such entry for this authority")
            context["conflict"] = True
            return render(request, "models_registry/editing/remove.html", context, status=409)
        messages.success(request, f"{kind.capitalize()} removed: {name}")
        return redirect("editing:entry", slug=authority.slug)
    return render(request, "models_registry/editing/remove.html", context)


@login_required
@never_cache
def remove_model(request: HttpRequest, slug: str, adoption: int) -> HttpResponse:
    return _remove(request, slug, "model", adoption)


@login_required
@never_cache
def remove_contact(request: HttpRequest, slug: str, contact: int) -> HttpResponse:
    return _remove(request, slug, "contact", contact)

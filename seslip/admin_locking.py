"""No edit lost through the admin site either (issue 22, "No lost edits").

The editing pages and the API claim the version they read (seslip/locking.py). The admin
site's change form now does the same for every model with a `version` field: the form
carries the version it was opened at (templates/admin/change_form.html), and the save
claims it. Whoever saved in between (an editor on the portal's pages, a token through
the API, another admin) is never overwritten: the admin is told, and shown the current
entry. Every admin save moves the version on, so that an editor's form opened before it
is refused in turn.
"""

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from seslip.locking import save_if_unchanged

READ_VERSION = "_read_version"


class ChangedMeanwhile(Exception):
    """Raised inside the admin's save transaction, which it rolls back whole (inlines too)."""


def is_versioned(model: type[Model]) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


def _posted_version(request: HttpRequest) -> int | None:
    value = request.POST.get(READ_VERSION, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


class VersionCheckMixin:
    """Given to every ModelAdmin by the portal's admin site (seslip/admin_site.py)."""

    def save_model(self, request: HttpRequest, obj: Model, form, change: bool) -> None:
        save = super().save_model  # type: ignore[misc]
        if not change or not is_versioned(type(obj)):
            save(request, obj, form, change)
            return
        read = _posted_version(request)
        if read is None:
            # No version to claim (a list's inline editing, a history page's "revert to
            # this version", which shows an old one): the save claims the version it finds.
            read = (
                type(obj)
                ._default_manager.filter(pk=obj.pk)
                .values_list("version", flat=True)
                .first()
            )
        if read is None or not save_if_unchanged(
            obj, read_version=read, apply=lambda o: save(request, o, form, change)
        ):
            raise ChangedMeanwhile

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        except ChangedMeanwhile:
            return _told(request)

    def history_form_view(
        self, request: HttpRequest, object_id, version_id, extra_context=None
    ) -> HttpResponse:
        """django-simple-history's "revert to this version" (its admins only)."""
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[misc]
        except ChangedMeanwhile:
            return _told(request)


def _told(request: HttpRequest) -> HttpResponse:
    messages.error(
        request,
        "Someone else saved this entry after you opened it, so your changes were not "
        "saved (nothing was overwritten). This page now shows the entry as it is: "
        "make your changes again.",
    )
    return HttpResponseRedirect(request.path)

"""Sources and citations in the admin: regional admins keep the catalogue; every registry and
evidence entry edits its citations inline (a source and a place in it)."""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline
from django.db import models

from sources.models import Citation, Source


class CitationInline(GenericStackedInline):
    # Stacked, not tabular: a tabular inline's inputs have only a column header, no label
    # (WCAG 1.3.1/4.1.2; axe "label").
    model = Citation
    extra = 0
    fields = ("source", "locator", "field", "position")
    autocomplete_fields = ("source",)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "date", "date_precision", "independent_of_model_owner")
    list_filter = ("kind", "is_portal_document", "independent_of_model_owner")
    search_fields = ("key", "title", "description", "author", "publisher")
    autocomplete_fields = ("cited_in",)
    # Checkboxes, as the registry's admin uses for many-to-many fields (axe-clean).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    fieldsets = (
        (None, {"fields": ("key", "title", "description", "cited_in", "kind")}),
        ("Who and when", {"fields": ("author", "publisher", "date", "date_precision")}),
        (
            "Independence",
            {"fields": ("producer", "independent_of_model_owner", "independence_note")},
        ),
        ("Where to get it", {"fields": ("url", "note", "is_portal_document", "cites")}),
    )

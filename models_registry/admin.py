"""The registry in the Django admin, the superuser's maintenance tool (the regional team
and authority editors keep the registry on the portal's own pages: models_registry/editing,
regional/). Scoping is still one queryset filter, applied by
models_registry.admin_scoping.AuthorityScopedAdminMixin from
models_registry.permissions.editable_authorities (the rules of accounts/permissions.py), as
a second line for anyone ever made staff by hand (docs/adr/0004-roles-and-scoping.md)."""

from django import forms
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from models_registry.admin_scoping import AuthorityScopedAdminMixin
from models_registry.models import (
    Adoption,
    Contact,
    LocalAuthority,
    PracticeModel,
    PracticeTool,
    Service,
    Theme,
    Underpinning,
)
from sources.admin import CitationInline


class AdoptionInline(admin.StackedInline):
    model = Adoption
    extra = 0
    fields = ("practice_model", "role", "status", "year_started", "year_relaunched")
    autocomplete_fields = ("practice_model",)
    show_change_link = True


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0
    fields = ("practice_model", "name", "role", "email", "last_confirmed")
    autocomplete_fields = ("practice_model",)


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(AuthorityScopedAdminMixin, SimpleHistoryAdmin):
    authority_field = ""
    list_display = ("name", "slug", "gss_code", "region", "kind", "ofsted_judgement")
    list_filter = ("region", "kind", "ofsted_judgement")
    search_fields = ("name", "slug", "gss_code")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (CitationInline, AdoptionInline, ContactInline)
    fieldsets = (
        (None, {"fields": ("name", "slug", "gss_code", "region", "kind", "website")}),
        (
            "Ofsted",
            {"fields": ("ofsted_judgement", "ofsted_date", "ofsted_date_precision", "ofsted_when")},
        ),
        ("Context", {"fields": ("context",)}),
    )


@admin.register(PracticeModel)
class PracticeModelAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "slug", "kind", "table_position")
    list_filter = ("kind", "underpinnings", "tools")
    search_fields = ("name", "short_name", "slug", "overview")
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    autocomplete_fields = ("builds_on",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "table_position", "website")}),
        ("Origin", {"fields": ("developed_by", "origin_place", "origin_period", "builds_on")}),
        ("Content", {"fields": ("overview", "key_features", "underpinnings", "tools")}),
        (
            "Evaluation, funding and challenges",
            {"fields": ("evaluation", "funding_and_costs", "drivers_and_challenges")},
        ),
    )
    inlines = (CitationInline,)


@admin.register(Adoption)
class AdoptionAdmin(AuthorityScopedAdminMixin, SimpleHistoryAdmin):
    authority_field = "local_authority"
    list_display = (
        "local_authority",
        "practice_model",
        "role",
        "status",
        "year_started",
        "dfe_programme",
        "survey",
    )
    list_filter = ("role", "status", "dfe_programme", "survey", "practice_model")
    search_fields = ("local_authority__name", "practice_model__name", "notes")
    inlines = (CitationInline,)
    list_select_related = ("local_authority", "practice_model")
    autocomplete_fields = ("local_authority", "practice_model")
    # Checkboxes rather than Django's filter_horizontal widget, whose search icons carry
    # ARIA attributes their element may not have (axe aria-prohibited-attr).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


@admin.register(Contact)
class ContactAdmin(AuthorityScopedAdminMixin, SimpleHistoryAdmin):
    authority_field = "local_authority"
    list_display = ("name", "role", "local_authority", "practice_model", "last_confirmed")
    list_filter = ("practice_model", "local_authority")
    search_fields = ("name", "role", "email", "local_authority__name")
    inlines = (CitationInline,)
    list_select_related = ("local_authority", "practice_model")
    autocomplete_fields = ("local_authority", "practice_model")


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "position")
    list_filter = ("kind",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (CitationInline,)
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


@admin.register(Underpinning, PracticeTool)
class TaxonomyAdmin(SimpleHistoryAdmin):
    inlines = (CitationInline,)
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "position")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

"""Admin for the evidence library: ratings with their reason, history, and publishing drafts.

Who may see and publish what is decided in evidence.permissions, nowhere else.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from evidence import permissions, services
from evidence.models import SAMPLE_FIGURES, Evaluation, Finding, OutcomeDomain
from seslip.wording import count_of


@admin.register(OutcomeDomain)
class OutcomeDomainAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "group", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "evaluator", "year", "kind", "design", "strength", "status"]
    list_filter = ["kind", "design", "strength", "status", "source_document"]
    search_fields = ["title", "evaluator", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    # Checkboxes, not filter_horizontal: its search icons fail axe (aria-prohibited-attr).
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
        models.URLField: {"assume_scheme": "https"},
    }
    fieldsets = [
        (None, {"fields": ["title", "slug", "evaluator", "year", "publisher", "url", "summary"]}),
        ("Design", {"fields": ["kind", "design", "status", "due", "period_covered", "funder"]}),
        (
            "Sample",
            {
                "fields": [
                    "sample",
                    *(
                        field
                        for name in SAMPLE_FIGURES
                        for field in (name, f"{name}_kind", f"{name}_upper")
                    ),
                ]
            },
        ),
        (
            "Strength of evidence (docs/evidence-scale.md)",
            {"fields": ["sms_level", "strength", "strength_reason"]},
        ),
        ("Scope", {"fields": ["practice_models", "authorities"]}),
        ("Source", {"fields": ["source", "source_document", "source_section"]}),
    ]


@admin.action(description="Publish selected findings")
def publish_selected(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Finding]
) -> None:
    if not permissions.may_publish_findings(request.user):
        modeladmin.message_user(
            request, "Only a regional admin may publish findings.", messages.ERROR
        )
        return
    report = services.publish_findings(findings=queryset, user=request.user)
    modeladmin.message_user(
        request,
        f"Published {count_of(report.published, 'finding')}; "
        f"{report.already_published} already published.",
        messages.SUCCESS,
    )


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["key", "practice_model", "outcome_domain", "authority", "direction", "status"]
    list_filter = ["status", "practice_model", "outcome_domain", "direction"]
    search_fields = ["key", "statement", "measure"]
    list_select_related = ["practice_model", "outcome_domain", "authority"]
    autocomplete_fields = ["evaluation"]
    actions = [publish_selected]
    readonly_fields = ["proposed_by", "published_by", "published_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name == "source_section":
            # The model's help text names the documents by an internal word; changing it
            # needs a migration, so the form says it plainly.
            formfield.help_text = (
                "Section of the document the evaluation is read from, as it numbers itself, "
                "e.g. '§1.3.6' or \"slide 'Some findings (1)'\"."
            )
        return formfield

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.may_publish_findings(request.user):
            actions.pop("publish_selected", None)
        return actions

    def get_queryset(self, request):
        return permissions.editable_findings(request.user, super().get_queryset(request))

    # django-simple-history's history pages find the finding without get_queryset (an old
    # version of it, even): without these checks an editor read another authority's
    # drafts there.
    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or permissions.may_edit_finding(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.may_edit_finding(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.may_edit_finding(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.may_publish_findings(request.user):
            fields.append("status")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class ProposalForm(form_class):
            def clean(self):
                # The service's own rule (services.save_draft_finding enforces it), asked
                # here so that a refusal is an error on the form rather than a 403.
                cleaned = super().clean()
                candidate = Finding(authority=cleaned.get("authority"))
                if refusal := services.proposal_refusal(user=user, finding=candidate):
                    raise ValidationError(refusal)
                return cleaned

        return ProposalForm

    def save_model(self, request, obj, form, change):
        if not permissions.may_publish_findings(request.user):
            obj._history_user = request.user  # as SimpleHistoryAdmin.save_model does
            services.save_draft_finding(finding=obj, user=request.user)
            return
        if obj.status == Finding.Status.PUBLISHED and not obj.published_at:
            services.publish_finding(finding=obj, user=request.user)
            return
        super().save_model(request, obj, form, change)

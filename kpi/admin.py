"""Admin for the toolkit's definitions and cohorts, and a read-only list of submissions.

Record-level rows are not registered, and the admin site would refuse them: they never
leave the owning authority (docs/kpi-specification.md §8, seslip/admin_site.py).
"""

from django.contrib import admin

from accounts.models import AccessLog
from accounts.services import record_access
from kpi.models import Cohort, FieldDefinition, IndicatorDefinition, Submission


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "collection"]
    filter_horizontal = ["fields"]


@admin.register(FieldDefinition)
class FieldDefinitionAdmin(admin.ModelAdmin):
    list_display = ["key", "code", "name", "toolkit_kind", "input_column"]
    list_filter = ["toolkit_kind", "input_column"]
    search_fields = ["code", "name"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["authority", "name", "start", "end"]
    list_filter = ["authority"]
    list_select_related = ["authority"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Which authority filed which quarter, its status and dates; nothing about the file.

    No file name, hash, counts, timings or error report: the counts of a small cohort are
    small numbers and the report quotes the file's values, so they stay on the owning
    authority's KPI pages. Nobody adds, changes or deletes a submission here; an authority
    withdraws its own on the KPI pages. Every page that shows submissions is a read of
    their metadata and goes in the access log, one entry per authority shown.
    """

    list_display = ("authority", "quarter", "status", "uploaded_at", "superseded_at")
    list_filter = ["status", "authority"]
    list_select_related = ["authority"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if response.status_code == 200 and changelist is not None:
            shown = {submission.authority for submission in changelist.result_list}
            _log_read(request, sorted(shown, key=lambda authority: authority.name))
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        submission = getattr(response, "context_data", {}).get("original")
        if response.status_code == 200 and submission is not None:
            _log_read(request, [submission.authority])
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        submission = getattr(response, "context_data", {}).get("object")
        if response.status_code == 200 and submission is not None:
            _log_read(request, [submission.authority])
        return response


def _log_read(request, authorities) -> None:
    for authority in authorities:
        record_access(
            request=request,
            action=AccessLog.Action.VIEW_RECORDS,
            target=request.get_full_path(),
            authority=authority,
        )

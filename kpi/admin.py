"""Admin for the toolkit's definitions and cohorts, and a read-only view of submissions.

Record-level rows are not registered: they never leave the owning authority (kpi-spec §5),
and the admin site is for regional administrators.
"""

from django.contrib import admin

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
    """Status and counts only: the report quotes the file, so it stays on the KPI pages."""

    list_display = [
        "id",
        "authority",
        "quarter",
        "status",
        "row_count",
        "uploaded_at",
        "is_synthetic",
    ]
    list_filter = ["status", "authority", "is_synthetic"]
    list_select_related = ["authority"]
    fields = [
        "authority",
        "quarter",
        "status",
        "is_synthetic",
        "file_name",
        "file_format",
        "file_size",
        "sha256",
        "uploaded_at",
        "row_count",
        "family_count",
        "person_count",
        "error_count",
        "warning_count",
        "failure_message",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

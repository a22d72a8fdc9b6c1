"""The KPI app in the admin site: everything read-only.

The toolkit's fields, indicators and cohort windows are the toolkit's own data, loaded from
`kpi/definitions.py` by `load_region` (`kpi.services.toolkit`; an authority that starts
using Family Safeguarding later is given the toolkit's windows on the regional team's
pages, `/regional/cohort-windows/`): nobody configures them by hand, since a window or a
field changed here would no longer be the toolkit's, and the next load would overwrite it.
A change to them is a change to `kpi/definitions.py`, reviewed as code
(docs/kpi-ingest.md). The admin site shows them, and which authority filed which quarter,
for the superuser's maintenance.

Record-level rows are not registered, and the admin site would refuse them: they never
leave the owning authority (docs/kpi-specification.md §8, seslip/admin_site.py).
"""

from django.contrib import admin

from kpi.models import Cohort, FieldDefinition, IndicatorDefinition, Submission
from kpi.selectors import submissions_read_in_admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "collection"]
    filter_horizontal = ["fields"]


@admin.register(FieldDefinition)
class FieldDefinitionAdmin(ReadOnlyAdmin):
    list_display = ["key", "code", "name", "toolkit_kind", "input_column"]
    list_filter = ["toolkit_kind", "input_column"]
    search_fields = ["code", "name"]


@admin.register(Cohort)
class CohortAdmin(ReadOnlyAdmin):
    list_display = ["authority", "name", "start", "end"]
    list_filter = ["authority"]
    list_select_related = ["authority"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    """Which authority filed which quarter, its status and dates; nothing about the file.

    No file name, hash, counts, timings or error report: the counts of a small cohort are
    small numbers and the report quotes the file's values, so they stay on the owning
    authority's KPI pages. Nobody adds, changes or deletes a submission here; an authority
    withdraws its own on the KPI pages. Every page that shows submissions is a read of
    their metadata: it hands what it shows to `kpi.selectors.submissions_read_in_admin`,
    which writes one access-log entry per authority shown.
    """

    list_display = ("authority", "quarter", "status", "uploaded_at", "superseded_at")
    list_filter = ["status", "authority"]
    list_select_related = ["authority"]
    fields = list_display
    readonly_fields = list_display

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = _shown(response, "cl")
        if changelist is not None:
            changelist.result_list = submissions_read_in_admin(
                request=request, submissions=changelist.result_list
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        submission = _shown(response, "original")
        if submission is not None:
            submissions_read_in_admin(request=request, submissions=[submission])
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        submission = _shown(response, "object")
        if submission is not None:
            submissions_read_in_admin(request=request, submissions=[submission])
        return response


def _shown(response, name: str):
    """What a page that answered 200 shows under `name` in its context, or None."""
    if response.status_code != 200:
        return None
    return getattr(response, "context_data", {}).get(name)

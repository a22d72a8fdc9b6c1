"""The reference group in the admin site, for the superuser's maintenance (the regional
team edits it on /regional/, regional/kinds_meetings.py and kinds_events.py), with history
(django-simple-history's history pages, as the registry), and each loaded entry's
citations inline, as the registry's and the evidence library's admins do."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from network.models import (
    Action,
    Attendance,
    Decision,
    Event,
    FeedbackForm,
    FeedbackQuestion,
    Meeting,
    Member,
    MinuteSection,
    ReferenceGroup,
    Resource,
    Session,
    WorkshopRun,
)
from sources.admin import CitationInline


@admin.register(ReferenceGroup)
class ReferenceGroupAdmin(SimpleHistoryAdmin):
    inlines = (CitationInline,)
    list_display = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    inlines = (CitationInline,)
    list_display = ("name", "role", "local_authority", "organisation")
    list_filter = ("role", "local_authority")
    search_fields = ("name",)


class AttendanceInline(admin.StackedInline):
    model = Attendance
    extra = 0


class MinuteSectionInline(admin.StackedInline):
    model = MinuteSection
    extra = 0


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "date")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (CitationInline, AttendanceInline, MinuteSectionInline, DecisionInline)


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    inlines = (CitationInline,)
    list_display = ("__str__", "meeting", "due_date", "due_precision", "status")
    list_filter = ("status", "meeting")
    filter_horizontal = ("owners",)


class SessionInline(admin.StackedInline):
    model = Session
    extra = 0
    filter_horizontal = ("presenting_authorities",)


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("title", "date", "status")
    list_filter = ("status",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = (CitationInline, SessionInline)


@admin.register(WorkshopRun)
class WorkshopRunAdmin(SimpleHistoryAdmin):
    inlines = (CitationInline,)
    list_display = ("__str__", "capacity")


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    inlines = (CitationInline,)
    list_display = ("title", "kind")
    list_filter = ("kind",)
    filter_horizontal = ("practice_models", "authorities")


class FeedbackQuestionInline(admin.StackedInline):
    model = FeedbackQuestion
    extra = 1


@admin.register(FeedbackForm)
class FeedbackFormAdmin(SimpleHistoryAdmin):
    list_display = ("title", "event", "meeting", "is_open")
    inlines = (FeedbackQuestionInline,)

"""The reference group's side of the network app on the regional team's pages: the group,
its members, meetings, each meeting's minute sections, decisions and attendance, and the
actions tracker. A meeting's rows are kinds of their own, whose meeting is chosen on the
question page, or preselected by the links from the meeting ("Add a decision to this
meeting": `?meeting=<pk>`)."""

from django.urls import reverse

from network.models import (
    Action,
    Attendance,
    Decision,
    Meeting,
    Member,
    MinuteSection,
    ReferenceGroup,
)
from regional import forms_meetings as forms
from regional.entry_kind import ChildLink, EntryKind


def _meeting_page(meeting: Meeting, part: str = "") -> str:
    url = reverse("network:meeting-detail", kwargs={"slug": meeting.slug})
    return f"{url}#{part}" if part else url


_GROUP_CHILDREN = (
    ChildLink("members", "group", "Add a member to this group"),
    ChildLink("meetings", "group", "Add a meeting of this group"),
)

_MEETING_CHILDREN = (
    ChildLink("minute-sections", "meeting", "Add a minute section to this meeting"),
    ChildLink("decisions", "meeting", "Add a decision to this meeting"),
    ChildLink("attendance", "meeting", "Add a record of attendance to this meeting"),
    ChildLink("actions", "meeting", "Add an action to this meeting"),
)


MEETING_KINDS: tuple[EntryKind, ...] = (
    EntryKind(
        slug="groups",
        model=ReferenceGroup,
        form=forms.ReferenceGroupForm,
        singular="reference group",
        plural="Reference groups",
        cited=True,
        public_url=lambda entry: reverse("network:group"),
        label=str,
        ordering=("name",),
        children=_GROUP_CHILDREN,
    ),
    EntryKind(
        slug="members",
        model=Member,
        form=forms.MemberForm,
        singular="member",
        plural="Reference group members",
        cited=True,
        public_url=lambda entry: reverse("network:group") + "#members",
        label=str,
        ordering=("name", "pk"),
        select_related=("local_authority",),
        parent="group",
    ),
    EntryKind(
        slug="meetings",
        model=Meeting,
        form=forms.MeetingForm,
        singular="meeting",
        plural="Meetings",
        cited=True,
        public_url=_meeting_page,
        label=str,
        ordering=("-date", "title"),
        parent="group",
        children=_MEETING_CHILDREN,
    ),
    EntryKind(
        slug="minute-sections",
        model=MinuteSection,
        form=forms.MinuteSectionForm,
        singular="minute section",
        plural="Minute sections",
        cited=True,
        public_url=lambda entry: _meeting_page(entry.meeting),
        label=lambda entry: f"{entry.meeting}: section {entry}",
        ordering=("-meeting__date", "meeting__title", "number"),
        select_related=("meeting",),
        parent="meeting",
    ),
    EntryKind(
        slug="decisions",
        model=Decision,
        form=forms.DecisionForm,
        singular="decision",
        plural="Decisions",
        cited=True,
        public_url=lambda entry: _meeting_page(entry.meeting, "decisions"),
        label=lambda entry: f"{entry.meeting}: decision {entry.position}, {entry}",
        ordering=("-meeting__date", "meeting__title", "position"),
        select_related=("meeting",),
        parent="meeting",
    ),
    EntryKind(
        slug="attendance",
        model=Attendance,
        form=forms.AttendanceForm,
        singular="record of attendance",
        plural="Attendance at meetings",
        cited=True,
        public_url=lambda entry: _meeting_page(entry.meeting, "attendance"),
        label=lambda entry: f"{entry.meeting}: {entry}",
        ordering=("-meeting__date", "meeting__title", "kind", "position"),
        select_related=("meeting", "member"),
        parent="meeting",
    ),
    EntryKind(
        slug="actions",
        model=Action,
        form=forms.ActionForm,
        singular="tracked action",
        plural="Actions",
        cited=True,
        public_url=lambda entry: _meeting_page(entry.meeting, "actions"),
        label=lambda entry: f"{entry.meeting}: {entry}",
        ordering=("-meeting__date", "meeting__title", "number"),
        select_related=("meeting",),
        parent="meeting",
    ),
)

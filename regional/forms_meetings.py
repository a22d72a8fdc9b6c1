"""The regional team's question pages for the reference group (network/models/group.py):
the group, its members, meetings with their minute sections, decisions and attendance,
and the actions tracker. Each change cites the document it comes from, as the registry's
pages do (regional.forms.CitedEntryForm).

The database's rules (one section per number in a meeting, a meeting ending after it
starts, …) are checked here first, so that breaking one is an error on the field, never
a database error."""

from django import forms

from models_registry.models import LocalAuthority
from network.models import (
    Action,
    Attendance,
    Decision,
    DuePrecision,
    Meeting,
    Member,
    MinuteSection,
    ReferenceGroup,
)
from regional.forms import CitedEntryForm

TIME_HELP = "In 24-hour time, for example 10:00 or 14:30. Leave empty when not recorded."


class NetworkEntryForm(CitedEntryForm):
    """Choice lists of the reference group's own records, in a readable order, with
    errors that say what to choose."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = {
            "group": (ReferenceGroup.objects.order_by("name"), "reference group"),
            "meeting": (Meeting.objects.select_related("group").order_by("-date"), "meeting"),
            "member": (Member.objects.select_related("local_authority").order_by("name"), "member"),
            "local_authority": (LocalAuthority.objects.order_by("name"), "local authority"),
        }
        for name, (queryset, noun) in lists.items():
            field = self.fields.get(name)
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = queryset
                field.error_messages["required"] = f"Choose the {noun}"
                field.error_messages["invalid_choice"] = f"Choose a {noun} from the list"

    def refuse_duplicate(self, fields: tuple[str, ...], error_field: str, message: str) -> None:
        """One entry per value of `fields` (the model's unique constraint): another entry
        with the same values is an error on `error_field`."""
        values = {name: self.cleaned_data.get(name) for name in fields}
        if any(value in (None, "") for value in values.values()) or self.has_error(error_field):
            return
        model = self._meta.model
        others = model._default_manager.filter(**values)
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            self.add_error(error_field, message)


class ReferenceGroupForm(NetworkEntryForm):
    class Meta:
        model = ReferenceGroup
        fields = ["name", "slug", "purpose"]
        labels = {"slug": "Short name for web addresses"}
        help_texts = {"slug": "Lower-case letters, numbers and hyphens."}


class MemberForm(NetworkEntryForm):
    class Meta:
        model = Member
        fields = [
            "group", "name", "role", "local_authority", "organisation", "job_title", "note"
        ]  # fmt: skip
        labels = {"group": "Reference group"}

    def clean(self):
        cleaned = super().clean()
        self.refuse_duplicate(
            ("group", "name"), "name", "The group already has a member with this name"
        )
        unaffiliated = not cleaned.get("local_authority") and not self.has_error("local_authority")
        if unaffiliated and not (cleaned.get("organisation") or "").strip():
            self.add_error(
                "organisation", "Enter the member's organisation, or choose their local authority"
            )
        return cleaned


class MeetingForm(NetworkEntryForm):
    class Meta:
        model = Meeting
        fields = [
            "group", "title", "slug", "date", "starts_at", "ends_at", "location", "purpose"
        ]  # fmt: skip
        labels = {
            "group": "Reference group",
            "slug": "Short name for web addresses",
            "starts_at": "Start time",
            "ends_at": "End time",
        }
        help_texts = {
            "slug": "Lower-case letters, numbers and hyphens, for example 2027-03-04.",
            "date": "For example 2027-03-04.",
            "starts_at": TIME_HELP,
            "ends_at": TIME_HELP,
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends_at", "The end time must be after the start time")
        return cleaned


class MinuteSectionForm(NetworkEntryForm):
    class Meta:
        model = MinuteSection
        fields = ["meeting", "number", "heading", "body"]
        labels = {"number": "Section number", "body": "Summary"}
        help_texts = {
            "number": "As the minutes number it.",
            "body": "In our words. Separate paragraphs with a blank line.",
        }

    def clean(self):
        cleaned = super().clean()
        self.refuse_duplicate(
            ("meeting", "number"), "number", "The meeting already has a section with this number"
        )
        return cleaned


class DecisionForm(NetworkEntryForm):
    class Meta:
        model = Decision
        fields = ["meeting", "position", "text"]
        labels = {"position": "Number", "text": "Decision"}
        help_texts = {
            "position": "Where the decision comes in the meeting's list: 1 for the first."
        }

    def clean(self):
        cleaned = super().clean()
        self.refuse_duplicate(
            ("meeting", "position"),
            "position",
            "The meeting already has a decision with this number",
        )
        return cleaned


class AttendanceForm(NetworkEntryForm):
    class Meta:
        model = Attendance
        fields = ["meeting", "member", "kind", "listed_as", "position", "note"]
        labels = {"kind": "Attended or sent apologies", "position": "Place in the list"}
        help_texts = {"position": "Where the minutes list the member: 1 for the first."}
        widgets = {"kind": forms.RadioSelect}

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        shown = dict(Attendance.Kind.choices).get(kind, "").lower()
        self.refuse_duplicate(
            ("meeting", "member", "kind"),
            "member",
            f"The member is already listed for this meeting as “{shown}”",
        )
        return cleaned


class ActionForm(NetworkEntryForm):
    class Meta:
        model = Action
        fields = [
            "meeting", "number", "description", "owners", "owner_note", "due_date",
            "due_precision", "status", "status_note",
        ]  # fmt: skip
        labels = {"due_precision": "How precise is the due date?"}
        help_texts = {
            "due_date": "For example 2027-03-04. For “early March” or “March”, give the "
            "first day of the month, for example 2027-03-01."
        }
        widgets = {"due_precision": forms.RadioSelect, "status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owners = self.fields["owners"]
        assert isinstance(owners, forms.ModelMultipleChoiceField)
        owners.queryset = Member.objects.select_related("local_authority").order_by("name")
        for code in ("invalid_choice", "invalid_pk_value", "invalid_list"):
            owners.error_messages[code] = "Choose the owners from the list"

    def clean(self):
        cleaned = super().clean()
        self.refuse_duplicate(
            ("meeting", "number"), "number", "The meeting already has an action with this number"
        )
        due, precision = cleaned.get("due_date"), cleaned.get("due_precision")
        if due is not None and precision not in (None, DuePrecision.DAY) and due.day != 1:
            self.add_error(
                "due_date",
                "Give the first day of the month when the due date is a month, not a day",
            )
        return cleaned

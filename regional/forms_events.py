"""The regional team's question pages for the events side of the reference group: events
and their programme (sessions, workshop runs), resources, and feedback forms with their
questions. Each keeps the rules the booking and feedback services rely on, as form errors
rather than a failed save (network/services.py)."""

from django import forms
from django.db.models import Count, Max

from network.models import (
    Booking,
    Event,
    FeedbackForm,
    FeedbackQuestion,
    Meeting,
    Resource,
    Session,
    WorkshopPlace,
    WorkshopRun,
)
from regional.forms import CitedEntryForm, EntryForm

YES_NO = [("True", "Yes"), ("False", "No")]
SLUG_HINT = "Used in the page's address: lower-case letters, numbers and hyphens."


class YesNoMixin:
    """Yes/No questions as GOV.UK radios, not a lone checkbox: the model's booleans named in
    `yes_no` (label, hint) are asked as "Yes" or "No" and saved as True or False."""

    yes_no: dict[str, tuple[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, hint) in self.yes_no.items():
            self.fields[name] = forms.TypedChoiceField(
                choices=YES_NO,
                coerce=lambda value: value == "True",
                widget=forms.RadioSelect,
                label=label,
                help_text=hint,
                error_messages={"required": f"Choose yes or no: {label[0].lower()}{label[1:]}"},
            )
            self.initial[name] = str(bool(getattr(self.instance, name)))


class EventForm(YesNoMixin, CitedEntryForm):
    yes_no: dict[str, tuple[str, str]] = {}

    class Meta:
        model = Event
        fields = [
            "title", "slug", "group", "planned_at", "date", "starts_at", "ends_at", "venue",
            "aim", "status", "status_note", "places_per_authority", "costs_note",
            "bookings_administered_by", "bookings_note",
        ]  # fmt: skip
        help_texts = {
            "slug": SLUG_HINT,
            "date": "For example, 2027-03-04 (year, month, day).",
            "starts_at": "For example, 09:30. Leave empty when not known.",
            "ends_at": "For example, 16:00. Leave empty when not known.",
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The end time must be after the start time")
        allowance = cleaned.get("places_per_authority")
        if allowance is not None and self.instance.pk is not None:
            most = (
                Booking.objects.filter(event=self.instance, status=Booking.Status.CONFIRMED)
                .values("local_authority")
                .annotate(places=Count("pk"))
                .aggregate(most=Max("places"))["most"]
                or 0
            )
            if allowance < most:
                self.add_error(
                    "places_per_authority",
                    f"An authority already has {most} confirmed places at this event: the "
                    f"allowance cannot be fewer than {most}",
                )
        return cleaned


class SessionForm(YesNoMixin, CitedEntryForm):
    yes_no = {"tentative": ("Is this session only possible, not agreed?", "")}

    class Meta:
        model = Session
        fields = [
            "event", "title", "slug", "kind", "part", "position", "duration_minutes",
            "practice_model", "presenting_authorities", "presenter_note", "brief", "tentative",
            "note",
        ]  # fmt: skip
        labels = {"event": "Which event is it part of?"}
        help_texts = {
            "slug": SLUG_HINT + " Unique within the event.",
            "brief": "What the presenters were asked to cover, one point a line.",
        }
        widgets = {"kind": forms.RadioSelect, "part": forms.RadioSelect}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        runs = self.instance.runs.all()
        if "kind" in self.changed_data and runs.exists():
            self.add_error("kind", "This workshop has runs: it stays a workshop")
        live = WorkshopPlace.objects.filter(run__session=self.instance).exclude(
            status=WorkshopPlace.Status.CANCELLED
        )
        if "event" in self.changed_data and live.exists():
            self.add_error(
                "event", "People have places in this workshop: it cannot move to another event"
            )
        return cleaned


class WorkshopSessionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.event.title})"


class WorkshopRunForm(CitedEntryForm):
    class Meta:
        model = WorkshopRun
        fields = ["session", "number", "capacity"]
        field_classes = {"session": WorkshopSessionChoice}
        labels = {"session": "Which workshop is it a run of?", "number": "Run number"}
        help_texts = {"number": "1 for the first run, 2 for the second."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (
            Session.objects.filter(kind=Session.Kind.WORKSHOP)
            .select_related("event")
            .order_by("-event__date", "position")
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        confirmed = self.instance.places.filter(status=WorkshopPlace.Status.CONFIRMED).count()
        capacity = cleaned.get("capacity")
        if capacity is not None and capacity < confirmed:
            self.add_error(
                "capacity",
                f"{confirmed} people have confirmed places in this run: the capacity cannot "
                f"be fewer than {confirmed}",
            )
        if "session" in self.changed_data and self.instance.places.exists():
            self.add_error("session", "People have places in this run: it stays in its workshop")
        return cleaned


class ResourceForm(CitedEntryForm):
    class Meta:
        model = Resource
        fields = [
            "title", "slug", "kind", "url", "description", "practice_models", "authorities",
            "position",
        ]  # fmt: skip
        help_texts = {
            "slug": SLUG_HINT,
            "position": "Resources are listed by this number, then by title.",
        }


class FeedbackSubjectChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class FeedbackFormEntryForm(YesNoMixin, EntryForm):
    yes_no = {
        "is_open": ("Is the form open for answers?", "Add its questions before you open it."),
        "allow_anonymous": ("May people answer anonymously?", ""),
    }

    class Meta:
        model = FeedbackForm
        fields = ["title", "event", "meeting", "is_open", "allow_anonymous"]
        labels = {"event": "Which event is it for?", "meeting": "Or which meeting is it for?"}
        help_texts = {"meeting": "Choose an event or a meeting, not both."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.order_by("-date")

    def clean(self):
        cleaned = super().clean()
        event, meeting = cleaned.get("event"), cleaned.get("meeting")
        if "event" not in self.errors and "meeting" not in self.errors:
            if event is None and meeting is None:
                self.add_error("event", "Choose the event or the meeting the form is for")
            elif event is not None and meeting is not None:
                self.add_error("meeting", "Choose an event or a meeting, not both")
        has_questions = self.instance.pk is not None and self.instance.questions.exists()
        if cleaned.get("is_open") and not has_questions:
            self.add_error("is_open", "Add at least one question before you open the form")
        return cleaned


class FeedbackFormChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.subject})"


class FeedbackQuestionForm(YesNoMixin, EntryForm):
    yes_no = {"required": ("Must people answer it?", "")}

    class Meta:
        model = FeedbackQuestion
        fields = ["form", "position", "text", "kind", "required"]
        field_classes = {"form": FeedbackFormChoice}
        labels = {
            "form": "Which feedback form is it on?",
            "text": "Question",
            "kind": "How do people answer?",
        }
        help_texts = {"position": "Questions are asked in this order: 1 first."}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = FeedbackForm.objects.select_related("event", "meeting")

    def clean(self):
        cleaned = super().clean()
        feedback_form = cleaned.get("form")
        answered = self.instance.pk is not None and self.instance.answers.exists()
        if answered and "kind" in self.changed_data:
            self.add_error("kind", "People have answered this question: its kind stays")
        if answered and "form" in self.changed_data:
            self.add_error("form", "People have answered this question: it stays on its form")
        was_required = self.instance.pk is not None and self.instance.required
        if (
            feedback_form is not None
            and cleaned.get("required")
            and not was_required
            and feedback_form.responses.exists()
        ):
            self.add_error(
                "required",
                "People have already answered this form: a question they did not answer "
                "cannot be required",
            )
        return cleaned

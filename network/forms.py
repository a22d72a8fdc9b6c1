"""Booking and feedback forms."""

from django import forms
from django.http import QueryDict

from models_registry.models import LocalAuthority
from network.models import FeedbackQuestion, WorkshopRun
from network.selectors import RunLoad
from seslip.wording import count_of


class AuthorityChoiceForm(forms.Form):
    """A regional admin books for any authority; an editor's is fixed."""

    authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.none(),
        to_field_name="slug",
        label="Authority",
        empty_label="Choose an authority",
        error_messages={"required": "Choose the authority the places are for"},
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities


def _run_label(load: RunLoad) -> str:
    label = load.run.session.title.removesuffix(": workshop")
    if load.places_left == 0:
        return f"{label} (full: waiting list)"
    if load.places_left is not None:
        return f"{label} ({count_of(load.places_left, 'place')} left)"
    return label


class AttendeeForm(forms.Form):
    """One attendee: name, email and a workshop for each run. Left empty, it books nothing."""

    name = forms.CharField(label="Full name", max_length=120, required=False)
    email = forms.EmailField(label="Email address", required=False)

    def __init__(self, *args, run_loads: list[RunLoad], **kwargs):
        super().__init__(*args, **kwargs)
        self.runs_by_pk: dict[int, WorkshopRun] = {load.run.pk: load.run for load in run_loads}
        numbers = sorted({load.run.number for load in run_loads})
        for number in numbers:
            choices = [("", "No workshop")] + [
                (str(load.run.pk), _run_label(load))
                for load in run_loads
                if load.run.number == number
            ]
            self.fields[f"run_{number}"] = forms.ChoiceField(
                label=f"Workshop, run {number}", choices=choices, required=False
            )

    @property
    def is_empty(self) -> bool:
        data = self.cleaned_data
        return not data.get("name") and not data.get("email")

    def clean(self):
        data = super().clean()
        chosen_runs = [key for key in data if key.startswith("run_") and data[key]]
        if not data.get("name") and not data.get("email"):
            if chosen_runs:
                raise forms.ValidationError("Enter the attendee's name and email address")
            return data
        if not data.get("name"):
            self.add_error("name", "Enter the attendee's full name")
        if not data.get("email"):
            self.add_error("email", "Enter the attendee's email address")
        return data

    def chosen_runs(self) -> tuple[WorkshopRun, ...]:
        return tuple(
            self.runs_by_pk[int(value)]
            for key, value in self.cleaned_data.items()
            if key.startswith("run_") and value
        )


def attendee_forms(
    data: QueryDict | None, *, count: int, run_loads: list[RunLoad]
) -> list[AttendeeForm]:
    return [
        AttendeeForm(data, prefix=f"attendee-{index}", run_loads=run_loads)
        for index in range(1, count + 1)
    ]


class FeedbackResponseForm(forms.Form):
    """The questions a regional admin set, and whether to answer anonymously."""

    def __init__(self, *args, questions: list[FeedbackQuestion], allow_anonymous: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == FeedbackQuestion.Kind.RATING:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[("", "No answer")] + [(str(n), str(n)) for n in range(1, 6)],
                    coerce=int,
                    empty_value=None,
                    required=question.required,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    widget=forms.Textarea,
                    max_length=5000,
                    required=question.required,
                )
        if allow_anonymous:
            self.fields["anonymous"] = forms.BooleanField(
                label="Answer anonymously (your name is not kept with your answers)",
                required=False,
            )

    def answers(self) -> dict[int, int | str | None]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

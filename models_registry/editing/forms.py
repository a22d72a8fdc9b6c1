"""The question pages' forms: one a section (sections.py), each asking what changes and
where the change comes from."""

from typing import Any, cast

from django import forms

from models_registry.editing.dates import HINT, InspectionDateError, parse_inspection_date
from models_registry.editing.sections import CONTACT, MODEL, NOTES, OFSTED, OVERVIEW, Section
from models_registry.models import (
    Adoption,
    Contact,
    LocalAuthority,
    PracticeModel,
    Service,
)
from seslip.admin_inputs import ReadableModelMultipleChoiceField
from sources.models import Source

FROM_SOURCE = "source"
FROM_AUTHORITY = "authority"
YEAR_MIN, YEAR_MAX = 1990, 2100
# The longest context or notes text (docs/input-limits.md); the model fields are unbounded.
TEXT_MAX = 5_000


class EditForm(forms.ModelForm):
    """A section's fields, then where the change comes from: a document of the sources
    catalogue and the place in it, or the authority's own statement."""

    section: Section
    #: A form that adds a row: its answers are all new, so none need to differ.
    adds = False

    provenance = forms.ChoiceField(
        label="Where does this change come from?",
        choices=[
            (FROM_SOURCE, "A document in the sources catalogue"),
            (FROM_AUTHORITY, "Stated by the authority (shown as the authority's own report)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select where this change comes from"},
    )
    source = forms.ModelChoiceField(
        label="Document",
        queryset=Source.objects.order_by("title", "description"),
        to_field_name="key",
        required=False,
        empty_label="Choose a document",
        help_text="Only if the change comes from a document.",
        error_messages={"invalid_choice": "Select a document from the list"},
    )
    locator = forms.CharField(
        label="Where in the document",
        max_length=200,
        required=False,
        help_text="As the document numbers itself: a section, page or paragraph, e.g. '§6' "
        "or 'p 12'.",
    )

    PROVENANCE_FIELDS = ("provenance", "source", "locator")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("provenance") == FROM_SOURCE:
            if not cleaned.get("source") and "source" not in self.errors:
                self.add_error("source", "Select the document the change comes from")
            if not cleaned.get("locator") and "locator" not in self.errors:
                self.add_error("locator", "Enter where in the document the change comes from")
        if not self.adds and not self.changed_answers() and not self.errors:
            raise forms.ValidationError("Change at least one answer, or go back without saving")
        return cleaned

    def changed_answers(self) -> list[str]:
        return [name for name in self.section.fields if name in self.changed_data]

    def changes(self) -> dict[str, Any]:
        """{field: new value} for every field of the section (the service saves the ones
        that differ)."""
        return {name: self.cleaned_data[name] for name in self.section.fields}


def _year(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "invalid": f"{label} must be a year, like 2017",
            "min_value": f"{label} must be {YEAR_MIN} or later",
            "max_value": f"{label} must be {YEAR_MAX} or earlier",
        },
    )


def _text(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        error_messages={"max_length": f"{label} must be {TEXT_MAX:,} characters or fewer"},
    )


class OverviewForm(EditForm):
    section = OVERVIEW
    context = _text("Context", "What a reader should know about the authority, in plain text.")

    class Meta:
        model = LocalAuthority
        fields = list(OVERVIEW.fields)
        error_messages = {"website": {"invalid": "Enter a web address, like https://example.org"}}


class InspectionDateField(forms.CharField):
    """A date as precise as the person knows it (editing/dates.py): cleaned to a
    `PreciseDate` or None, and unchanged when it names the same date in other words."""

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        try:
            return parse_inspection_date(text)
        except InspectionDateError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return parse_inspection_date(initial or "") != parse_inspection_date(data or "")
        except InspectionDateError:
            return True


class OfstedForm(EditForm):
    section = OFSTED
    ofsted_date = InspectionDateField(
        label="Date of the inspection", help_text=HINT, required=False
    )

    class Meta:
        model = LocalAuthority
        # The date is the form's own field, saved with its precision by the service.
        fields = ["ofsted_judgement", "ofsted_when"]
        labels = {
            "ofsted_judgement": "Ofsted judgement",
            "ofsted_when": "The inspection, as its report names it (optional)",
        }
        help_texts = {"ofsted_when": "For example, 'ILACS inspection, June 2019'."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        judgement = cast(forms.ChoiceField, self.fields["ofsted_judgement"])
        judgement.choices = [("", "Not known"), *LocalAuthority.OfstedJudgement.choices]
        dated = self.instance.ofsted_dated
        self.initial["ofsted_date"] = str(dated) if dated is not None else ""
        self.order_fields(OFSTED.fields)


class AdoptionForm(EditForm):
    section = MODEL

    year_started = _year("Year started")
    year_relaunched = _year("Year relaunched")
    # An id no service can have (text, a number beyond any key) is refused as not one of
    # the choices before the query, where SQLite would fail on it (the form fuzz found it).
    services = ReadableModelMultipleChoiceField(
        label="Services using the model",
        queryset=Service.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "Select services from the list",
            "invalid_pk_value": "Select services from the list",
        },
    )
    dfe_amount = forms.DecimalField(
        label="DfE funding amount (£)",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=0,
        error_messages={"invalid": "Enter the amount in whole pounds, like 1900000"},
    )
    dfe_year = _year("DfE funding year")

    class Meta:
        model = Adoption
        fields = list(MODEL.fields)
        labels = {"started_note": "More precise start (optional)"}
        help_texts = {"started_note": "For example, 'October 2017'."}


class NotesForm(EditForm):
    section = NOTES
    notes = _text("Notes", "Anything a reader should know about how the model is used.")

    class Meta:
        model = Adoption
        fields = list(NOTES.fields)


class ContactForm(EditForm):
    section = CONTACT

    class Meta:
        model = Contact
        fields = list(CONTACT.fields)
        labels = {"name": "Full name", "role": "Job title", "email": "Email address"}
        error_messages = {
            "name": {"required": "Enter the contact's full name"},
            "email": {"invalid": "Enter an email address, like name@example.org"},
        }


def _practice_model(label: str, queryset) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        empty_label="Choose a practice model",
        error_messages={
            "required": "Select the practice model",
            "invalid_choice": "Select a practice model from the list",
        },
    )


class NewAdoptionForm(AdoptionForm):
    """Add a model the authority uses: which model (one it does not use yet), then the
    questions of the 'Model used' section."""

    adds = True

    class Meta(AdoptionForm.Meta):
        fields = ["practice_model", *MODEL.fields]

    def __init__(self, *args: Any, authority: LocalAuthority, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Adoption(local_authority=authority))
        super().__init__(*args, **kwargs)
        self.fields["practice_model"] = _practice_model(
            "Practice model",
            PracticeModel.objects.exclude(adoptions__local_authority=authority).order_by("name"),
        )
        self.fields["practice_model"].error_messages["invalid_choice"] = (
            f"Select a practice model {authority.name} does not use yet"
        )
        self.order_fields(["practice_model"])

    def changes(self) -> dict[str, Any]:
        return {"practice_model": self.cleaned_data["practice_model"], **super().changes()}


class NewContactForm(ContactForm):
    """Add a contact: which practice model they are the contact for, then their name, job
    title and email address."""

    adds = True

    class Meta(ContactForm.Meta):
        fields = ["practice_model", *CONTACT.fields]

    def __init__(self, *args: Any, authority: LocalAuthority, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Contact(local_authority=authority))
        super().__init__(*args, **kwargs)
        self.authority = authority
        self.fields["practice_model"] = _practice_model(
            "Contact for which practice model", PracticeModel.objects.order_by("name")
        )
        self.order_fields(["practice_model"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        model, name = cleaned.get("practice_model"), cleaned.get("name")
        taken = Contact.objects.filter(
            local_authority=self.authority, practice_model=model, name=name
        )
        if model is not None and name and taken.exists():
            self.add_error("name", f"{name} is already a contact for {model.name}")
        return cleaned

    def changes(self) -> dict[str, Any]:
        return {"practice_model": self.cleaned_data["practice_model"], **super().changes()}


#: The forms that add a row, by what the pages call the kind of row.
ADD_FORMS: dict[str, type[NewAdoptionForm] | type[NewContactForm]] = {
    "model": NewAdoptionForm,
    "contact": NewContactForm,
}

FORMS: dict[str, type[EditForm]] = {
    OVERVIEW.key: OverviewForm,
    OFSTED.key: OfstedForm,
    MODEL.key: AdoptionForm,
    NOTES.key: NotesForm,
    CONTACT.key: ContactForm,
}

"""Forms for returning the aggregate-submitted indicators (docs/kpi-specification.md §7)."""

from django import forms

from kpi.forms import AuthorityQuarterForm
from kpi.measures.definition import MeasureDefinition
from kpi.measures.returned import RETURNED_MEASURES
from kpi.returns.figures import MAX_BYTES, MAX_TEXT, Figure, FigureError, read_people, read_value


class FigureField(forms.CharField):
    """One measure's figure, read by the same rule as the CSV (kpi.returns.figures.read_value)."""

    def __init__(self, *, measure: MeasureDefinition, **kwargs):
        self.measure = measure
        super().__init__(required=False, max_length=MAX_TEXT, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return read_value(self.measure, text)
        except FigureError as error:
            raise forms.ValidationError(str(error)) from error


class PeopleField(forms.CharField):
    """How many people a figure rests on (kpi.returns.figures.read_people)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=MAX_TEXT, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return read_people(text)
        except FigureError as error:
            raise forms.ValidationError(str(error)) from error


class AggregateForm(AuthorityQuarterForm):
    """One optional number per measure; blank means not returned this quarter. Each is
    checked by the same rules as a CSV of figures (kpi/returns/)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for measure in RETURNED_MEASURES:
            self.fields[measure.key] = FigureField(measure=measure, label=measure.label)
            if measure.asks_for_people:
                self.fields[f"{measure.key}__people"] = PeopleField(
                    label=f"{measure.people_label} (how many it rests on)"
                )

    def clean(self):
        cleaned = super().clean()
        if not self.figures() and not self.errors:
            raise forms.ValidationError("Enter at least one figure")
        return cleaned

    def figures(self) -> list[Figure]:
        out = []
        for measure in RETURNED_MEASURES:
            value = self.cleaned_data.get(measure.key)
            if value is None:
                continue
            people = self.cleaned_data.get(f"{measure.key}__people")
            out.append(Figure(measure.key, value, people))
        return out

    def grouped_fields(self) -> list[tuple[int, list]]:
        """The measure fields by indicator, for one fieldset each."""
        groups: dict[int, list] = {}
        for measure in RETURNED_MEASURES:
            fields = groups.setdefault(measure.indicator, [])
            fields.append(self[measure.key])
            if measure.asks_for_people:
                fields.append(self[f"{measure.key}__people"])
        return list(groups.items())


class AggregateUploadForm(AuthorityQuarterForm):
    file = forms.FileField(
        label="CSV file of figures",
        help_text="Columns measure, value and (optionally) people; one row per measure.",
        error_messages={"required": "Select the CSV file to upload"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 1 MB")
        return upload

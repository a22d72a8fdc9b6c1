"""Forms for returning the aggregate-submitted indicators (docs/kpi-specification.md §7)."""

from django import forms

from kpi.aggregates import (
    AGGREGATE_MEASURES,
    MAX_BYTES,
    MAX_TEXT,
    AggregateMeasure,
    Figure,
    FigureError,
    read_people,
    read_value,
)
from kpi.forms import AuthorityQuarterForm


class FigureField(forms.CharField):
    """One measure's figure, read by the same rule as the CSV (kpi.aggregates.read_value)."""

    def __init__(self, *, measure: AggregateMeasure, **kwargs):
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
    """How many people a figure rests on (kpi.aggregates.read_people)."""

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
    checked by the same rules as a CSV of figures (kpi/aggregates.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for measure in AGGREGATE_MEASURES:
            self.fields[measure.name] = FigureField(measure=measure, label=measure.label)
            if measure.asks_for_people:
                self.fields[f"{measure.name}__people"] = PeopleField(
                    label=f"{measure.people_label} (how many it rests on)"
                )

    def clean(self):
        cleaned = super().clean()
        if not self.figures() and not self.errors:
            raise forms.ValidationError("Enter at least one figure")
        return cleaned

    def figures(self) -> list[Figure]:
        out = []
        for measure in AGGREGATE_MEASURES:
            value = self.cleaned_data.get(measure.name)
            if value is None:
                continue
            people = self.cleaned_data.get(f"{measure.name}__people")
            out.append(Figure(measure.name, value, people))
        return out

    def grouped_fields(self) -> list[tuple[int, list]]:
        """The measure fields by indicator, for one fieldset each."""
        groups: dict[int, list] = {}
        for measure in AGGREGATE_MEASURES:
            fields = groups.setdefault(measure.indicator, [])
            fields.append(self[measure.name])
            if measure.asks_for_people:
                fields.append(self[f"{measure.name}__people"])
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

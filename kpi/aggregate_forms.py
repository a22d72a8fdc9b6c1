"""Forms for returning the aggregate-submitted indicators (kpi-spec §4)."""

from django import forms

from kpi.aggregates import AGGREGATE_MEASURES, MAX_BYTES, Figure
from kpi.forms import AuthorityQuarterForm


class AggregateForm(AuthorityQuarterForm):
    """One optional number per measure; blank means not returned this quarter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for measure in AGGREGATE_MEASURES:
            # Django %-formats error messages: a label's "(%)" must be escaped.
            name = measure.label.replace("%", "%%")
            self.fields[measure.name] = forms.DecimalField(
                label=measure.label,
                required=False,
                min_value=0,
                max_value=100 if measure.kind == "percentage" else None,
                decimal_places=None if measure.kind != "count" else 0,
                error_messages={
                    "invalid": f"{name} must be a number",
                    "min_value": f"{name} cannot be negative",
                    "max_value": f"{name} must be 100 or less",
                    "max_decimal_places": f"{name} must be a whole number",
                },
            )
            if measure.asks_for_people:
                self.fields[f"{measure.name}__people"] = forms.IntegerField(
                    label=f"{measure.people_label} (how many it rests on)",
                    required=False,
                    min_value=0,
                    error_messages={
                        "invalid": "Enter a whole number of people",
                        "min_value": "The number of people cannot be negative",
                    },
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
            out.append(Figure(measure.name, float(value), people))
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

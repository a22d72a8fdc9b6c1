"""The regional team's question pages: one form per kind of entry, each with the citation
its change comes from (a document of the sources catalogue and the place in it) and the
version of the entry it was opened on (seslip.locking)."""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxLengthValidator
from django.db import models

from evidence.models import Evaluation, Finding, FindingReview
from models_registry.models import PracticeModel, Theme
from seslip.admin_inputs import ReadableModelMultipleChoiceField
from sources.forms import CitationFields
from sources.models import Source

#: Longest text a question page accepts in an unlimited text field (a long overview is
#: about 5,000 characters); more is an error on the field (docs/input-limits.md).
TEXT_MAX = 20_000


class EntryForm(forms.ModelForm):
    """What every question page has: the version it was opened on, checkboxes for links to
    many, and a length limit on unlimited text."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            model_field = self._model_field(name)
            if isinstance(model_field, models.TextField):
                field.validators.append(MaxLengthValidator(TEXT_MAX))
            if isinstance(field, forms.ModelMultipleChoiceField):
                # The same field, refusing an id no row can have before the database does.
                field.__class__ = ReadableModelMultipleChoiceField
                field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
            if isinstance(field, forms.URLField):
                field.assume_scheme = "https"

    def _model_field(self, name: str) -> models.Field | None:
        try:
            field = self._meta.model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (version, the citation)
            return None
        return field if isinstance(field, models.Field) else None

    @property
    def entry_fields(self) -> list[str]:
        """The entry's own fields, in the form's order (not the version or citation)."""
        return [name for name in self.fields if self._model_field(name) is not None]

    @property
    def entry_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.entry_fields]


class CitedEntryForm(CitationFields, EntryForm):
    """An entry whose facts carry citations: every change says which document it comes
    from and where in it."""


class PracticeModelForm(CitedEntryForm):
    class Meta:
        model = PracticeModel
        fields = [
            "name", "short_name", "slug", "kind", "overview", "developed_by", "origin_place",
            "origin_period", "builds_on", "key_features", "underpinnings", "tools",
            "evaluation", "funding_and_costs", "drivers_and_challenges", "website",
            "table_position",
        ]  # fmt: skip


class ThemeForm(CitedEntryForm):
    class Meta:
        model = Theme
        fields = [
            "kind", "name", "slug", "description", "position", "practice_models", "authorities"
        ]  # fmt: skip


INDEPENDENCE_CHOICES = [("", "The documents do not say"), ("yes", "Yes"), ("no", "No")]


class SourceForm(EntryForm):
    independent_of_model_owner = forms.TypedChoiceField(
        choices=INDEPENDENCE_CHOICES,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        label="Independent of the model's owner",
        help_text="Produced independently of the model's owner and of the authorities using it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        independent = self.instance.independent_of_model_owner
        self.initial["independent_of_model_owner"] = (
            "" if independent is None else ("yes" if independent else "no")
        )

    class Meta:
        model = Source
        fields = [
            "key", "title", "description", "cited_in", "author", "publisher", "date",
            "date_precision", "kind", "producer", "independent_of_model_owner",
            "independence_note", "url", "note",
        ]  # fmt: skip


class EvaluationForm(CitedEntryForm):
    class Meta:
        model = Evaluation
        fields = [
            "title", "slug", "evaluator", "year", "publisher", "url", "summary", "kind",
            "design", "status", "due", "period_covered", "funder", "sample",
            "sample_authorities", "sample_families", "sample_children", "sample_staff",
            "sms_level", "strength", "strength_reason", "practice_models", "authorities",
            "source", "source_document", "source_section",
        ]  # fmt: skip


class FindingForm(CitedEntryForm):
    class Meta:
        model = Finding
        fields = [
            "key", "evaluation", "practice_model", "authority", "outcome_domain", "statement",
            "measure", "value_before", "value_after", "change_value", "comparison_value",
            "comparison_label", "unit", "period", "sample_size", "direction", "significance",
            "source_section", "page_reference", "quotation", "quotation_attribution",
        ]  # fmt: skip


class ReviewForm(forms.Form):
    """The regional team's decision on a proposed finding."""

    decision = forms.ChoiceField(
        choices=FindingReview.Decision.choices,
        widget=forms.RadioSelect,
        label="What do you want to do with this finding?",
        error_messages={
            "required": "Choose whether to publish, send back or decline the finding",
            "invalid_choice": "Choose whether to publish, send back or decline the finding",
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Comment for the proposer",
        help_text="Needed when you send the finding back: say what should change. "
        "The proposer is emailed your decision and this comment.",
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == FindingReview.Decision.SEND_BACK
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", "Enter a comment saying what the proposer should change")
        return cleaned

"""Forms for the registry's pages (GET forms: the query stays in the URL)."""

from django import forms

from models_registry.models import PracticeModel
from seslip.find_by_name import FindByNameMultipleChoiceField

COMPARE_MIN = 2
COMPARE_MAX = 4


class CompareForm(forms.Form):
    """Pick 2 to 4 models to compare side by side (/compare/?models=a&models=b)."""

    # Checkboxes up to settings.FIND_BY_NAME_THRESHOLD models, then four text inputs.
    models = FindByNameMultipleChoiceField(
        queryset=PracticeModel.objects.order_by("name"),
        noun="practice model",
        listed_at="the practice models list (/models/)",
        source="practice-models",
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        label="Choose 2 to 4 practice models to compare",
        error_messages={
            "required": "Select at least 2 practice models to compare",
            "invalid_choice": "Select practice models from the list",
            "invalid_pk_value": "Select practice models from the list",
        },
    )

    def clean_models(self):
        chosen = self.cleaned_data["models"]
        if len(chosen) < COMPARE_MIN:
            raise forms.ValidationError("Select at least 2 practice models to compare")
        if len(chosen) > COMPARE_MAX:
            raise forms.ValidationError("Select no more than 4 practice models to compare")
        return chosen

    def chosen_slugs(self) -> list[str]:
        """The slugs in the order the URL gave them, as slugs or typed names (the compare
        table's column order)."""
        given = self.data.getlist("models")  # type: ignore[attr-defined]  # a QueryDict
        field = self.fields["models"]
        chosen = field.matched(given, list(self.cleaned_data["models"]))  # type: ignore[attr-defined]
        return [model.slug for model in chosen]


class ConfirmEntryForm(forms.Form):
    """The confirmation page's one question (issue 22, "Is this still correct?")."""

    CONFIRM = "yes"
    CHANGE = "no"

    still_correct = forms.ChoiceField(
        label="Is this still correct?",
        choices=[
            (CONFIRM, "Yes, confirm all of it"),
            (CHANGE, "No, something needs changing"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if the entry is still correct",
            "invalid_choice": "Select yes if the entry is still correct",
        },
    )

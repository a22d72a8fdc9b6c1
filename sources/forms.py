"""The question every editing page asks of a changed fact: which document of the sources
catalogue it comes from, and where in it (docs/adr/0008-sources-and-citations.md)."""

from django import forms

from sources.datafiles import LOCATOR_HELP, valid_locator
from sources.models import Source


class CitationFields(forms.Form):
    """Mixed into a page's form: `cite_source` and `cite_locator`, both required."""

    cite_source = forms.ModelChoiceField(
        queryset=Source.objects.order_by("title", "description"),
        to_field_name="key",
        label="Which document does this come from?",
        help_text="A document of the sources catalogue.",
        error_messages={
            "required": "Choose the document this comes from",
            "invalid_choice": "Choose a document from the list",
        },
    )
    cite_locator = forms.CharField(
        max_length=200,
        label="Where in the document?",
        help_text=f"Where in the document: {LOCATOR_HELP}.",
        error_messages={"required": "Enter where in the document this comes from"},
    )

    def clean_cite_locator(self) -> str:
        locator = self.cleaned_data["cite_locator"].strip()
        if not valid_locator(locator):
            raise forms.ValidationError(
                "Enter where in the document as it numbers itself, for example §1.2.1, "
                'pp 9–10 or slide "Our Story"'
            )
        return locator

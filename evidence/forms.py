"""An authority editor's proposed finding: the question page's form (evidence/views.py,
/evidence/proposals/new/ and …/<key>/change/). The authority is the editor's own; the
regional team reviews the proposal before it is public (docs/evidence.md)."""

from django import forms
from django.core.validators import MaxLengthValidator

from evidence.models import Finding
from sources.forms import CitationFields

#: Longest statement or quotation a proposal may have (docs/input-limits.md).
TEXT_MAX = 5_000


class ProposalForm(CitationFields, forms.ModelForm):
    class Meta:
        model = Finding
        fields = [
            "evaluation", "practice_model", "outcome_domain", "statement", "measure",
            "value_before", "value_after", "change_value", "unit", "period", "sample_size",
            "direction", "source_section", "page_reference",
        ]  # fmt: skip
        labels = {
            "evaluation": "Which evaluation or report is this from?",
            "practice_model": "Which practice model is it about?",
            "outcome_domain": "Which outcome is it about?",
            "statement": "What was found, in your own words",
            "source_section": "Where in the evaluation or report",
            "sample_size": "Number of children, families or staff (n)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].validators.append(MaxLengthValidator(TEXT_MAX))
        self.fields[
            "source_section"
        ].help_text = "As the document numbers itself, for example §1.3.6 or p 12."

    @property
    def finding_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self._meta.fields or ()]

"""Read-only API representations of evaluations and findings."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from evidence import presenters
from evidence.models import FINDING_FIGURES, SAMPLE_FIGURES, Evaluation, Finding
from seslip.api_fields import OptionalURLField, PortalModelSerializer
from sources.api.serializers import CitationSerializer, FigureSerializer, figures_as_api
from sources.values import FigureKind

# The API names of each model's figures (issue 18, "Vague stays vague").
SAMPLE_FIGURE_NAMES = {name: name.removeprefix("sample_") for name in SAMPLE_FIGURES}
FINDING_FIGURE_NAMES = {
    "value_before": "before",
    "value_after": "after",
    "comparison_value": "comparison",
    "change_value": "change",
    "sample_size": "n",
}


class SampleFiguresSerializer(serializers.Serializer):
    authorities = FigureSerializer(allow_null=True)
    families = FigureSerializer(allow_null=True)
    children = FigureSerializer(allow_null=True)
    staff = FigureSerializer(allow_null=True)


class FindingFiguresSerializer(serializers.Serializer):
    before = FigureSerializer(allow_null=True)
    after = FigureSerializer(allow_null=True)
    comparison = FigureSerializer(allow_null=True)
    change = FigureSerializer(allow_null=True)
    n = FigureSerializer(allow_null=True)


def exact_only(data: dict, row, names: tuple[str, ...]) -> dict:
    """The plain number fields carry exact figures only: 'over 200' is not 200 and a range
    has no single value. Vague figures are in the figures object, with their kind."""
    for name in names:
        if getattr(row, f"{name}_kind") != FigureKind.EXACT:
            data[name] = None
    return data


def inline_choice_field(choices: list[tuple[str, str]]) -> serializers.ChoiceField:
    """A read-only choice field documented as a string listing its values.

    `kind` and `status` are field names other apps use with other choices; a schema enum
    here would collide with theirs (drf-spectacular names enums by field name).
    """
    values = ", ".join(f"`{value}`" for value, _label in choices)

    @extend_schema_field({"type": "string", "description": f"One of {values}."})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, read_only=True)


class EvaluationSummarySerializer(PortalModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="evidence-api:evaluation-detail", lookup_field="slug"
    )
    self_reported = serializers.BooleanField(source="is_self_reported", read_only=True)
    kind = inline_choice_field(Evaluation.Kind.choices)

    class Meta:
        model = Evaluation
        fields = [
            "slug",
            "url",
            "title",
            "evaluator",
            "year",
            "kind",
            "design",
            "strength",
            "self_reported",
        ]


class EvaluationSerializer(EvaluationSummarySerializer):
    practice_models = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    authorities = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    page = serializers.SerializerMethodField()
    citation = serializers.SerializerMethodField()
    status = inline_choice_field(Evaluation.Status.choices)
    sample_figures = serializers.SerializerMethodField(
        help_text="Each count of the sample as the source gives it: its kind (exact, range, "
        "lower_bound, approximate) and ends; the plain sample_* fields hold exact counts only."
    )

    class Meta(EvaluationSummarySerializer.Meta):
        fields = [
            *EvaluationSummarySerializer.Meta.fields,
            "page",
            "publisher",
            "source_url",
            "status",
            "due",
            "period_covered",
            "sample",
            "sample_authorities",
            "sample_families",
            "sample_children",
            "sample_staff",
            "sample_figures",
            "funder",
            "summary",
            "sms_level",
            "strength_reason",
            "practice_models",
            "authorities",
            "source_document",
            "source_section",
            "source",
            "citations",
            "citation",
        ]

    source_url = OptionalURLField(source="url")
    source = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    citations = CitationSerializer(many=True, read_only=True)
    source_document = serializers.CharField(
        source="get_source_document_display",
        read_only=True,
        help_text="The document the evaluation is read from, by its title.",
    )

    def get_page(self, evaluation: Evaluation) -> str:
        return self.context["request"].build_absolute_uri(evaluation.get_absolute_url())

    def get_citation(self, evaluation: Evaluation) -> str:
        return presenters.citation_text(evaluation)

    @extend_schema_field(SampleFiguresSerializer)
    def get_sample_figures(self, evaluation: Evaluation) -> dict:
        return figures_as_api(
            {api: evaluation.figure(name) for name, api in SAMPLE_FIGURE_NAMES.items()}
        )

    def to_representation(self, instance: Evaluation) -> dict:
        return exact_only(super().to_representation(instance), instance, SAMPLE_FIGURES)


class FindingSerializer(PortalModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="evidence-api:finding-detail", lookup_field="key"
    )
    page = serializers.SerializerMethodField()
    evaluation = EvaluationSummarySerializer(read_only=True)
    practice_model = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    authority = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    outcome_domain = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    figures = serializers.SerializerMethodField()
    figure_values = serializers.SerializerMethodField(
        help_text="Each figure as the source gives it: its kind (exact, range, lower_bound, "
        "approximate) and ends, never a midpoint; the plain value fields hold exact figures only."
    )
    citation = serializers.SerializerMethodField()
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Finding
        fields = [
            "key",
            "url",
            "page",
            "statement",
            "practice_model",
            "authority",
            "outcome_domain",
            "measure",
            "value_before",
            "value_after",
            "change_value",
            "comparison_value",
            "comparison_label",
            "unit",
            "period",
            "sample_size",
            "figures",
            "figure_values",
            "direction",
            "significance",
            "source_section",
            "page_reference",
            "citations",
            "citation",
            "quotation",
            "quotation_attribution",
            "evaluation",
        ]

    def get_page(self, finding: Finding) -> str:
        return self.context["request"].build_absolute_uri(finding.get_absolute_url())

    def get_figures(self, finding: Finding) -> str:
        return presenters.format_figures(finding)

    @extend_schema_field(FindingFiguresSerializer)
    def get_figure_values(self, finding: Finding) -> dict:
        return figures_as_api(
            {api: finding.figure(name) for name, api in FINDING_FIGURE_NAMES.items()}
        )

    def to_representation(self, instance: Finding) -> dict:
        return exact_only(super().to_representation(instance), instance, FINDING_FIGURES)

    def get_citation(self, finding: Finding) -> str:
        return presenters.source_citation(finding)

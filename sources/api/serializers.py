"""Sources and citations in the API. Every citation is an object naming its source (id and
title) and the place in it, so a reader can follow any statement to the document."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seslip.api_fields import OptionalURLField
from sources.models import Citation, Source
from sources.values import Figure, FigureKind


class CitationSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="key", read_only=True)
    title = serializers.CharField(source="source.display_title", read_only=True)
    source_url = serializers.HyperlinkedRelatedField(
        source="source", view_name="sources-api:source-detail", lookup_field="key", read_only=True
    )

    class Meta:
        model = Citation
        fields = ["source", "title", "locator", "field", "source_url"]
        read_only_fields = fields


class PreciseDateSerializer(serializers.Serializer):
    text = serializers.CharField(read_only=True, help_text="As the source writes it.")
    precision = serializers.CharField(read_only=True)
    value = serializers.CharField(read_only=True, source="iso")


@extend_schema_field(PreciseDateSerializer(allow_null=True))
class PreciseDateField(serializers.Field):
    """A `PreciseDate` as {text, precision, value}: 'Autumn 2019' stays a season."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"text": str(value), "precision": value.precision, "value": value.iso}


class FigureSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=FigureKind.choices,
        read_only=True,
        help_text="exact, range ('18–19'), lower_bound ('over 200') or approximate ('about 50').",
    )
    value = serializers.FloatField(
        read_only=True, allow_null=True, help_text="The figure; empty for a range."
    )
    low = serializers.FloatField(read_only=True, allow_null=True, help_text="A range's lower end.")
    high = serializers.FloatField(
        read_only=True, allow_null=True, help_text="A range's upper end; never a midpoint."
    )
    text = serializers.CharField(read_only=True, help_text="As the source writes it.")


def figures_as_api(figures: dict[str, Figure | None]) -> dict[str, dict | None]:
    """{name: {kind, value, low, high, text}} for each figure, None where none is given."""
    return {name: figure.as_api() if figure else None for name, figure in figures.items()}


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="sources-api:source-detail", lookup_field="key"
    )
    title = serializers.CharField(source="display_title", read_only=True)
    title_as_published = serializers.SerializerMethodField()
    date = PreciseDateField(source="published", allow_null=True)
    document_url = OptionalURLField(source="url")
    cites = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    cited_in = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "key",
            "url",
            "title",
            "title_as_published",
            "description",
            "cited_in",
            "author",
            "publisher",
            "date",
            "kind",
            "producer",
            "independent_of_model_owner",
            "independence_note",
            "document_url",
            "note",
            "is_portal_document",
            "cites",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_title_as_published(self, source: Source) -> str | None:
        return source.title or None

"""Read-only serializers for the registry API. Contacts are personal data and have no
serializer here: they never appear in the public API."""

from rest_framework import serializers

from models_registry.editing.sections import MODEL, NOTES
from models_registry.models import Adoption, LocalAuthority, PracticeModel
from seslip.api_fields import OptionalURLField, PortalModelSerializer
from sources.api.serializers import CitationSerializer, PreciseDateField


class SlugNameSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class AdoptionSerializer(PortalModelSerializer):
    local_authority = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    practice_model = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    services = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    # Optional choices are "" when not stated; declared so the schema says so too.
    dfe_programme = serializers.ChoiceField(
        choices=Adoption.FundingProgramme.choices, allow_blank=True, read_only=True
    )
    as_at = PreciseDateField(source="as_at_dated", allow_null=True)
    citations = CitationSerializer(many=True, read_only=True)
    survey = serializers.ChoiceField(
        choices=Adoption.Survey.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Adoption
        fields = [
            "id",
            "local_authority",
            "practice_model",
            # What the editing pages and PATCH change (editing/sections.py), in their order.
            *MODEL.fields,
            "survey",
            "as_at",
            *NOTES.fields,
            "citations",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class AdoptionInModelSerializer(PortalModelSerializer):
    local_authority = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Adoption
        fields = ["local_authority", "role", "status", "year_started", "year_relaunched"]
        read_only_fields = fields


class AdoptionInAuthoritySerializer(PortalModelSerializer):
    practice_model = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Adoption
        fields = ["practice_model", "role", "status", "year_started", "year_relaunched"]
        read_only_fields = fields


class PracticeModelSerializer(PortalModelSerializer):
    underpinnings = SlugNameSerializer(many=True, read_only=True)
    tools = SlugNameSerializer(many=True, read_only=True)
    builds_on = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    authority_count = serializers.IntegerField(read_only=True)
    adoptions = AdoptionInModelSerializer(many=True, read_only=True)
    key_features = serializers.ListField(
        child=serializers.CharField(), source="key_feature_list", read_only=True
    )
    website = OptionalURLField()
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = PracticeModel
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "developed_by",
            "origin_place",
            "origin_period",
            "builds_on",
            "overview",
            "key_features",
            "underpinnings",
            "tools",
            "evaluation",
            "funding_and_costs",
            "drivers_and_challenges",
            "website",
            "authority_count",
            "adoptions",
            "citations",
            "updated_at",
        ]
        read_only_fields = fields


class LocalAuthoritySerializer(PortalModelSerializer):
    model_count = serializers.IntegerField(read_only=True)
    adoptions = AdoptionInAuthoritySerializer(many=True, read_only=True)
    website = OptionalURLField()
    ofsted_date = PreciseDateField(source="ofsted_dated", allow_null=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = LocalAuthority
        fields = [
            "slug",
            "name",
            "gss_code",
            "region",
            "kind",
            "website",
            "ofsted_judgement",
            "ofsted_date",
            "ofsted_when",
            "context",
            "model_count",
            "adoptions",
            "citations",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

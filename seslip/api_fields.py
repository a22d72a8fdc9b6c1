"""Serializer fields shared by the apps' APIs."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class OptionalURLField(serializers.URLField):
    """A link that may be missing: null, not "", so the value is always a valid URI or null."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


class PortalModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose optional choice fields say so: a model field with choices
    and blank=True may hold "" (not stated), and the schema's enum includes it. (DRF drops
    allow_blank from read-only fields, so it is put back here.)"""

    def get_fields(self):
        fields = super().get_fields()
        model = self.Meta.model
        for name, field in fields.items():
            if not isinstance(field, serializers.ChoiceField):
                continue
            model_field = _model_field(model, field.source or name)
            if model_field is not None and model_field.choices and model_field.blank:
                field.allow_blank = True
        return fields


def _model_field(model, name: str):
    from django.core.exceptions import FieldDoesNotExist

    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a computed source, not a model field
        return None

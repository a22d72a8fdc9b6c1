"""PATCH on an authority's entry, its adoptions and its contacts (issue 22): the editing
pages' rules through the API, for authority editors (their own authority) and regional
admins, by token or session.

Every PATCH names the version it changes: the `If-Match` header with the ETag a GET
answered, or a `version` field in the body. A PATCH of an older version than the row's is
refused with 412 and the row as saved now, never applied (seslip/locking.py); one with
neither is refused with 428. Every PATCH also says where the change comes from:
`"provenance": {"source": "<source key>", "locator": "§6"}` or
`"provenance": {"stated_by_authority": true}`, as the pages ask (docs/api.md).
"""

import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError as ModelValidationError
from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from models_registry.editing import services
from models_registry.editing.dates import HINT, InspectionDateError, parse_inspection_date
from models_registry.editing.forms import TEXT_MAX
from models_registry.editing.sections import CONTACT, MODEL, NOTES, OFSTED, OVERVIEW
from models_registry.models import Adoption, Contact, LocalAuthority, Service
from models_registry.permissions import editable_authorities
from seslip.api_fields import PortalModelSerializer
from sources.models import Source

ETAG = re.compile(r'^(?:W/)?"(\d+)"$')


def etag(row: Model) -> str:
    return f'"{row.version}"'  # type: ignore[attr-defined]  # SourcedModel's field


class ProvenanceSerializer(serializers.Serializer):
    # A declared field, taken off the class by DRF's metaclass: it does not shadow
    # Field.source at run time, as the stubs think.
    source = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="key",
        queryset=Source.objects.all(),
        required=False,
        help_text="The key of a document in the sources catalogue (/api/v1/sources/).",
    )
    locator = serializers.CharField(
        max_length=200, required=False, help_text="Where in the document: '§6', 'p 12'."
    )
    stated_by_authority = serializers.BooleanField(
        required=False,
        help_text="true: the authority states it itself (shown as its own report).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        stated = attrs.get("stated_by_authority", False)
        source = attrs.get("source")
        if stated and source is not None:
            raise ValidationError("Give a source and locator, or stated_by_authority: not both.")
        if not stated and (source is None or not attrs.get("locator")):
            raise ValidationError(
                "Say where the change comes from: a source and a locator, or "
                "stated_by_authority: true."
            )
        return attrs


class PatchSerializer(PortalModelSerializer):
    """The editable fields of one section, the version read and where the change comes
    from. Fields it does not have are refused by name rather than ignored."""

    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The version you read (the ETag without quotes); or send If-Match.",
    )
    provenance = ProvenanceSerializer()

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise ValidationError(
                    {name: ["This field cannot be changed here."] for name in unknown}
                )
        return super().to_internal_value(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Required even in a PATCH, which makes every other field optional.
        if "provenance" not in attrs:
            raise ValidationError({"provenance": ["Say where the change comes from."]})
        return attrs


class InspectionDateField(serializers.CharField):
    """The inspection's date as precisely as known: '2019', 'Autumn 2019', '2019-06',
    'June 2019', '2019-06-14'; null for none. Read back as {text, precision, value}."""

    def to_internal_value(self, data: Any) -> Any:
        text = super().to_internal_value(data)
        try:
            return parse_inspection_date(text)
        except InspectionDateError as error:
            raise ValidationError(str(error)) from None


class LocalAuthorityPatchSerializer(PatchSerializer):
    ofsted_date = InspectionDateField(
        required=False, allow_null=True, allow_blank=True, help_text=HINT
    )

    class Meta:
        extra_kwargs = {"context": {"max_length": TEXT_MAX}}
        model = LocalAuthority
        fields = [*OVERVIEW.fields, *OFSTED.fields, "version", "provenance"]


class AdoptionPatchSerializer(PatchSerializer):
    services = serializers.SlugRelatedField(
        slug_field="slug", queryset=Service.objects.all(), many=True, required=False
    )
    year_started = serializers.IntegerField(min_value=1990, max_value=2100, allow_null=True)
    year_relaunched = serializers.IntegerField(min_value=1990, max_value=2100, allow_null=True)
    dfe_year = serializers.IntegerField(min_value=1990, max_value=2100, allow_null=True)
    dfe_amount = serializers.DecimalField(
        max_digits=12, decimal_places=0, min_value=0, allow_null=True
    )

    class Meta:
        model = Adoption
        fields = [*MODEL.fields, *NOTES.fields, "version", "provenance"]
        extra_kwargs = {"notes": {"max_length": TEXT_MAX}}


class ContactSerializer(PortalModelSerializer):
    local_authority: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    practice_model: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Contact
        fields = [
            "id",
            "local_authority",
            "practice_model",
            "name",
            "role",
            "email",
            "last_confirmed",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class ContactPatchSerializer(PatchSerializer):
    class Meta:
        model = Contact
        fields = [*CONTACT.fields, "version", "provenance"]


class MayEditRow(BasePermission):
    """Reading follows the viewset; changing needs the row's authority to be editable by
    the caller (an authority editor's own, any for a regional admin)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        authority = services.authority_of(obj)
        return editable_authorities(request.user).filter(pk=authority.pk).exists()


def editable_contacts(user: Any) -> QuerySet[Contact]:
    return Contact.objects.filter(local_authority__in=editable_authorities(user)).select_related(
        "local_authority", "practice_model"
    )


def _read_version(request: Request, body_version: int | None) -> int | None:
    header = request.headers.get("If-Match")
    if header is None:
        return body_version
    match = ETAG.match(header.strip())
    if match is None:
        raise ValidationError({"If-Match": ['Send the ETag a GET answered, like "3".']})
    version = int(match[1])
    if body_version is not None and body_version != version:
        raise ValidationError({"version": ["The version and If-Match disagree."]})
    return version


class PatchMixin:
    """partial_update for a viewset whose rows are LocalAuthority, Adoption or Contact."""

    patch_serializer_class: type[PatchSerializer]
    http_method_names: Sequence[str] = ["get", "patch", "head", "options"]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)  # type: ignore[misc]
        response["ETag"] = f'"{response.data["version"]}"'
        return response

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.get_object()  # type: ignore[attr-defined]
        serializer = self.patch_serializer_class(row, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        read_version = _read_version(request, data.pop("version", None))
        if read_version is None:
            return Response(
                {"detail": "Say which version you change: If-Match or the version field."},
                status=status.HTTP_428_PRECONDITION_REQUIRED,
            )
        provenance_data = data.pop("provenance")
        if not data:
            raise ValidationError({"detail": "Nothing to change: name at least one field."})
        provenance = services.Provenance(
            source=provenance_data.get("source"),
            locator=provenance_data.get("locator", ""),
            by=request.user,
        )
        try:
            outcome = services.edit_row(
                row=row, read_version=read_version, changes=data, provenance=provenance
            )
        except ModelValidationError as error:
            raise ValidationError(error.message_dict) from None
        read = self.get_serializer(self._fresh(outcome.current))  # type: ignore[attr-defined]
        if outcome.conflict:
            return Response(
                {
                    "detail": "This was changed by someone else since you read it: nothing "
                    "was saved. Compare `current` with your request and send it again with "
                    "the current version.",
                    "current": read.data,
                },
                status=status.HTTP_412_PRECONDITION_FAILED,
                headers={"ETag": etag(outcome.current)},
            )
        return Response(read.data, headers={"ETag": etag(outcome.current)})

    def _fresh(self, row: Model) -> Model:
        return self.get_queryset().get(pk=row.pk)  # type: ignore[attr-defined]


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The ETag a GET answered ("3"); or send the version field instead.',
)


def patch_schema(summary: str, request: type[PatchSerializer], answer: Any) -> Any:
    return extend_schema(
        summary=summary,
        description="Change the fields named (the others stay), if nobody has changed the "
        "row since the version you read. Editors: their own authority's only; regional "
        "admins: any. Every change is kept in the history with where it comes from.",
        parameters=[IF_MATCH],
        request=request,
        responses={
            200: answer,
            412: OpenApiResponse(
                description="Changed by someone else since the version you sent; nothing "
                "saved. The body's `current` is the row as saved now."
            ),
            428: OpenApiResponse(description="Neither If-Match nor the version field."),
        },
    )

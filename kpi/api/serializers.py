from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kpi.models import Submission
from kpi.quarters import Quarter, QuarterError
from kpi.selectors import check_return_quarter_for
from models_registry.models import LocalAuthority


class SubmissionSerializer(serializers.ModelSerializer):
    la = serializers.SlugRelatedField(source="authority", slug_field="slug", read_only=True)
    is_current = serializers.BooleanField(read_only=True)
    uploaded_by = serializers.EmailField(source="uploaded_by.email", read_only=True, default=None)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id",
            "url",
            "la",
            "quarter",
            "status",
            "is_current",
            "is_synthetic",
            "sha256",
            "file_name",
            "file_format",
            "uploaded_at",
            "uploaded_by",
            "rows_total",
            "rows_processed",
            "row_count",
            "family_count",
            "person_count",
            "error_count",
            "warning_count",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, submission: Submission) -> str:
        path = reverse("kpi:submission-detail", args=[submission.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ProblemSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=["error", "warning"])
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField()
    value = serializers.CharField()
    message = serializers.CharField()


class UploadAuthorityField(serializers.SlugRelatedField):
    """The authority to upload for, by slug, among those the caller may upload for; a
    refusal says plainly why (issue 23), never "Object with slug=… does not exist"."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            allowed = ", ".join(self.get_queryset().values_list("slug", flat=True))
            other = LocalAuthority.objects.filter(slug=str(data)).first()
            if other is not None:
                raise serializers.ValidationError(
                    f"You may not upload for {other.name}: your account uploads for "
                    f"{allowed}. Ask a regional admin if that is wrong."
                ) from None
            raise serializers.ValidationError(
                f"“{str(data)[:60]}” is not an authority's slug. The slugs are listed at "
                f"/api/v1/local-authorities/; your account uploads for {allowed}."
            ) from None


class UploadSerializer(serializers.Serializer):
    la = UploadAuthorityField(slug_field="slug", queryset=LocalAuthority.objects.none())
    quarter = serializers.CharField(
        max_length=10,
        help_text="YYYY-Qn, e.g. 2018-Q1: from the quarter of the authority's first cohort "
        "window to the quarter of the upload day.",
    )
    file = serializers.FileField(help_text="A CSV file or an Excel workbook (.xlsx).")

    def __init__(self, *args, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if authorities is not None:
            self.fields["la"].queryset = authorities

    def validate_quarter(self, value: str) -> str:
        try:
            return str(Quarter.parse(value))
        except QuarterError as error:
            raise serializers.ValidationError(str(error)) from error

    def validate(self, attrs: dict) -> dict:
        """The quarter rule that needs the authority (kpi.quarters.check_return_quarter)."""
        try:
            check_return_quarter_for(attrs["la"], attrs["quarter"], today=timezone.localdate())
        except QuarterError as error:
            raise serializers.ValidationError({"quarter": [str(error)]}) from error
        return attrs


class ImportResultSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=["accepted", "rejected", "unchanged", "queued", "failed"]
    )
    message = serializers.CharField()
    submission = SubmissionSerializer()
    error_count = serializers.IntegerField()
    warning_count = serializers.IntegerField()
    errors = ProblemSerializer(many=True, help_text="The first 100 errors.")


class WithdrawalSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=Submission.WithdrawalReason.choices,
        help_text="Why: regional admins see this in the access log.",
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=1000,
        help_text="Your explanation; required when `reason` is `other`. Only your authority's "
        "analysts see it. Do not name children or families.",
    )

    def validate(self, data):
        data["note"] = data.get("note", "").strip()
        if data["reason"] == Submission.WithdrawalReason.OTHER and not data["note"]:
            raise serializers.ValidationError(
                {"note": "Explain why you are withdrawing this submission."}
            )
        return data


class WithdrawalResultSerializer(serializers.Serializer):
    message = serializers.CharField()
    submission = SubmissionSerializer(help_text="The withdrawn submission.")
    restored = SubmissionSerializer(
        allow_null=True,
        help_text="The submission that is current for the quarter again, if any.",
    )
    rows_deleted = serializers.IntegerField(help_text="Record-level rows deleted.")

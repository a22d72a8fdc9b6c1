"""`/api/v1/kpi/submissions/`: list the submissions a user may see, upload a cohort file,
withdraw a submission. Every read is in the access log and every answer is no-store
(RecordLevelViewSetMixin)."""

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api.record_level import RecordLevelViewSetMixin
from kpi.api.serializers import (
    ImportResultSerializer,
    SubmissionSerializer,
    UploadSerializer,
    WithdrawalResultSerializer,
    WithdrawalSerializer,
)
from kpi.filters import QuarterFilter
from kpi.models import Submission
from kpi.permissions import upload_authorities, visible_submissions
from kpi.services.import_report import Outcome
from kpi.services.imports import import_submission
from kpi.services.withdrawal import withdraw_submission
from models_registry.models import LocalAuthority
from seslip.filtering import PortalFilterSet

STATUS_FOR_OUTCOME = {
    Outcome.ACCEPTED: status.HTTP_201_CREATED,
    Outcome.QUEUED: status.HTTP_202_ACCEPTED,
    Outcome.UNCHANGED: status.HTTP_200_OK,
    Outcome.REJECTED: status.HTTP_422_UNPROCESSABLE_ENTITY,
    # The import stopped (an internal error, logged; or a lost race for current): the
    # submission is stored as failed and the message says to upload again.
    Outcome.FAILED: status.HTTP_503_SERVICE_UNAVAILABLE,
}
RETRY_FAILED_IMPORT_AFTER_SECONDS = 60
ERRORS_RETURNED = 100


class SubmissionFilter(PortalFilterSet):
    la = django_filters.ModelChoiceFilter(
        field_name="authority",
        to_field_name="slug",
        queryset=LocalAuthority.objects.order_by("slug"),
        label="Authority slug",
    )
    quarter = QuarterFilter(field_name="quarter", label="Quarter, YYYY-Qn")
    status = django_filters.ChoiceFilter(choices=Submission.Status.choices)

    class Meta:
        model = Submission
        fields = ["la", "quarter", "status"]


@extend_schema_view(
    list=extend_schema(
        summary="Cohort submissions you may see",
        description="Your authority's cohort submissions, newest first, with their status "
        "and whether each is the current one for its quarter.",
    ),
    retrieve=extend_schema(summary="One cohort submission"),
)
class SubmissionViewSet(
    RecordLevelViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SubmissionSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = SubmissionFilter
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return (
            visible_submissions(self.request.user)
            .select_related("authority", "uploaded_by")
            .order_by("-uploaded_at", "-id")
        )

    @extend_schema(
        summary="Upload a cohort file",
        description="Multipart form with `la` (authority slug), `quarter` (YYYY-Qn) and "
        "`file` (CSV or XLSX). The file goes through the same import as the upload page "
        "and `manage.py import_cohort`: 201 accepted, 200 byte-identical to the current "
        "submission, 202 queued for the worker (large files), 422 rejected with the report, "
        "503 when the import stopped without a verdict on the file (an internal error, "
        "logged, or another file accepted for the quarter at the same moment): the "
        "submission is kept as failed; upload the file again after `Retry-After` seconds.",
        request={"multipart/form-data": UploadSerializer},
        responses={
            201: ImportResultSerializer,
            200: ImportResultSerializer,
            202: ImportResultSerializer,
            422: ImportResultSerializer,
            503: ImportResultSerializer,
            400: OpenApiResponse(description="Missing or invalid form fields."),
            403: OpenApiResponse(description="You may not upload for that authority."),
        },
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        authorities = upload_authorities(request.user)
        if not authorities.exists():
            self.permission_denied(request, message="You may not upload cohort files.")
        upload = UploadSerializer(data=request.data, authorities=authorities)
        upload.is_valid(raise_exception=True)
        authority = upload.validated_data["la"]
        file = upload.validated_data["file"]
        report = import_submission(
            authority=authority,
            quarter=upload.validated_data["quarter"],
            file=file,
            user=request.user,
            request=request,
        )
        body = ImportResultSerializer(
            {
                "outcome": report.outcome,
                "message": report.message,
                "submission": report.submission,
                "error_count": report.error_count,
                "warning_count": report.warning_count,
                "errors": [p.as_dict() for p in report.errors[:ERRORS_RETURNED]],
            },
            context={"request": request},
        ).data
        response = Response(body, status=STATUS_FOR_OUTCOME[report.outcome])
        if report.outcome == Outcome.FAILED:
            response["Retry-After"] = str(RETRY_FAILED_IMPORT_AFTER_SECONDS)
        return response

    @extend_schema(
        summary="Withdraw a submission",
        description="For a file filed under the wrong quarter or authority, or the wrong "
        "file. Only your authority's analysts may. The submission's rows are deleted; if it "
        "was the quarter's current submission, the newest earlier accepted one becomes "
        "current again (`restored`) and the quarter's indicators are recomputed, all in one "
        "transaction. `reason` is required; `note` is required when the reason is `other` "
        "and is seen only by your authority's analysts. The withdrawal is written to the "
        "access log. 409 when the submission holds no rows (rejected, failed, being "
        "checked or already withdrawn).",
        request={
            "application/json": WithdrawalSerializer,
            "multipart/form-data": WithdrawalSerializer,
            "application/x-www-form-urlencoded": WithdrawalSerializer,
        },
        responses={
            200: WithdrawalResultSerializer,
            400: OpenApiResponse(description="No reason, an unknown reason, or no note."),
            404: OpenApiResponse(description="Not a submission of your authority."),
            409: OpenApiResponse(description="The submission cannot be withdrawn."),
        },
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, FormParser, MultiPartParser])
    def withdraw(self, request: Request, pk=None) -> Response:
        submission = self.get_object()
        form = WithdrawalSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        report = withdraw_submission(
            submission=submission,
            user=request.user,
            reason=form.validated_data["reason"],
            note=form.validated_data["note"],
            request=request._request,
        )
        if not report.withdrawn:
            return Response({"detail": report.message}, status=status.HTTP_409_CONFLICT)
        body = WithdrawalResultSerializer(
            {
                "message": report.message,
                "submission": report.submission,
                "restored": report.restored,
                "rows_deleted": report.rows_deleted,
            },
            context={"request": request},
        ).data
        return Response(body)

"""`/api/v1/kpi/submissions/`: list the submissions a user may see; upload a cohort file."""

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import AccessLog
from accounts.services import record_access
from kpi.api.serializers import ImportResultSerializer, SubmissionSerializer, UploadSerializer
from kpi.filters import QuarterFilter
from kpi.models import Submission
from kpi.permissions import upload_authorities, visible_submissions
from kpi.services import Outcome, import_submission
from models_registry.filters import QueryTextFilter

STATUS_FOR_OUTCOME = {
    Outcome.ACCEPTED: status.HTTP_201_CREATED,
    Outcome.QUEUED: status.HTTP_202_ACCEPTED,
    Outcome.UNCHANGED: status.HTTP_200_OK,
    Outcome.REJECTED: status.HTTP_422_UNPROCESSABLE_ENTITY,
    Outcome.FAILED: status.HTTP_500_INTERNAL_SERVER_ERROR,
}
ERRORS_RETURNED = 100


class SubmissionFilter(django_filters.FilterSet):
    la = QueryTextFilter(field_name="authority__slug", label="Authority slug")
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
        "submission, 202 queued for the worker (large files), 422 rejected with the report.",
        request={"multipart/form-data": UploadSerializer},
        responses={
            201: ImportResultSerializer,
            200: ImportResultSerializer,
            202: ImportResultSerializer,
            422: ImportResultSerializer,
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
        )
        if report.submission is not None:
            record_access(
                request=request,
                action=AccessLog.Action.UPLOAD,
                target=f"KPI submission {report.submission.pk} (API): {file.name}",
                authority=authority,
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
        return Response(body, status=STATUS_FOR_OUTCOME[report.outcome])

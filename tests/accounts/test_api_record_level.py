"""RecordLevelViewSetMixin over a stand-in endpoint: the access log's rows play
record-level rows owned by an authority, behind a gate that lets authority analysts in."""

import pytest
from django.urls import include, path
from rest_framework import routers, serializers, viewsets
from rest_framework.permissions import BasePermission

from accounts import permissions
from accounts.api.record_level import RecordLevelViewSetMixin
from accounts.models import AccessLog, Role

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.test_api_record_level")]


class IsAuthorityAnalyst(BasePermission):
    def has_permission(self, request, view) -> bool:
        return permissions.role_of(request.user) == Role.AUTHORITY_ANALYST


class RowSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessLog
        fields = ["id", "target"]


class RecordViewSet(RecordLevelViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = AccessLog.objects.order_by("pk")
    serializer_class = RowSerializer
    permission_classes = [IsAuthorityAnalyst]
    authority_field = "authority"


router = routers.SimpleRouter()
router.register("records", RecordViewSet, basename="records")
urlpatterns = [path("", include(router.urls))]


@pytest.fixture
def rows(bracknell, surrey):
    return {
        "bracknell": AccessLog.objects.create(authority=bracknell, action="upload", target="b"),
        "surrey": AccessLog.objects.create(authority=surrey, action="upload", target="s"),
    }


MATRIX = [
    # persona, list status, own row (bracknell), other row (surrey)
    ("anonymous", 401, 401, 401),
    ("member", 403, 403, 403),
    ("editor_bracknell", 403, 403, 403),
    ("analyst_bracknell", 200, 200, 404),
    ("analyst_surrey", 200, 404, 200),
    ("regional_analyst", 403, 403, 403),
    ("admin", 403, 403, 403),
]


@pytest.mark.parametrize(("persona", "listing", "bracknell_row", "surrey_row"), MATRIX)
def test_record_level_endpoint_matrix(
    client_for, rows, persona, listing, bracknell_row, surrey_row
):
    client = client_for(persona)
    assert client.get("/records/").status_code == listing
    assert client.get(f"/records/{rows['bracknell'].pk}/").status_code == bracknell_row
    assert client.get(f"/records/{rows['surrey'].pk}/").status_code == surrey_row


def test_record_level_listing_holds_only_the_own_authoritys_rows(client_for, rows):
    response = client_for("analyst_surrey").get("/records/")
    assert [row["target"] for row in response.json()["results"]] == ["s"]


def test_record_level_reads_are_written_to_the_access_log(client_for, rows, analyst_bracknell):
    client = client_for("analyst_bracknell")
    client.get("/records/")
    client.get(f"/records/{rows['bracknell'].pk}/")
    client.get(f"/records/{rows['surrey'].pk}/")  # 404: not theirs, nothing seen
    views = AccessLog.objects.filter(action=AccessLog.Action.VIEW_RECORDS).order_by("pk")
    assert [entry.target for entry in views] == [
        "GET /records/",
        f"GET /records/{rows['bracknell'].pk}/",
    ]
    assert {entry.user for entry in views} == {analyst_bracknell}
    assert {entry.authority.slug for entry in views} == {"bracknell-forest"}


def test_refused_record_level_requests_are_not_logged_as_views(client_for, rows):
    client_for("regional_analyst").get("/records/")
    assert not AccessLog.objects.filter(action=AccessLog.Action.VIEW_RECORDS).exists()

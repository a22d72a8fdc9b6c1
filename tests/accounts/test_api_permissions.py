"""The DRF permission classes and RecordLevelViewSetMixin over a stand-in endpoint: the
access log's rows play record-level rows owned by an authority."""

import pytest
from django.urls import include, path
from rest_framework import routers, serializers, viewsets

from accounts.api.permissions import (
    IsAuthorityAnalyst,
    IsRegionalAdmin,
    IsSignedIn,
    ReadOnlyOrRegionalAdmin,
    RecordLevelViewSetMixin,
    SeesUnsuppressedAggregates,
)
from accounts.models import AccessLog
from models_registry.models import LocalAuthority

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.test_api_permissions")]


class RowSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessLog
        fields = ["id", "target"]


class RecordViewSet(RecordLevelViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = AccessLog.objects.order_by("pk")
    serializer_class = RowSerializer
    permission_classes = [IsAuthorityAnalyst]
    authority_field = "authority"


def gate(permission):
    class AuthorityViewSet(viewsets.ModelViewSet):
        queryset = LocalAuthority.objects.order_by("pk")
        permission_classes = [permission]

        class serializer_class(serializers.ModelSerializer):
            class Meta:
                model = LocalAuthority
                fields = ["id", "name", "slug"]

    return AuthorityViewSet


router = routers.SimpleRouter()
router.register("records", RecordViewSet, basename="records")
router.register("signed-in", gate(IsSignedIn), basename="signed-in")
router.register("unsuppressed", gate(SeesUnsuppressedAggregates), basename="unsuppressed")
router.register("regional-admin", gate(IsRegionalAdmin), basename="regional-admin")
router.register("read-only", gate(ReadOnlyOrRegionalAdmin), basename="read-only")
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


@pytest.mark.parametrize(
    ("prefix", "allowed"),
    [
        (
            "signed-in",
            {"member", "editor_bracknell", "analyst_bracknell", "regional_analyst", "admin"},
        ),
        ("unsuppressed", {"analyst_bracknell", "regional_analyst", "admin"}),
        ("regional-admin", {"admin"}),
    ],
)
def test_gate_classes(client_for, bracknell, prefix, allowed):
    personas = [
        "anonymous",
        "member",
        "editor_bracknell",
        "analyst_bracknell",
        "regional_analyst",
        "admin",
    ]
    passed = {p for p in personas if client_for(p).get(f"/{prefix}/").status_code == 200}
    assert passed == allowed


def test_read_only_or_regional_admin(client_for, bracknell):
    assert client_for("anonymous").get("/read-only/").status_code == 200
    payload = {"name": "Kent", "slug": "kent"}
    assert client_for("editor_bracknell").post("/read-only/", payload).status_code == 403
    assert client_for("admin").post("/read-only/", payload).status_code == 201


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

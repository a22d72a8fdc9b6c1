"""Admin: ratings edited with history, drafts published by the admin action."""

import pytest
from django.urls import reverse

from evidence.models import Finding
from tests.factories import EvaluationFactory, FindingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(
        email="admin@example.org", role="regional_admin", is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    return client


def test_publish_action_publishes_selected_drafts(admin_client):
    drafts = FindingFactory.create_batch(2, status="draft")
    response = admin_client.post(
        reverse("admin:evidence_finding_changelist"),
        {"action": "publish_selected", "_selected_action": [f.pk for f in drafts]},
        follow=True,
    )
    assert response.status_code == 200
    assert set(Finding.objects.values_list("status", flat=True)) == {"published"}
    assert "Published 2 finding(s)" in response.content.decode()


def test_admin_pages_render_with_history(admin_client):
    evaluation = EvaluationFactory()
    finding = FindingFactory(evaluation=evaluation)
    for url in (
        reverse("admin:evidence_evaluation_changelist"),
        reverse("admin:evidence_evaluation_change", args=[evaluation.pk]),
        reverse("admin:evidence_evaluation_history", args=[evaluation.pk]),
        reverse("admin:evidence_finding_change", args=[finding.pk]),
        reverse("admin:evidence_finding_add"),
    ):
        assert admin_client.get(url).status_code == 200, url

"""The API guide page says what the public values API leaves out, and it is true."""

import pytest

from kpi.models import IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown_value(bracknell):
    from django.utils import timezone

    from kpi.models import Submission

    submission = Submission.objects.create(
        authority=bracknell,
        quarter="2018-Q1",
        sha256="0" * 64,
        file_name="c.csv",
        file_format=Submission.Format.CSV,
        status=Submission.Status.ACCEPTED,
        problems=[],
    )
    return IndicatorValue.objects.create(
        authority=bracknell,
        quarter="2018-Q1",
        cohort="all",
        cohort_position=99,
        indicator=1,
        measure="cp_plans_active",
        value=42,
        numerator=42,
        people=40,
        submission=submission,
        computed_at=timezone.now(),
    )


def test_the_guide_says_people_and_submission_are_null_for_the_public(client):
    body = client.get("/api/").content.decode()

    assert "<code>people</code>" in body and "<code>submission</code>" in body
    assert "is <code>null</code> for every figure" in body
    assert "is <code>null</code> unless you are that authority's analyst" in body


def test_and_the_public_values_api_does_as_the_guide_says(client, shown_value):
    row = client.get(f"/api/v1/kpi/values/{shown_value.pk}/").json()

    assert row["value"] == 42
    assert row["people"] is None
    assert row["submission"] is None

"""Retention: record-level rows older than RECORD_RETENTION_DAYS are purged; the
aggregates computed from them stay."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kpi.models import CPPlan, Family, IndicatorValue, Person, QuarterMeasures, Submission
from kpi.services.values import recompute_indicators
from tests.kpi.builders import build_submission, make_cohorts
from tests.kpi.indicator_cases import CASES, COHORTS

pytestmark = pytest.mark.django_db


def test_purge_removes_old_records_and_keeps_aggregates(bracknell, settings):
    settings.RECORD_RETENTION_DAYS = 365
    cohorts = make_cohorts(bracknell, COHORTS)
    old = build_submission(bracknell, "2018-Q1", CASES[0].rows, cohorts)
    recent = build_submission(bracknell, "2018-Q2", CASES[1].rows, cohorts)
    recompute_indicators(authority=bracknell, quarter="2018-Q1")
    Submission.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - timedelta(days=400),
        problems=[{"row": 2, "column": "D01", "value": "P1", "message": "x"}],
    )
    values_before = IndicatorValue.objects.count()

    call_command("purge_expired_records")

    assert not Family.objects.filter(submission=old).exists()
    assert not Person.objects.filter(submission=old).exists()
    assert not CPPlan.objects.filter(submission=old).exists()
    assert not QuarterMeasures.objects.filter(submission=old).exists()
    assert Person.objects.filter(submission=recent).exists()
    old.refresh_from_db()
    assert old.problems == []
    assert IndicatorValue.objects.count() == values_before

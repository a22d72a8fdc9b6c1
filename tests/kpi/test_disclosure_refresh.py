"""Values stored under older disclosure rules are recomputed by `migrate` (which `make run`
and every deployment run), so a portal upgraded in place shows no figure the current
rules hide."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kpi.disclosure import RULES_VERSION
from kpi.models import IndicatorValue
from kpi.returns.figures import Figure
from kpi.returns.services import submit_aggregates
from kpi.services.toolkit import ensure_cohorts
from kpi.services.values import recompute_indicators, recompute_stale_after_migrate
from tests.kpi.builders import build_submission, make_cohorts
from tests.kpi.indicator_cases import COHORTS, row

pytestmark = pytest.mark.django_db

START = date(2017, 11, 1)


@pytest.fixture
def values_from_older_rules(bracknell):
    """A quarter whose rate of 4 out of 5 and returned percentage without a count were
    stored, as the rules before issue 16 stored them, as shown."""
    rows = [
        row(f"F{n}", f"A{n}", START, child=False, I47=date(2017, 12, 1), I48=date(2018, 2, 1))
        | {"I49": "Completed" if n < 4 else "Not completed"}
        for n in range(5)
    ]
    rows += [row(f"G{n}", f"B{n}", START, child=False) for n in range(12)]
    build_submission(bracknell, "2018-Q1", rows, make_cohorts(bracknell, COHORTS))
    recompute_indicators(authority=bracknell, quarter="2018-Q1")
    submit_aggregates(
        authority=bracknell,
        quarter="2018-Q1",
        figures=[Figure("ae_children_pct", 12.5)],
        user=None,
        source="form",
    )
    IndicatorValue.objects.update(suppressed=False, disclosure_rules=1)
    return bracknell


def suppressed(measure: str) -> bool:
    return IndicatorValue.objects.get(measure=measure, cohort="all").suppressed


def test_migrate_recomputes_values_decided_under_older_rules(values_from_older_rules):
    call_command("migrate", verbosity=0)

    assert suppressed("da_completion_rate")  # 4 of 5
    assert suppressed("ae_children_pct")  # no count given
    assert not suppressed("people")
    assert set(IndicatorValue.objects.values_list("disclosure_rules", flat=True)) == {RULES_VERSION}


def test_a_database_not_yet_fully_migrated_is_left_alone(values_from_older_rules):
    # Migrating back to before the rules version existed: the state's model has no such
    # field, so nothing is read or recomputed with the current code.
    before = MigrationExecutor(connection).loader.project_state(
        ("kpi", "0005_record_links_checked_in_bulk")
    )
    recompute_stale_after_migrate(apps=before.apps, using="default")

    assert not suppressed("da_completion_rate")
    assert set(IndicatorValue.objects.values_list("disclosure_rules", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_flush_which_sends_post_migrate_without_a_migration_state_is_fine(bracknell):
    ensure_cohorts(authority=bracknell)  # returns start at the first cohort window
    submit_aggregates(
        authority=bracknell,
        quarter="2018-Q1",
        figures=[Figure("ae_children_pct", 12.5)],
        user=None,
        source="form",
    )
    IndicatorValue.objects.update(suppressed=False, disclosure_rules=1)
    recompute_stale_after_migrate(using="default")  # as flush sends it: no `apps`

    assert suppressed("ae_children_pct")
    call_command("flush", interactive=False, verbosity=0)
    assert not IndicatorValue.objects.exists()

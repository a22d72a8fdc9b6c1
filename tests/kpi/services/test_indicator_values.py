"""Stored indicator values: imported generated files give the reference's numbers,
recomputation replaces them, and `compute_kpis` drives it."""

import io

import pytest
from django.core.management import call_command

from kpi.generator import CohortGenerator, write_csv
from kpi.ingest.columns import BY_ATTR
from kpi.models import IndicatorValue
from kpi.quarters import Quarter
from kpi.services.imports import import_submission
from kpi.services.toolkit import ensure_cohorts
from kpi.services.values import recompute_indicators
from tests.factories import LocalAuthorityFactory
from tests.kpi import reference_indicators as reference

pytestmark = pytest.mark.django_db


def generated(slug: str, quarter: Quarter, families: int, seed: int) -> tuple[list[dict], bytes]:
    rows = list(
        CohortGenerator(authority_slug=slug, quarter=quarter, families=families, seed=seed).rows()
    )
    text = io.StringIO()
    write_csv(iter(rows), text)
    return rows, text.getvalue().encode("utf-8")


def as_codes(row: dict) -> dict:
    """Generator rows are keyed by attribute; the reference reads field codes."""
    coded = {}
    for attr, value in row.items():
        column = BY_ATTR[attr]
        if column.code:
            coded[column.code] = value
    return coded


def import_generated(authority, quarter: Quarter, content: bytes):
    file = io.BytesIO(content)
    file.name = "generated.csv"
    report = import_submission(
        authority=authority, quarter=quarter, file=file, user=None, background=False
    )
    assert report.outcome == "accepted", report
    return report


@pytest.mark.parametrize(("seed", "quarter"), [(1, "2018-Q1"), (2, "2018-Q2"), (3, "2019-Q1")])
def test_imported_file_gives_the_reference_numbers(seed, quarter):
    authority = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    cohorts = ensure_cohorts(authority=authority)
    period = Quarter.parse(quarter)
    rows, content = generated(authority.slug, period, families=60, seed=seed)
    import_generated(authority, period, content)
    recompute_indicators(authority=authority, quarter=quarter)

    windows = [(c.name, c.start, c.end) for c in cohorts]
    expected = reference.compute([as_codes(r) for r in rows], period.start, period.end, windows)
    stored = {(v.cohort, v.measure): v for v in IndicatorValue.objects.filter(authority=authority)}
    assert set(stored) == set(expected)
    for key, want in expected.items():
        got = stored[key]
        assert (got.numerator, got.denominator, got.people) == (
            want.numerator,
            want.denominator,
            want.people,
        ), key
        assert got.value == (None if want.value is None else pytest.approx(want.value)), key
    assert stored[("all", "people")].value > 0


def test_recompute_replaces_values_and_marks_small_cells():
    authority = LocalAuthorityFactory(slug="surrey", name="Surrey")
    ensure_cohorts(authority=authority)
    period = Quarter.parse("2018-Q1")
    _, content = generated(authority.slug, period, families=40, seed=9)
    import_generated(authority, period, content)
    first = recompute_indicators(authority=authority, quarter="2018-Q1")
    second = recompute_indicators(authority=authority, quarter="2018-Q1")
    assert first.values == second.values == IndicatorValue.objects.count()
    small = IndicatorValue.objects.filter(people__gte=1, people__lte=4)
    assert small.exists()
    assert not small.filter(suppressed=False).exists()


def test_compute_kpis_command_recomputes_one_authority():
    authority = LocalAuthorityFactory(slug="west-berkshire", name="West Berkshire")
    ensure_cohorts(authority=authority)
    period = Quarter.parse("2018-Q1")
    _, content = generated(authority.slug, period, families=20, seed=4)
    import_generated(authority, period, content)
    IndicatorValue.objects.all().delete()
    out = io.StringIO()
    call_command("compute_kpis", "--la", "west-berkshire", "--quarter", "2018-q1", stdout=out)
    assert "west-berkshire 2018-Q1" in out.getvalue()
    assert IndicatorValue.objects.filter(authority=authority, quarter="2018-Q1").exists()


def test_compute_kpis_rejects_an_unknown_authority():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No local authority"):
        call_command("compute_kpis", "--la", "nowhere")


def test_accepting_a_submission_recomputes_its_values_and_a_rejection_keeps_them():
    authority = LocalAuthorityFactory(slug="portsmouth", name="Portsmouth")
    ensure_cohorts(authority=authority)
    period = Quarter.parse("2018-Q2")
    _, content = generated(authority.slug, period, families=30, seed=5)
    import_generated(authority, period, content)
    first = dict(
        IndicatorValue.objects.filter(authority=authority).values_list("measure", "submission")
    )
    assert first

    _, other = generated(authority.slug, period, families=35, seed=6)
    report = import_generated(authority, period, other)
    values = IndicatorValue.objects.filter(authority=authority)
    assert set(values.values_list("submission", flat=True)) == {report.submission.pk}

    broken = io.BytesIO(b"R01,D01\nF1,P1\n")
    broken.name = "broken.csv"
    rejected = import_submission(authority=authority, quarter=period, file=broken, user=None)
    assert rejected.outcome == "rejected"
    assert set(values.values_list("submission", flat=True)) == {report.submission.pk}

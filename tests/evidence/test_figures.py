"""Vague stays vague (issue 18): a figure is exact, a range ("18–19"), a lower bound
("over 200") or approximate ("about 50"); pages show it as the source wrote it, the API and
the CSV say which kind it is and give its ends, and no midpoint is ever invented."""

import csv
import io
import shutil
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from evidence import region_data
from evidence.models import Evaluation, Finding
from sources.datafiles import DataFileInvalid
from sources.values import FigureFormatError, FigureKind, parse_figure
from tests.factories import FindingFactory

pytestmark = pytest.mark.django_db

CASELOAD = "bh-caseload-per-social-worker"
PULSE = "hampshire-checking-the-pulse"
HAMPSHIRE_DATA = "hampshire-approach-performance-data-2019"


@pytest.mark.parametrize(
    ("written", "kind", "value", "upper"),
    [
        (15, FigureKind.EXACT, "15", None),
        (12.5, FigureKind.EXACT, "12.5", None),
        ("6,000", FigureKind.EXACT, "6000", None),
        ("18–19", FigureKind.RANGE, "18", "19"),
        ("between 18 and 19", FigureKind.RANGE, "18", "19"),
        ("over 200", FigureKind.LOWER_BOUND, "200", None),
        ("more than 6,000", FigureKind.LOWER_BOUND, "6000", None),
        ("about 50", FigureKind.APPROXIMATE, "50", None),
    ],
)
def test_a_figure_is_read_as_the_source_writes_it(written, kind, value, upper):
    figure = parse_figure(written)
    assert (figure.kind, figure.value) == (kind, Decimal(value))
    assert figure.upper == (Decimal(upper) if upper else None)


@pytest.mark.parametrize("written", ["18 or so", "19–18", "many", True, ""])
def test_a_figure_in_no_known_form_is_refused(written):
    with pytest.raises(FigureFormatError):
        parse_figure(written)


def test_the_caseload_range_loads_with_both_ends_and_no_midpoint(loaded_evidence):
    finding = Finding.objects.get(key=CASELOAD)
    assert (finding.value_before_kind, finding.value_before) == ("range", Decimal("18"))
    assert finding.value_before_upper == Decimal("19")
    assert (finding.value_after_kind, finding.value_after) == ("exact", Decimal("15"))
    assert Decimal("18.5") not in {finding.value_before, finding.value_before_upper}


def test_over_200_loads_as_a_lower_bound_for_the_finding_and_the_sample(loaded_evidence):
    finding = Finding.objects.get(key=PULSE)
    assert (finding.sample_size_kind, finding.sample_size) == ("lower_bound", 200)
    assert finding.sample_size_upper is None
    evaluation = Evaluation.objects.get(slug=HAMPSHIRE_DATA)
    assert (evaluation.sample_staff_kind, evaluation.sample_staff) == ("lower_bound", 200)


def test_loading_twice_keeps_the_vague_figures_unchanged(loaded_evidence):
    summary = region_data.load()
    assert summary.created == summary.updated == 0


def test_pages_show_each_figure_as_the_source_wrote_it(loaded_evidence, client):
    caseload = client.get(f"/evidence/findings/{CASELOAD}/").content.decode()
    assert "18–19 → 15 children per social worker" in caseload
    assert "18.5" not in caseload
    assert "n = over 200" in client.get(f"/evidence/findings/{PULSE}/").content.decode()
    evaluation = client.get(f"/evidence/evaluations/{HAMPSHIRE_DATA}/").content.decode()
    assert "<li>over 200 staff</li>" in evaluation
    bracknell = client.get("/evidence/findings/bracknell-fsm-cost-avoidance/").content.decode()
    assert "over £2,000,000 per year" in bracknell


def test_an_approximate_figure_says_about(client):
    finding = FindingFactory(value_after=Decimal("50"), value_after_kind="approximate", unit="%")
    page = client.get(f"/evidence/findings/{finding.key}/").content.decode()
    assert "about 50%" in page
    data = client.get(f"/api/v1/evidence/findings/{finding.key}/").json()
    assert data["value_after"] is None
    assert data["figure_values"]["after"] == {
        "kind": "approximate",
        "value": 50.0,
        "low": None,
        "high": None,
        "text": "about 50",
    }


def test_the_api_gives_the_kind_and_ends_of_each_figure(loaded_evidence, client):
    data = client.get(f"/api/v1/evidence/findings/{CASELOAD}/").json()
    assert data["figure_values"]["before"] == {
        "kind": "range",
        "value": None,
        "low": 18.0,
        "high": 19.0,
        "text": "18–19",
    }
    assert data["value_before"] is None  # a range has no single value
    assert data["figure_values"]["after"]["kind"] == "exact"
    assert float(data["value_after"]) == 15
    assert data["figures"] == "18–19 → 15 children per social worker"
    pulse = client.get(f"/api/v1/evidence/findings/{PULSE}/").json()
    assert pulse["sample_size"] is None  # "over 200" is not n = 200
    assert pulse["figure_values"]["n"]["kind"] == "lower_bound"
    assert pulse["figure_values"]["n"]["value"] == 200.0
    evaluation = client.get(f"/api/v1/evidence/evaluations/{HAMPSHIRE_DATA}/").json()
    assert evaluation["sample_staff"] is None
    assert evaluation["sample_figures"]["staff"]["text"] == "over 200"
    assert evaluation["sample_figures"]["authorities"]["kind"] == "exact"


def test_the_csv_gives_the_kind_and_ends_beside_each_figure(loaded_evidence, client):
    response = client.get(
        "/api/v1/evidence/findings-csv/", {"model": "team-around-the-relationship"}
    )
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    row = rows[CASELOAD]
    assert row["value_before"] == ""
    assert (row["value_before_kind"], row["value_before_low"], row["value_before_high"]) == (
        "range",
        "18.0",
        "19.0",
    )
    assert row["value_before_as_written"] == "18–19"
    assert (row["value_after"], row["value_after_kind"]) == ("15.00", "exact")


@pytest.fixture
def evidence_copy(tmp_path):
    shutil.copy(region_data.DATA_FILE, tmp_path / "evidence.toml")
    return tmp_path / "evidence.toml"


def test_a_figure_the_loader_cannot_read_fails_with_file_line_and_field(
    seed_registry, evidence_copy
):
    text = evidence_copy.read_text()
    evidence_copy.write_text(text.replace('before = "18–19"', 'before = "18 or so"'))
    line = next(
        n
        for n, content in enumerate(evidence_copy.read_text().splitlines(), 1)
        if "18 or so" in content
    )
    with pytest.raises(DataFileInvalid) as raised:
        region_data.load(path=evidence_copy)
    [error] = raised.value.errors
    assert str(error).startswith(f"evidence.toml, line {line}, field 'before': '18 or so'")


def test_a_count_must_be_whole(seed_registry, evidence_copy):
    text = evidence_copy.read_text()
    evidence_copy.write_text(text.replace('n = "over 200"', 'n = "about 2.5"'))
    with pytest.raises(DataFileInvalid, match=r"field 'n'.*a count is a whole number"):
        region_data.load(path=evidence_copy)


def test_the_database_refuses_a_range_without_its_upper_end(db):
    finding = FindingFactory(value_before=Decimal("18"))
    finding.value_before_kind = FigureKind.RANGE
    with pytest.raises(ValidationError) as raised:
        finding.full_clean()
    assert "value_before" in raised.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(value_before_kind=FigureKind.RANGE)


def test_only_a_range_has_an_upper_end(db):
    finding = FindingFactory(value_after=Decimal("15"))
    finding.value_after_upper = Decimal("16")
    with pytest.raises(ValidationError, match="Only a range has an upper end"):
        finding.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(value_after_upper=Decimal("16"))

"""Every CSV the portal sends goes through seslip.csv_safety: the list of places that build a
csv.writer of their own is closed, and each export neutralises what it writes."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import FindingFactory, PracticeModelFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "evidence", "kpi", "models_registry", "seslip"]
# Not exports: the synthetic cohort generator writes files the importer reads back, and the
# import's COPY batches go to PostgreSQL only. Both must stay byte for byte what they are.
NOT_EXPORTS = {"seslip/csv_safety.py", "kpi/generator.py", "kpi/ingest/staging.py"}
RAW_WRITER = re.compile(r"csv\.(writer|DictWriter)\(")


def test_only_the_shared_writer_and_the_two_non_exports_build_a_csv_writer():
    builders = {
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if RAW_WRITER.search(path.read_text(encoding="utf-8"))
    }
    assert builders <= NOT_EXPORTS, builders - NOT_EXPORTS


@pytest.mark.django_db
def test_evidence_export_neutralises_padded_and_full_width_formulas(client):
    model = PracticeModelFactory(slug="family-safeguarding")
    FindingFactory(practice_model=model, statement=" =cmd|' /C calc'!A0", measure="＠x")
    response = client.get(reverse("evidence-api:finding-csv"), {"model": "family-safeguarding"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["statement"] == "' =cmd|' /C calc'!A0"
    assert rows[0]["measure"] == "'＠x"


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_the_api_csv_leaves_a_number_that_is_not_finite_empty(number):
    """A returned figure that is not a number is not shown: an empty cell, as for a
    suppressed one, never `nan` or `inf`."""
    from seslip.renderers import SafeCSVRenderer

    rendered = SafeCSVRenderer().render([{"measure": "ae_children_pct", "value": number}])

    assert rendered.decode().splitlines() == ["measure,value", "ae_children_pct,"]

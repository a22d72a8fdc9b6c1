"""The KPI pages, API and code cite the portal's own KPI specification
(docs/kpi-specification.md) by section, and the toolkit by its title: never "seed" or
"kpi-spec", which no reader can find."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from kpi.definitions import INDICATORS, SPECIFICATION_SECTIONS, TOOLKIT
from kpi.models import Cohort, FieldDefinition, IndicatorDefinition
from kpi.services.toolkit import ensure_cohorts, load_definitions

ROOT = Path(__file__).resolve().parents[2]
SPECIFICATION = ROOT / "docs" / "kpi-specification.md"
# "kpi-spec" on its own, not the start of "kpi-specification.md".
UNFINDABLE = re.compile(r"\bseed\b|kpi-spec(?!ification)", re.IGNORECASE)


def specification_sections() -> set[str]:
    """Every numbered section and paragraph of the specification: '6', '6.2', '9.7'…"""
    text = SPECIFICATION.read_text()
    headings = re.findall(r"^## (\d+)\. ", text, re.MULTILINE)
    paragraphs = re.findall(r"^(\d+\.\d+)\. ", text, re.MULTILINE)
    return set(headings) | set(paragraphs)


def cited_sections(locator: str) -> list[str]:
    return re.findall(r"§(\d+(?:\.\d+)?)", locator)


def test_every_indicator_cites_sections_that_exist():
    sections = specification_sections()
    assert {"2", "3", "4", "5", "6", "7", "8", "9", "6.4", "9.7", "9.8"} <= sections
    assert set(SPECIFICATION_SECTIONS) == {spec.number for spec in INDICATORS}
    for number, locator in SPECIFICATION_SECTIONS.items():
        cited = cited_sections(locator)
        assert cited, number
        assert set(cited) <= sections, (number, locator)


def test_the_specification_states_the_code_s_interpretations():
    text = SPECIFICATION.read_text()
    assert "Indicator 3 counts only plans since FS intervention" in text
    assert "Every rate is a percentage" in text
    for code in ("R13", "I66", "X01", "UASC"):
        assert code in text


def test_definitions_page_cites_the_specification_and_the_toolkit(client, db):
    load_definitions()
    html = client.get(reverse("kpi:definitions")).content.decode()

    assert not UNFINDABLE.search(html), UNFINDABLE.search(html)
    assert "Models of Social Work Practice" in html
    indicator_3 = html[html.index('id="indicator-3"') : html.index('id="indicator-4"')]
    assert "Indicator 3" in indicator_3
    assert "The portal&#x27;s KPI specification (docs/kpi-specification.md), §6.4, §9.7" in (
        indicator_3
    )
    assert "KPI specification §9.1" in html  # the R13 note


def test_indicators_api_gives_each_citation_as_an_object(client, db):
    load_definitions()
    indicators = client.get("/api/v1/kpi/indicators/").json()

    assert not UNFINDABLE.search(str(indicators))
    sections = specification_sections()
    for item in indicators:
        toolkit, specification = item["citations"]
        assert toolkit["title"] == TOOLKIT
        assert toolkit["locator"].startswith("Indicator")
        assert "docs/kpi-specification.md" in specification["title"]
        assert set(cited_sections(specification["locator"])) <= sections
    by_number = {item["number"]: item for item in indicators}
    assert by_number[18]["citations"][1]["locator"] == "§6.13, §9.8"
    assert by_number[9]["citations"][0]["locator"] == "Indicators 8 & 9"


def test_the_specification_page_has_every_cited_section(client, db):
    load_definitions()
    page = client.get(reverse("kpi:specification"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "The portal's Family Safeguarding KPI specification</h1>" in html
    for locator in SPECIFICATION_SECTIONS.values():
        for section in cited_sections(locator):
            assert f'id="section-{section}"' in html, section
    assert '<table class="govuk-table">' in html and 'scope="col"' in html
    assert not UNFINDABLE.search(html)

    definitions = client.get(reverse("kpi:definitions")).content.decode()
    assert f'href="{reverse("kpi:specification")}#section-6.4"' in definitions


def test_indicators_api_links_the_specification_section(client, db):
    load_definitions()
    indicator_3 = client.get("/api/v1/kpi/indicators/3/").json()
    toolkit, specification = indicator_3["citations"]
    assert toolkit["url"] is None
    assert specification["url"] == "http://testserver/kpi/specification/#section-6.4"


def test_loaded_definitions_and_cohorts_cite_the_toolkit_by_title(db, fs_bracknell):
    load_definitions()
    ensure_cohorts(authority=fs_bracknell)
    for model in (IndicatorDefinition, FieldDefinition, Cohort):
        assert set(model.objects.values_list("source", flat=True)) == {TOOLKIT}


@pytest.mark.parametrize(
    "path", ["kpi", "templates/kpi", "docs/kpi.md", "docs/kpi-ingest.md", "accounts"]
)
def test_kpi_code_and_docs_cite_no_unfindable_document(path):
    """Migrations keep their history; nothing else names a document the reader cannot find."""
    root = ROOT / path
    files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
    offending = []
    for file in files:
        if "migrations" in file.parts or file.suffix not in {".py", ".html", ".md"}:
            continue
        for number, line in enumerate(file.read_text().splitlines(), start=1):
            if re.search(r"kpi-spec(?!ification)|\b[Ss]eed (00\d|document)", line):
                offending.append(f"{file.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offending == []

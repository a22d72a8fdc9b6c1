"""Evaluations link to the document they are, and evaluations and findings cite where the
portal reads them (docs/adr/0008-sources-and-citations.md)."""

import pytest

from evidence import region_data
from evidence.models import Evaluation, Finding
from sources.datafiles import DataFileInvalid

pytestmark = pytest.mark.django_db


def test_an_evaluation_links_to_its_document_and_cites_where_it_is_read(loaded_evidence):
    hertfordshire = Evaluation.objects.get(
        slug="family-safeguarding-hertfordshire-york-consulting-2017"
    )
    assert hertfordshire.source.key == "hertfordshire-family-safeguarding-evaluation"
    assert hertfordshire.source.title == ""  # no document gives its title
    [citation] = hertfordshire.citations.all()
    assert citation.source.key == "seslip-models-of-social-work-practice-2020"


def test_a_finding_cites_its_section_and_the_original_page(loaded_evidence):
    finding = Finding.objects.filter(
        evaluation__slug="family-safeguarding-hertfordshire-york-consulting-2017",
        page_reference="p11",
    ).first()
    cited = [(c.source.key, c.locator) for c in finding.citations.all()]
    assert cited == [
        ("seslip-models-of-social-work-practice-2020", finding.source_section),
        ("hertfordshire-family-safeguarding-evaluation", "p11"),
    ]


def test_the_api_gives_each_citation_as_an_object(loaded_evidence, client):
    body = client.get(
        "/api/v1/evidence/evaluations/family-safeguarding-hertfordshire-york-consulting-2017/"
    ).json()
    assert body["source"] == "hertfordshire-family-safeguarding-evaluation"
    [citation] = body["citations"]
    assert citation["source"] == "seslip-models-of-social-work-practice-2020"
    assert citation["title"] == "Models of Social Work Practice"
    assert citation["locator"]


def test_an_evaluation_citing_an_unknown_source_stops_the_load(seed_registry, tmp_path):
    text = region_data.DATA_FILE.read_text(encoding="utf-8")
    broken = text.replace(
        'source = "hertfordshire-family-safeguarding-evaluation"', 'source = "seed-001"', 1
    )
    path = tmp_path / "evidence.toml"
    path.write_text(broken, encoding="utf-8")
    line = broken[: broken.index('source = "seed-001"')].count("\n") + 1
    with pytest.raises(DataFileInvalid) as caught:
        region_data.load(path=path)
    [error] = caught.value.errors
    assert (error.path.name, error.line, error.field) == ("evidence.toml", line, "source")
    assert not Evaluation.objects.exists()

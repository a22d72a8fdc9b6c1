"""The evidence map against a hand-built library: counts, strongest evidence, direction, gaps."""

import pytest
from django.urls import reverse

from evidence import selectors
from tests.factories import (
    EvaluationFactory,
    FindingFactory,
    OutcomeDomainFactory,
    PracticeModelFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    fsm = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    sos = PracticeModelFactory(slug="signs-of-safety", name="Signs of Safety")
    sf = PracticeModelFactory(slug="strengthening-families", name="Strengthening Families")
    care = OutcomeDomainFactory(slug="entering-care", short_name="Entering care", position=1)
    cost = OutcomeDomainFactory(slug="cost", short_name="Cost", position=2)
    moderate = EvaluationFactory(slug="moderate", sms_level=3, strength="moderate")
    preliminary = EvaluationFactory(slug="preliminary")
    own = EvaluationFactory(slug="own", self_reported=True)
    FindingFactory(evaluation=moderate, practice_model=fsm, outcome_domain=care)
    FindingFactory(
        evaluation=preliminary, practice_model=fsm, outcome_domain=care, direction="worse"
    )
    FindingFactory(evaluation=own, practice_model=fsm, outcome_domain=care)
    FindingFactory(evaluation=own, practice_model=fsm, outcome_domain=cost)
    FindingFactory(
        evaluation=preliminary, practice_model=sos, outcome_domain=care, direction="improved"
    )
    FindingFactory(
        evaluation=preliminary, practice_model=sos, outcome_domain=care, direction="no_change"
    )
    FindingFactory(evaluation=moderate, practice_model=sos, outcome_domain=cost, status="draft")
    return {"fsm": fsm, "sos": sos, "sf": sf, "care": care, "cost": cost}


def cell(evidence_map, model, domain):
    row = next(r for r in evidence_map.rows if r.model == model)
    return next(c for c in row.cells if c.domain == domain)


def test_cells_count_published_findings_with_strongest_evidence_and_its_direction(library):
    result = selectors.evidence_map()
    fsm_care = cell(result, library["fsm"], library["care"])
    assert (fsm_care.count, fsm_care.independent_count) == (3, 2)
    assert (fsm_care.strength, fsm_care.direction) == ("moderate", "improved")
    fsm_cost = cell(result, library["fsm"], library["cost"])
    assert (fsm_cost.count, fsm_cost.strength_label) == (1, "Not rated (self-reported)")
    sos_care = cell(result, library["sos"], library["care"])
    assert (sos_care.count, sos_care.strength, sos_care.direction) == (2, "preliminary", "mixed")


def test_drafts_and_gaps_show_as_no_evidence(library):
    result = selectors.evidence_map()
    draft_only = cell(result, library["sos"], library["cost"])
    assert (draft_only.count, draft_only.strength_label) == (0, "No evidence")
    assert library["sf"] in result.models_without_evidence
    assert library["fsm"] not in result.models_without_evidence


def test_map_page_reads_without_colour_and_links_each_cell_to_its_findings(client, library):
    response = client.get(reverse("evidence:map"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "3 findings" in html and "Moderate" in html and "Improved" in html
    assert "No evidence" in html
    assert "/evidence/search/?model=family-safeguarding&amp;outcome=entering-care" in html
    assert "Strengthening Families" in html


def test_map_query_count_is_constant(client, django_assert_max_num_queries, library):
    with django_assert_max_num_queries(4):  # + the response cache's data version
        client.get(reverse("evidence:map"))
    for _ in range(10):
        model = PracticeModelFactory()
        domain = OutcomeDomainFactory()
        FindingFactory.create_batch(10, practice_model=model, outcome_domain=domain)
    with django_assert_max_num_queries(4):  # + the response cache's data version
        response = client.get(reverse("evidence:map"))
    assert response.status_code == 200


def test_findings_about_no_single_model_get_their_own_row_and_facet(client, library):
    FindingFactory(practice_model=None, outcome_domain=library["care"], key="regional")
    result = selectors.evidence_map()
    across = result.rows[-1]
    assert across.model is None and across.total == 1
    regional = next(c for c in across.cells if c.domain == library["care"])
    assert regional.search_url == "/evidence/search/?model=null&outcome=entering-care"
    response = client.get(regional.search_url)
    assert [row.finding.key for row in response.context["rows"]] == ["regional"]
    assert "Across models" in client.get(reverse("evidence:map")).content.decode()

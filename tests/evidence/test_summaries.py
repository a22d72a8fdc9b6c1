"""The summaries the registry's model, authority and compare pages include."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from evidence import selectors
from tests.factories import (
    EvaluationFactory,
    FindingFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fsm():
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    moderate = EvaluationFactory(sms_level=3, strength="moderate")
    own = EvaluationFactory(self_reported=True)
    FindingFactory(practice_model=model, evaluation=moderate, key="best")
    FindingFactory.create_batch(2, practice_model=model, evaluation=own)
    FindingFactory(practice_model=model, evaluation=moderate, status="draft")
    return model


def test_model_summary_counts_by_strength_and_lists_strongest_first(fsm):
    summary = selectors.evidence_summary_for_model(fsm)
    counts = {item.strength: item.count for item in summary.by_strength}
    assert counts == {
        "strong": 0,
        "moderate": 1,
        "preliminary": 0,
        "descriptive": 0,
        "not_rated": 2,
    }
    assert summary.total == 3
    assert summary.strongest[0].finding.key == "best"
    assert summary.search_url == "/evidence/search/?model=family-safeguarding"


def test_authority_summary_and_its_template(db):
    herts = LocalAuthorityFactory(slug="hertfordshire", name="Hertfordshire")
    FindingFactory(authority=herts, statement="Days in care halved")
    summary = selectors.evidence_summary_for_authority(herts)
    html = render_to_string(
        "evidence/includes/authority_evidence_summary.html",
        {"evidence": summary, "authority": herts},
    )
    assert "Days in care halved" in html
    assert "/evidence/search/?authority=hertfordshire" in html
    empty = LocalAuthorityFactory()
    html = render_to_string(
        "evidence/includes/model_evidence_summary.html",
        {"evidence": selectors.evidence_summary_for_model(PracticeModelFactory()), "model": empty},
    )
    assert "no published findings" in html


def test_counts_for_compare_page_in_one_query(fsm, django_assert_num_queries):
    none = PracticeModelFactory()
    with django_assert_num_queries(1):
        counts = selectors.evidence_counts_for_models([fsm, none])
    assert (counts[fsm.pk].count, counts[fsm.pk].strongest) == (3, "moderate")
    assert (counts[none.pk].count, counts[none.pk].strongest_label) == (0, "No evidence")


def test_summaries_are_constant_query(fsm):
    """The summary and its rendering take the same queries whatever the number of
    findings (the shown findings' citations and sources are prefetched, not per row)."""

    def queries_for_summary() -> int:
        with CaptureQueriesContext(connection) as queries:
            summary = selectors.evidence_summary_for_model(fsm)
            render_to_string(
                "evidence/includes/model_evidence_summary.html",
                {"evidence": summary, "model": fsm},
            )
        return len(queries)

    FindingFactory(practice_model=fsm)
    queries_for_summary()  # content types are cached after the first lookup
    few = queries_for_summary()
    FindingFactory.create_batch(10, practice_model=fsm, authority=LocalAuthorityFactory())
    assert queries_for_summary() == few <= 6

"""The registry's pages carry the evidence library's summary of what is known."""

import pytest

from tests.factories import (
    EvaluationFactory,
    FindingFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidenced():
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding Model")
    authority = LocalAuthorityFactory(slug="hertfordshire", name="Hertfordshire")
    evaluation = EvaluationFactory()
    FindingFactory(evaluation=evaluation, practice_model=model, authority=authority)
    return model, authority


def test_model_page_shows_its_evidence_summary(client, evidenced):
    model, _ = evidenced
    body = client.get(f"/models/{model.slug}/").content.decode()
    assert 'id="evidence"' in body
    assert "/evidence/search/?model=family-safeguarding" in body


def test_authority_page_shows_evidence_about_it(client, evidenced):
    _, authority = evidenced
    body = client.get(f"/authorities/{authority.slug}/").content.decode()
    assert "Evidence about Hertfordshire" in body
    assert "authority=hertfordshire" in body


def test_compare_has_an_evidence_row(client, evidenced):
    model, _ = evidenced
    other = PracticeModelFactory(slug="signs-of-safety", name="Signs of Safety")
    body = client.get(f"/compare/?models={model.slug}&models={other.slug}").content.decode()
    assert "1 finding; strongest evidence:" in body
    assert "No published findings" in body

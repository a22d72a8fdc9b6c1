"""Titles, authors and publishers as the documents give them; the map counts what they
report (docs/data-review.md, "Evidence library")."""

import pytest
from django.urls import reverse

from evidence import selectors
from evidence.models import Evaluation, Finding

INVENTED_TITLES = [
    "Family Safeguarding in Bracknell Forest: the authority's report of its impact",
    "Transforming social care in Hampshire: initial evaluation report",
    "Signs of Safety: systematic review of the evidence",
    "Signs of Safety EIP2 evaluation: interim findings",
    "Islington: Doing what counts, measuring what matters — evaluation report",
]


def test_no_invented_title_or_publisher_is_loaded(loaded_evidence):
    titles = set(Evaluation.objects.values_list("title", flat=True))
    assert not titles & set(INVENTED_TITLES)
    oxford_brookes = Evaluation.objects.get(slug="hampshire-approach-oxford-brookes")
    assert (oxford_brookes.publisher, oxford_brookes.url) == ("", "")
    assert "University" not in oxford_brookes.evaluator
    publishers = set(Evaluation.objects.values_list("publisher", flat=True))
    assert "Department for Education" not in publishers
    hertfordshire = Evaluation.objects.get(
        slug="family-safeguarding-hertfordshire-york-consulting-2017"
    )
    assert "York Consulting" not in hertfordshire.evaluator


def test_an_untitled_source_is_shown_as_untitled(client, loaded_evidence):
    slug = "signs-of-safety-wwcsc-review-2018"
    title = Evaluation.objects.get(slug=slug).title
    assert title.startswith("Untitled — ")
    assert "as cited in the SESLIP report" in title and "§2.3.10" in title
    page = client.get(reverse("evidence:evaluation", args=[slug])).content.decode()
    assert "Untitled — a systematic review of Signs of Safety research" in page
    bibtex = client.get(reverse("evidence:evaluation-bibtex", args=[slug])).content.decode()
    assert "title = {Untitled — a systematic review" in bibtex
    api = client.get(f"/api/v1/evidence/evaluations/{slug}/").json()
    assert api["title"] == title


def test_a_titled_source_keeps_its_published_title(loaded_evidence):
    assert Evaluation.objects.get(slug="signs-of-safety-roses-in-concrete-part-2").title == (
        "You Can't Grow Roses in Concrete Part 2"
    )


def test_vague_figures_are_not_stored_as_exact_numbers(loaded_evidence):
    # "between 18 and 19" is a range with both ends, "over 200" a lower bound
    # (tests/evidence/test_figures.py has each kind on the pages, in the API and the CSV).
    caseload = Finding.objects.get(key="bh-caseload-per-social-worker").figure("value_before")
    assert (caseload.kind, caseload.value, caseload.upper) == ("range", 18, 19)
    pulse = Finding.objects.get(key="hampshire-checking-the-pulse")
    assert pulse.sample_size_kind == "lower_bound" and "Over 200" in pulse.statement


def _cell(evidence_map, model_slug, domain_slug):
    row = next(r for r in evidence_map.rows if r.model and r.model.slug == model_slug)
    return next(c for c in row.cells if c.domain.slug == domain_slug)


@pytest.mark.parametrize(
    ("model", "domain", "count", "independent"),
    [
        # The Hertfordshire evaluation, Bracknell Forest, West Berkshire, Learning Summary #3.
        ("family-safeguarding", "child-protection", 4, 1),
        ("family-safeguarding", "children-in-need", 2, 0),
        ("hampshire-approach", "implementation", 1, 0),
        ("team-around-the-relationship", "implementation", 2, 0),
        ("team-around-the-relationship", "family-outcomes", 2, 0),
        ("signs-of-safety", "workforce-wellbeing", 2, 2),
        ("signs-of-safety", "workforce-caseloads", 2, 2),
        ("connected-practice", "cost", 1, 0),
        ("systemic-practice", "workforce-stability", 2, 0),
    ],
)
def test_map_counts_what_the_documents_report(loaded_evidence, model, domain, count, independent):
    cell = _cell(selectors.evidence_map(), model, domain)
    assert (cell.count, cell.independent_count) == (count, independent)
    assert cell.has_evidence


def test_map_page_shows_the_added_evidence_and_no_seed_wording(client, loaded_evidence):
    html = client.get(reverse("evidence:map")).content.decode()
    assert "seed" not in html.lower()
    assert (
        '4 findings<span class="govuk-visually-hidden"> on child protection plans and '
        "repeat plans: Family safeguarding" in html
    )

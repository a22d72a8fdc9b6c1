"""Search and facets: the same matches on SQLite and PostgreSQL; ranking on PostgreSQL."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from evidence import search
from evidence.models import Finding
from tests.factories import (
    EvaluationFactory,
    FindingFactory,
    LocalAuthorityFactory,
    OutcomeDomainFactory,
    PracticeModelFactory,
)

pytestmark = pytest.mark.django_db


def keys(response) -> list[str]:
    return [row.finding.key for row in response.context["rows"]]


def test_entering_care_finds_the_hertfordshire_finding_with_figures_page_and_rating(
    client, loaded_evidence
):
    response = client.get(reverse("evidence:search"), {"q": "entering care"})
    assert "herts-fsm-families-with-child-entering-care" in keys(response)
    html = response.content.decode()
    assert "12 → 10% of families" in html
    # The original report's page, cited as a link to the document's page.
    assert (
        'href="/sources/hertfordshire-family-safeguarding-evaluation/">The evaluation of '
        "Family Safeguarding in Hertfordshire: untitled (as cited in Models of Social Work "
        "Practice)</a>, p11"
    ) in html
    assert "Preliminary" in html


def test_every_word_must_match(loaded_evidence):
    found = search.search_findings(Finding.objects.all(), "police contacts")
    assert "herts-fsm-police-contacts" in {f.key for f in found}
    assert not search.search_findings(Finding.objects.all(), "police zyzzyva").exists()


@pytest.mark.postgres_only
def test_postgres_ranks_statement_matches_above_context_matches(db):
    strong = FindingFactory(key="in-statement", statement="Fewer children entering care.")
    weak_eval = EvaluationFactory(summary="A report that mentions care once.")
    FindingFactory(key="in-summary", statement="Staff turnover fell.", evaluation=weak_eval)
    found = list(search.search_findings(Finding.objects.all(), "care"))
    assert [f.key for f in found] == [strong.key, "in-summary"]
    assert found[0].rank > found[1].rank


@pytest.mark.postgres_only
def test_postgres_headline_is_escaped_then_marked(db):
    FindingFactory(key="x", statement="<script>alert(1)</script> care entering")
    item = search.search_findings(Finding.objects.all(), "care").get()
    from evidence.presenters import mark_headline

    html = str(mark_headline(item.headline))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>care</mark>" in html


@pytest.fixture
def faceted():
    fsm = PracticeModelFactory(slug="family-safeguarding")
    sos = PracticeModelFactory(slug="signs-of-safety")
    herts = LocalAuthorityFactory(slug="hertfordshire")
    care = OutcomeDomainFactory(slug="entering-care")
    cost = OutcomeDomainFactory(slug="cost")
    old = EvaluationFactory(
        slug="old", year=2015, design="qualitative", sms_level=1, strength="descriptive"
    )
    new = EvaluationFactory(
        slug="new", year=2019, design="quasi_experimental", sms_level=3, strength="moderate"
    )
    own = EvaluationFactory(slug="own", year=2020, self_reported=True)
    FindingFactory(
        key="a", practice_model=fsm, authority=herts, outcome_domain=care, evaluation=old
    )
    FindingFactory(
        key="b", practice_model=sos, outcome_domain=cost, evaluation=new, direction="worse"
    )
    FindingFactory(key="c", practice_model=fsm, outcome_domain=cost, evaluation=own)
    FindingFactory(
        key="draft", practice_model=fsm, outcome_domain=cost, evaluation=own, status="draft"
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"a", "b", "c"}),
        ({"model": "family-safeguarding"}, {"a", "c"}),
        ({"authority": "hertfordshire"}, {"a"}),
        ({"outcome": "cost"}, {"b", "c"}),
        ({"direction": "worse"}, {"b"}),
        ({"design": "quasi_experimental"}, {"b"}),
        ({"strength": "descriptive"}, {"a"}),
        ({"year_from": "2016"}, {"b", "c"}),
        ({"year_to": "2019"}, {"a", "b"}),
        ({"year_from": "2016", "year_to": "2019"}, {"b"}),
        ({"source": "independent"}, {"a", "b"}),
        ({"source": "self_reported"}, {"c"}),
        ({"model": "family-safeguarding", "outcome": "cost"}, {"c"}),
    ],
)
def test_each_facet_filters_published_findings(client, faceted, params, expected):
    response = client.get(reverse("evidence:search"), params)
    assert response.status_code == 200
    assert set(keys(response)) == expected


def test_an_invalid_facet_is_reported_not_raised(client, faceted):
    response = client.get(reverse("evidence:search"), {"year_from": "soon"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert keys(response) == []


def test_results_paginate_and_keep_the_query_in_page_links(client, db):
    FindingFactory.create_batch(25, statement="Children entering care fell.")
    response = client.get(reverse("evidence:search"), {"q": "care", "model": ""})
    assert len(keys(response)) == 20
    html = response.content.decode()
    assert "q=care" in html and "page=2" in html
    second = client.get(reverse("evidence:search"), {"q": "care", "page": "2"})
    assert len(keys(second)) == 5


def test_statement_and_quotation_are_escaped_in_results(client, db):
    FindingFactory(
        statement="<script>alert('statement')</script> care",
        quotation="<img src=x onerror=alert(1)>",
        quotation_attribution="<b>someone</b>",
    )
    html = client.get(reverse("evidence:search"), {"q": "care"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "<b>someone</b>" not in html


def test_search_query_count_is_constant(client, django_assert_max_num_queries, db):
    FindingFactory.create_batch(2, statement="care")
    with django_assert_max_num_queries(7):  # + the findings' citations
        client.get(reverse("evidence:search"), {"q": "care", "model": ""})
    FindingFactory.create_batch(20, statement="care", authority=LocalAuthorityFactory())
    with django_assert_max_num_queries(7):
        response = client.get(reverse("evidence:search"), {"q": "care"})
    assert len(keys(response)) == 20


@pytest.mark.parametrize("query", ["care & ! ' :*", '"entering care"', "-care", "(", "or", "<b>"])
def test_odd_queries_are_answered_not_raised(client, db, query):
    FindingFactory(statement="Children entering care fell.")
    response = client.get(reverse("evidence:search"), {"q": query})
    assert response.status_code == 200
    assert f"for ‘{escape(query)}’" in response.content.decode()


def test_csv_link_carries_the_query_and_facets(client, faceted):
    html = client.get(
        reverse("evidence:search"), {"q": "Statement", "model": "family-safeguarding"}
    ).content.decode()
    assert "/api/v1/evidence/findings-csv/?q=Statement&amp;model=family-safeguarding" in html


def test_a_search_of_more_words_than_are_searched_says_so_instead_of_dropping_words(client, db):
    """Only MAX_QUERY_WORDS words are searched: a longer search is refused with a message
    (page) or a 400 (API), not silently cut to its first words."""
    FindingFactory(statement="Children entering care fell.")
    twelve = " ".join(["care"] * 12)
    thirteen = twelve + " nothing"

    found = client.get(reverse("evidence:search"), {"q": twelve})
    refused = client.get(reverse("evidence:search"), {"q": thirteen})
    api = client.get("/api/v1/evidence/findings/", {"q": thirteen})

    assert len(keys(found)) == 1
    assert refused.status_code == 400  # the page with the field error (PortalFilterSet)
    assert "Search for 12 words or fewer (this has 13)" in refused.content.decode()
    assert keys(refused) == []
    assert api.status_code == 400
    assert "12 words or fewer" in api.content.decode()

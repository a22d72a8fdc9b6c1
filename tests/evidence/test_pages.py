"""Evaluation and finding pages, citations and their escaping."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from evidence import presenters
from evidence.models import Evaluation, Finding
from tests.factories import EvaluationFactory, FindingFactory, OutcomeDomainFactory

pytestmark = pytest.mark.django_db


def test_evaluation_page_shows_design_rating_reason_sample_and_findings_by_outcome(
    client, loaded_evidence
):
    url = reverse(
        "evidence:evaluation", args=["family-safeguarding-hertfordshire-york-consulting-2017"]
    )
    html = client.get(url).content.decode()
    assert "Before-and-after without comparison" in html
    assert "Preliminary" in html and "Maryland SMS level 2" in html
    assert "no concurrent comparison group" in html
    assert "386 families" in html
    assert "Children entering and spending time in care" in html
    assert "20.5 → 9.8 days per family" in html
    assert "citation.bib" in html and "citation.ris" in html
    # Cited as the SESLIP report cites it: no title, no evaluator named (docs/data-review.md).
    assert "Not named in the SESLIP report" in html
    assert (
        "(2017). Untitled — &quot;the Hertfordshire evaluation&quot; of Family Safeguarding" in html
    )
    assert "York Consulting (2017)" not in html  # its reason explains the two evaluations


def test_self_reported_evaluation_is_labelled_and_not_rated(client, loaded_evidence):
    url = reverse(
        "evidence:evaluation", args=["family-safeguarding-bracknell-forest-self-reported-2020"]
    )
    html = client.get(url).content.decode()
    assert "Self-reported" in html
    assert "Not rated (self-reported)" in html
    assert "“over £2m per annum in cost avoidance”" in html
    assert "Autumn 2020" in html


def test_unknown_evaluation_and_finding_are_404(client, db):
    assert client.get(reverse("evidence:evaluation", args=["nope"])).status_code == 404
    assert client.get(reverse("evidence:finding", args=["nope"])).status_code == 404


def test_draft_findings_are_not_public(client, db):
    draft = FindingFactory(status="draft", statement="A proposal")
    assert client.get(reverse("evidence:finding", args=[draft.key])).status_code == 404
    page = client.get(draft.evaluation.get_absolute_url()).content.decode()
    assert "A proposal" not in page


def test_finding_page_opens_from_a_search_result(client, loaded_evidence):
    response = client.get(reverse("evidence:finding", args=["herts-fsm-police-contacts"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "change \u221266%" in html
    assert "“monthly contacts reduced by 66%”" in html


def test_bibtex_and_ris_downloads(client, loaded_evidence):
    slug = "family-safeguarding-hertfordshire-york-consulting-2017"
    bib = client.get(reverse("evidence:evaluation-bibtex", args=[slug]))
    assert bib["Content-Disposition"].endswith('.bib"')
    text = bib.content.decode()
    assert text.startswith("@techreport{family-safeguarding-hertfordshire")
    assert "year = {2017}" in text and "title = {Untitled — " in text
    assert "York Consulting" not in text and "institution" not in text
    ris = client.get(reverse("evidence:evaluation-ris", args=[slug])).content.decode()
    assert ris.startswith("TY  - RPRT") and "PY  - 2017" in ris and ris.rstrip().endswith("ER  -")


def test_bibtex_escapes_special_characters(db):
    evaluation = EvaluationFactory(title="Costs & {savings} 100%", evaluator="A_B")
    text = presenters.citation_bibtex(evaluation)
    assert r"Costs \& \{savings\} 100\%" in text and r"A\_B" in text


def test_quotation_and_statement_are_escaped_on_the_evaluation_page(client, db):
    finding = FindingFactory(
        statement="<script>alert('x')</script>",
        quotation='"><svg onload=alert(1)>',
        quotation_attribution="<i>x</i>",
    )
    html = client.get(finding.evaluation.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<svg" not in html and "<i>x</i>" not in html
    assert "&lt;script&gt;" in html


def test_highlighting_escapes_before_marking():
    html = str(presenters.highlight_words("<b>care</b> & Care", ["care"]))
    assert html == "&lt;b&gt;<mark>care</mark>&lt;/b&gt; &amp; <mark>Care</mark>"
    assert str(presenters.highlight_words("a <mark>", ["mark"])) == "a &lt;<mark>mark</mark>&gt;"


def test_evaluation_page_query_count_is_constant(client, django_assert_max_num_queries, db):
    evaluation = EvaluationFactory()
    FindingFactory(evaluation=evaluation)
    # The citations look up their content types once per server process: warm that cache
    # as any earlier request would have, so that the count does not depend on test order.
    ContentType.objects.get_for_models(Evaluation, Finding)
    # + the response cache's data version; + the evaluation's and findings' citations
    with django_assert_max_num_queries(7):
        client.get(evaluation.get_absolute_url())
    for _ in range(10):
        FindingFactory(evaluation=evaluation, outcome_domain=OutcomeDomainFactory())
    with django_assert_max_num_queries(7):
        response = client.get(evaluation.get_absolute_url())
    assert response.content.decode().count('class="govuk-summary-card portal-finding"') == 11


def test_evaluation_list_query_count_is_constant(client, django_assert_max_num_queries, db):
    FindingFactory()
    with django_assert_max_num_queries(3):  # + the response cache's data version
        client.get(reverse("evidence:evaluations"))
    FindingFactory.create_batch(10)
    with django_assert_max_num_queries(3):  # + the response cache's data version
        response = client.get(reverse("evidence:evaluations"))
    assert response.status_code == 200

"""A finding's back link returns to the search the reader came from (issue 23)."""

import html
import re

import pytest

from tests.factories import FindingFactory

pytestmark = pytest.mark.django_db


def test_a_result_links_to_its_finding_carrying_the_search_and_back(client):
    finding = FindingFactory(statement="Children entering care fell.")
    results = client.get("/evidence/search/", {"q": "care", "direction": ""}).content.decode()

    (link,) = re.findall(rf'href="({finding.get_absolute_url()}[^"]*)"', results)
    page = client.get(html.unescape(link)).content.decode()

    assert 'href="/evidence/search/?q=care&amp;direction="' in page or (
        'href="/evidence/search/?q=care&direction="' in page
    )
    assert "Back to the search" in page


def test_without_a_search_the_back_link_opens_the_search_page(client):
    finding = FindingFactory()

    page = client.get(finding.get_absolute_url()).content.decode()

    assert 'href="/evidence/search/"' in page


def test_the_back_link_never_leaves_the_search_page(client):
    finding = FindingFactory()

    page = client.get(
        finding.get_absolute_url(), {"search": '//evil.example/"><script>x</script>'}
    ).content.decode()

    back = re.search(r'class="govuk-back-link"[^>]*|href="[^"]*"[^>]*class="govuk-back-link"', page)
    assert back
    assert 'href="/evidence/search/?' in page
    assert "<script>x" not in page

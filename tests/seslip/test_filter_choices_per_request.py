"""Filters whose choices come from the database compute them per request (issue 23,
Broken 1): generating the OpenAPI schema must not freeze them. Each test asks for the
schema first, then adds a row the schema never saw, then filters by it."""

import pytest

from tests.factories import (
    AdoptionFactory,
    FindingFactory,
    LocalAuthorityFactory,
    OutcomeDomainFactory,
    PracticeModelFactory,
    PracticeToolFactory,
    UnderpinningFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema_first(client):
    for url in ("/api/schema/", "/api/docs/"):
        assert client.get(url).status_code == 200


def test_region_filter_offers_a_region_added_after_the_schema(client, schema_first):
    LocalAuthorityFactory(slug="isle-of-elsewhere", name="Isle of Elsewhere", region="Elsewhere")

    page = client.get("/authorities/", {"region": "Elsewhere"})
    api = client.get("/api/v1/local-authorities/", {"region": "Elsewhere"})
    adoptions = client.get("/api/v1/adoptions/", {"region": "Elsewhere"})

    assert page.status_code == 200
    assert '<option value="Elsewhere" selected>Elsewhere</option>' in page.content.decode()
    assert "Isle of Elsewhere" in page.content.decode()
    assert api.status_code == 200
    assert [a["slug"] for a in api.json()["results"]] == ["isle-of-elsewhere"]
    assert adoptions.status_code == 200


@pytest.mark.parametrize(
    ("url", "parameter", "make", "value"),
    [
        ("/authorities/", "model", PracticeModelFactory, "slug"),
        ("/api/v1/local-authorities/", "model", PracticeModelFactory, "slug"),
        ("/models/", "underpinning", UnderpinningFactory, "slug"),
        ("/api/v1/practice-models/", "underpinning", UnderpinningFactory, "slug"),
        ("/models/", "tool", PracticeToolFactory, "slug"),
        ("/api/v1/practice-models/", "tool", PracticeToolFactory, "slug"),
        ("/themes/", "model", PracticeModelFactory, "slug"),
        ("/themes/", "authority", LocalAuthorityFactory, "slug"),
        ("/api/v1/adoptions/", "model", PracticeModelFactory, "slug"),
        ("/api/v1/adoptions/", "authority", LocalAuthorityFactory, "slug"),
        ("/evidence/search/", "model", PracticeModelFactory, "slug"),
        ("/api/v1/evidence/findings/", "model", PracticeModelFactory, "slug"),
        ("/evidence/search/", "outcome", OutcomeDomainFactory, "slug"),
        ("/api/v1/evidence/findings/", "outcome", OutcomeDomainFactory, "slug"),
        ("/api/v1/evidence/evaluations/", "model", PracticeModelFactory, "slug"),
        ("/api/v1/evidence/evaluations/", "authority", LocalAuthorityFactory, "slug"),
        ("/api/v1/kpi/values/", "la", LocalAuthorityFactory, "slug"),
    ],
)
def test_database_choices_added_after_the_schema_are_accepted(
    client, schema_first, url, parameter, make, value
):
    row = make()

    response = client.get(url, {parameter: getattr(row, value)})

    assert response.status_code == 200, response.content.decode()[:2000]


def test_finding_authority_filter_offers_an_authority_whose_finding_came_later(
    client, schema_first
):
    finding = FindingFactory(authority=LocalAuthorityFactory(slug="later", name="Later"))

    page = client.get("/evidence/search/", {"authority": "later"})
    api = client.get("/api/v1/evidence/findings/", {"authority": "later"})

    assert page.status_code == 200
    assert api.status_code == 200
    assert [f["key"] for f in api.json()["results"]] == [finding.key]


def test_adoption_filters_take_rows_added_after_the_schema(client, schema_first):
    authority = LocalAuthorityFactory(slug="newtown", name="Newtown", region="Elsewhere")
    model = PracticeModelFactory()
    AdoptionFactory(local_authority=authority, practice_model=model)

    response = client.get("/api/v1/adoptions/", {"authority": "newtown", "region": "Elsewhere"})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1

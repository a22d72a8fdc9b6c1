"""Every registry page and API list runs a constant number of queries, whatever the data
size: the same ceiling at 1x and at 10x generated data."""

import pytest

from models_registry.models import Adoption
from tests.factories import (
    AdoptionFactory,
    ContactFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
    PracticeToolFactory,
    ServiceFactory,
    ThemeFactory,
    UnderpinningFactory,
)

pytestmark = pytest.mark.django_db


def build(scale: int) -> None:
    """`scale` x (3 models, 3 authorities, 9 adoptions with services, contacts, themes)."""
    underpinnings = [UnderpinningFactory() for _ in range(2)]
    tools = [PracticeToolFactory() for _ in range(2)]
    services = [ServiceFactory() for _ in range(3)]
    models = []
    for n in range(3 * scale):
        model = PracticeModelFactory(slug=f"model-{n}", name=f"Model {n}", table_position=n)
        model.underpinnings.set(underpinnings)
        model.tools.set(tools)
        models.append(model)
    authorities = [LocalAuthorityFactory(slug=f"la-{n}", name=f"LA {n}") for n in range(3 * scale)]
    for i, authority in enumerate(authorities):
        for j in range(3):
            adoption = AdoptionFactory(
                local_authority=authority,
                practice_model=models[(i + j) % len(models)],
                survey=Adoption.Survey.AUTUMN_2019,
                role=Adoption.Role.ALONGSIDE if j else Adoption.Role.ONLY_OR_PRIMARY,
                dfe_programme=Adoption.FundingProgramme.INNOVATION_PROGRAMME,
                dfe_amount=1000,
            )
            adoption.services.set(services)
            ContactFactory(local_authority=authority, practice_model=adoption.practice_model)
    for n in range(2 * scale):
        theme = ThemeFactory(kind="challenge" if n % 2 else "feature")
        theme.practice_models.set(models[:5])
        theme.authorities.set(authorities[:5])


# Each ceiling includes the response cache's data-version lookup: these are the counts of
# a first, uncached anonymous request (seslip/response_cache.py). Citations add one query
# per kind of row cited, and a process's first request one content-type lookup per kind
# (Django caches them): constant, whatever the data size.
PAGES = [
    ("/", 10),
    ("/models/", 9),
    ("/models/?kind=established&sort=-authorities&funding=any", 9),
    # + the evidence summary: counts, strongest findings; + the model's and adoptions' citations;
    # + the adopting authorities' own statements; + the reference group's sessions and resources
    ("/models/model-1/", 19),
    ("/compare/?models=model-0&models=model-1&models=model-2", 9),  # + evidence counts
    ("/authorities/", 7),
    ("/authorities/?model=model-1&role=alongside", 8),
    # + the evidence summary; + citations (entry, adoptions); + the authority's own statements
    ("/authorities/la-1/", 14),
    ("/themes/", 10),  # + the themes' citations
    ("/themes/?kind=feature&model=model-1&authority=la-1", 12),
    ("/api/v1/local-authorities/", 7),  # each with its citations
    ("/api/v1/practice-models/", 8),
    ("/api/v1/adoptions/", 6),
    ("/api/v1/practice-models/model-1/", 7),
]


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.parametrize("url, ceiling", PAGES)
def test_query_count_is_constant_for_anonymous_users(
    client, django_assert_max_num_queries, scale, url, ceiling
):
    build(scale)
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.parametrize("url", ["/models/model-1/", "/authorities/la-1/"])
def test_query_count_is_constant_with_contacts_shown(
    client_for, django_assert_max_num_queries, scale, url
):
    build(scale)
    client = client_for("member")
    # + citations of the entry, adoptions, contacts; + the content cache's audience lookup
    with django_assert_max_num_queries(22):
        body = client.get(url).content.decode()
    assert "Contact Person" in body


# Issue 20: with the threshold at 5, scale 1 (3 models) draws options and scale 10 (30)
# find-by-name text inputs; either way the same ceiling. A typed name costs one more
# lookup than a slug, and the compare page reads the typed models once more
# (seslip/find_by_name.py).
FIND_BY_NAME_PAGES = [
    ("/authorities/", 7),
    ("/authorities/?model=model+1&role=alongside", 9),
    ("/compare/?models=model-0&models=Model+1&models=model-2", 12),
]


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.parametrize("url, ceiling", FIND_BY_NAME_PAGES)
def test_query_count_is_constant_across_the_find_by_name_threshold(
    client, django_assert_max_num_queries, settings, scale, url, ceiling
):
    settings.FIND_BY_NAME_THRESHOLD = 5
    build(scale)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert ('name="model" type="text"' in body or 'name="models" type="text"' in body) == (
        scale == 10
    )

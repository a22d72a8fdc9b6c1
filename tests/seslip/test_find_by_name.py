"""Issue 20: a choice list longer than FIND_BY_NAME_THRESHOLD is a find-by-name text input
(seslip/find_by_name.py). The threshold is lowered here so three records make a long list."""

import pytest

from tests.factories import AdoptionFactory, LocalAuthorityFactory, PracticeModelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_lists(settings):
    settings.FIND_BY_NAME_THRESHOLD = 2
    models = [
        PracticeModelFactory(slug=f"model-{n}", name=f"Model {n}", table_position=n)
        for n in range(3)
    ]
    authorities = [LocalAuthorityFactory(slug=f"la-{n}", name=f"LA {n}") for n in range(3)]
    AdoptionFactory(local_authority=authorities[0], practice_model=models[1])
    return models, authorities


def test_the_authority_list_draws_a_text_input_for_a_long_model_list(client, long_lists):
    body = client.get("/authorities/").content.decode()
    assert '<select class="govuk-select" id="id_model"' not in body
    assert 'name="model" type="text"' in body
    assert 'data-find-by-name="/find/practice-models/"' in body
    assert "Type the full name, as it is shown on the practice models list" in body


def test_a_short_list_stays_a_select(client, long_lists, settings):
    settings.FIND_BY_NAME_THRESHOLD = 100
    body = client.get("/authorities/").content.decode()
    assert 'name="model" type="text"' not in body
    assert '<option value="model-1">Model 1</option>' in body


@pytest.mark.parametrize("typed", ["model 1", "MODEL 1", "model-1", "Model-1"])
def test_a_typed_name_or_slug_filters_the_authorities(client, long_lists, typed):
    response = client.get("/authorities/", {"model": typed})
    body = response.content.decode()
    assert response.status_code == 200
    assert "LA 0" in body and "LA 2" not in body
    assert 'value="Model 1"' in body  # the input shows the name found


def test_an_unknown_name_is_an_error_that_says_where_names_are(client, long_lists):
    response = client.get("/authorities/", {"model": "Nothing like it"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "No practice model is called “Nothing like it”" in body
    assert "govuk-error-summary" in body and 'href="#id_model"' in body


def test_an_ambiguous_name_is_an_error(client, long_lists):
    # "alpha" is one model's slug and, in other letters, another's name.
    PracticeModelFactory(slug="alpha", name="First")
    PracticeModelFactory(slug="second", name="ALPHA")
    response = client.get("/authorities/", {"model": "Alpha"})
    assert response.status_code == 400
    assert "More than one practice model matches “Alpha”" in response.content.decode()


def test_compare_takes_typed_names_in_four_text_inputs(client, long_lists):
    body = client.get("/compare/").content.decode()
    assert 'type="checkbox"' not in body
    assert body.count('name="models" type="text"') == 4
    response = client.get("/compare/", {"models": ["model 2", "model-0", "", ""]})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Model 2</a>") < body.index("Model 0</a>")  # the order typed
    assert 'value="model 2"' in body and 'value="model-0"' in body


def test_compare_refuses_an_unknown_name(client, long_lists):
    body = client.get("/compare/", {"models": ["model 2", "Nobody"]}).content.decode()
    assert "No practice model is called “Nobody”" in body
    assert 'value="Nobody"' in body


@pytest.mark.parametrize("path", ["/compare/", "/authorities/", "/evidence/search/"])
def test_a_name_longer_than_any_is_unknown_not_a_database_error(client, long_lists, path):
    """SQLite's LIKE (case-insensitive matching there) refuses patterns over 50,000 bytes:
    the form fuzz found a 503 on /compare/ (issue 20's find-by-name inputs)."""
    field = "models" if path == "/compare/" else "model"
    response = client.get(path, {field: "x" * 60_000})
    assert response.status_code in (200, 400)
    assert "No practice model is called “xxxx" in response.content.decode()


def test_the_evidence_search_draws_text_inputs(client, long_lists):
    body = client.get("/evidence/search/").content.decode()
    assert 'name="model" type="text"' in body
    response = client.get("/evidence/search/", {"model": "Model 9"})
    assert response.status_code == 400
    assert "No practice model is called “Model 9”" in response.content.decode()


def test_the_suggestions_endpoint_answers_a_few_names_starting_matches_first(client, long_lists):
    PracticeModelFactory(slug="a-model-1-b", name="A Model 1 B")
    response = client.get("/find/practice-models/", {"q": "model 1"})
    assert response.json() == {"names": ["Model 1", "A Model 1 B"]}
    assert client.get("/find/authorities/", {"q": "la"}).json() == {
        "names": ["LA 0", "LA 1", "LA 2"]
    }
    assert client.get("/find/authorities/").json() == {"names": []}

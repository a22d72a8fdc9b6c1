"""The account page says exactly how to get an API token (issue 23, Broken 4)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["analyst_bracknell", "regional_analyst", "admin"])
def test_token_holders_are_told_the_steps(client_for, persona):
    page = client_for(persona).get("/accounts/").content.decode()

    assert "Ask a regional admin" not in page
    assert "To get one:" in page
    assert "Create an API token" in page
    assert "<code>Authorization: Token</code>" in page
    assert 'href="/api/"' in page


def test_the_steps_name_the_button_that_replaces_an_existing_token(client_for):
    client = client_for("analyst_bracknell")
    client.post("/accounts/api-token/")

    page = client.get("/accounts/").content.decode()

    assert "Select “Create a new token” below." in page


@pytest.mark.parametrize("persona", ["member"])
def test_other_roles_learn_who_holds_tokens_and_that_the_public_api_needs_none(client_for, persona):
    page = client_for(persona).get("/accounts/").content.decode()

    assert "Ask a regional admin" not in page
    assert "needs no token" in page
    assert "cannot hold one" in page

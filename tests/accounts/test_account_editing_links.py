"""The account page sends editors and regional admins to the portal's editing pages, not
to the admin site (issue 22)."""

import pytest

pytestmark = pytest.mark.django_db


def test_editor_is_sent_to_their_authority_not_the_admin(client_for, editor_bracknell):
    page = client_for("editor_bracknell").get("/accounts/").content.decode()
    assert 'href="/your-authority/bracknell-forest/"' in page
    assert 'href="/admin/' not in page


def test_regional_admin_is_sent_to_the_authorities_entries(client_for, admin):
    page = client_for("admin").get("/accounts/").content.decode()
    assert 'href="/your-authority/"' in page
    assert 'href="/admin/' not in page


@pytest.mark.parametrize("persona", ["member", "analyst_bracknell", "regional_analyst"])
def test_others_are_not_offered_editing(client_for, persona, bracknell):
    page = client_for(persona).get("/accounts/").content.decode()
    assert "/your-authority/" not in page

"""'Your authority' (issue 22): adding a model the authority uses or a contact (question
page, check your answers, confirmation) and removing one ('Are you sure?', POST only).
Plain forms: these tests are the no-JavaScript flow."""

import html

import pytest

from models_registry.models import Adoption, AuthorityStatement, Contact
from sources.models import Citation
from tests.factories import (
    AdoptionFactory,
    ContactFactory,
    PracticeModelFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ENTRY = "/your-authority/bracknell-forest/"


@pytest.fixture
def editor_surrey(surrey):
    return UserFactory(email="editor@surrey.example.org", role="authority_editor", authority=surrey)


@pytest.fixture
def model():
    return PracticeModelFactory(name="Family Safeguarding", slug="family-safeguarding")


def _new_adoption(model, **overrides) -> dict:
    data = {
        "practice_model": str(model.pk),
        "role": Adoption.Role.ONLY_OR_PRIMARY,
        "status": Adoption.Status.IMPLEMENTING,
        "year_started": "2019",
        "year_relaunched": "",
        "started_note": "",
        "dfe_programme": "",
        "dfe_amount": "",
        "dfe_year": "",
        "provenance": "authority",
        "source": "",
        "locator": "",
    }
    data.update(overrides)
    return data


def _new_contact(model, **overrides) -> dict:
    data = {
        "practice_model": str(model.pk),
        "name": "Sam Jones",
        "role": "Head of Practice",
        "email": "sam.jones@example.org",
        "provenance": "authority",
    }
    data.update(overrides)
    return data


def test_entry_links_to_adding_and_to_removing_each_row(client_for, editor_bracknell, bracknell):
    adoption = AdoptionFactory(local_authority=bracknell)
    contact = ContactFactory(local_authority=bracknell)
    page = client_for("editor_bracknell").get(ENTRY).content.decode()
    for href in (
        f"{ENTRY}models/add/",
        f"{ENTRY}contacts/add/",
        f"{ENTRY}models/{adoption.pk}/remove/",
        f"{ENTRY}contacts/{contact.pk}/remove/",
    ):
        assert f'href="{href}"' in page


def test_editor_adds_a_model_with_a_source(client_for, editor_bracknell, bracknell, model):
    SourceFactory(key="bf-report", title="Bracknell Forest's annual report")
    client = client_for("editor_bracknell")
    assert b"Add a model you use" in client.get(f"{ENTRY}models/add/").content
    response = client.post(
        f"{ENTRY}models/add/",
        _new_adoption(model, provenance="source", source="bf-report", locator="p 4"),
    )
    assert response["Location"] == f"{ENTRY}add/check/"
    check = client.get(f"{ENTRY}add/check/").content.decode()
    assert "Check your answers" in check and "Family Safeguarding" in check
    assert not Adoption.objects.exists(), "nothing is added before the answers are checked"

    added = client.post(f"{ENTRY}add/check/")
    assert added["Location"] == f"{ENTRY}added/"
    confirmation = client.get(added["Location"]).content.decode()
    assert "Model added" in confirmation
    adoption = Adoption.objects.get(local_authority=bracknell, practice_model=model)
    assert adoption.year_started == 2019
    assert Citation.objects.filter(object_id=adoption.pk, field="year_started").exists()
    public = client_for("anonymous").get("/authorities/bracknell-forest/").content.decode()
    assert "Family Safeguarding" in public
    assert "Added; source: Bracknell Forest&#x27;s annual report, p 4" in public


def test_editor_adds_a_contact_stated_by_the_authority(
    client_for, editor_bracknell, bracknell, model
):
    client = client_for("editor_bracknell")
    assert client.post(f"{ENTRY}contacts/add/", _new_contact(model)).status_code == 302
    check = client.get(f"{ENTRY}add/check/").content.decode()
    assert "sam.jones@example.org" in check
    assert "shown as the authority's own report" in check
    client.post(f"{ENTRY}add/check/")
    assert b"Contact added" in client.get(f"{ENTRY}added/").content
    contact = Contact.objects.get(local_authority=bracknell, name="Sam Jones")
    assert contact.role == "Head of Practice"
    assert AuthorityStatement.objects.filter(object_id=contact.pk, field="name").exists()


def test_adding_errors_are_listed_in_the_error_summary(client_for, editor_bracknell, model):
    response = client_for("editor_bracknell").post(
        f"{ENTRY}contacts/add/",
        _new_contact(model, practice_model="", name="", email="not-an-email", provenance=""),
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "<title>Error:" in page and "There is a problem" in page
    for message in (
        "Select the practice model",
        "Enter the contact's full name",
        "Enter an email address, like name@example.org",
        "Select where this change comes from",
    ):
        assert message in page


@pytest.mark.parametrize("junk", ["9" * 30, "abc", "-1"])
def test_a_service_no_row_can_be_is_an_error_not_a_crash(
    client_for, editor_bracknell, bracknell, model, junk
):
    """The form fuzz found a 30-digit service id crashing SQLite (OverflowError)."""
    response = client_for("editor_bracknell").post(
        f"{ENTRY}models/add/", _new_adoption(model, services=[junk])
    )
    assert response.status_code == 200
    assert "Select services from the list" in html.unescape(response.content.decode())
    assert not bracknell.adoptions.filter(practice_model=model).exists()


def test_a_model_the_authority_uses_already_cannot_be_added_again(
    client_for, editor_bracknell, bracknell, model
):
    AdoptionFactory(local_authority=bracknell, practice_model=model)
    response = client_for("editor_bracknell").post(f"{ENTRY}models/add/", _new_adoption(model))
    assert response.status_code == 200
    assert b"Select a practice model Bracknell Forest does not use yet" in response.content
    assert Adoption.objects.count() == 1


def test_a_contact_listed_already_cannot_be_added_again(
    client_for, editor_bracknell, bracknell, model
):
    ContactFactory(local_authority=bracknell, practice_model=model, name="Sam Jones")
    response = client_for("editor_bracknell").post(f"{ENTRY}contacts/add/", _new_contact(model))
    assert response.status_code == 200
    assert b"Sam Jones is already a contact for Family Safeguarding" in response.content


def test_an_addition_made_meanwhile_sends_the_check_back_to_the_question(
    client_for, editor_bracknell, bracknell, model
):
    client = client_for("editor_bracknell")
    client.post(f"{ENTRY}models/add/", _new_adoption(model))
    AdoptionFactory(local_authority=bracknell, practice_model=model)
    response = client.post(f"{ENTRY}add/check/")
    assert response["Location"] == f"{ENTRY}models/add/"
    assert Adoption.objects.count() == 1


def test_the_check_page_with_nothing_waiting_goes_back_to_the_entry(client_for, editor_bracknell):
    response = client_for("editor_bracknell").post(f"{ENTRY}add/check/")
    assert response["Location"] == ENTRY


def test_are_you_sure_changes_nothing_and_yes_removes(
    client_for, editor_bracknell, bracknell, model
):
    contact = ContactFactory(local_authority=bracknell, practice_model=model, name="Sam Jones")
    client = client_for("editor_bracknell")
    url = f"{ENTRY}contacts/{contact.pk}/remove/"
    page = client.get(url).content.decode()
    assert "Are you sure you want to remove Sam Jones?" in page
    assert Contact.objects.filter(pk=contact.pk).exists()

    response = client.post(url, {"version": str(contact.version)})
    assert response["Location"] == ENTRY
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert "Contact removed: Sam Jones" in client.get(ENTRY).content.decode()
    record = Contact.history.get(id=contact.pk, history_type="-")
    assert record.history_user == editor_bracknell


def test_removing_a_model_changed_since_is_refused(client_for, editor_bracknell, bracknell, model):
    adoption = AdoptionFactory(local_authority=bracknell, practice_model=model)
    Adoption.objects.filter(pk=adoption.pk).update(version=2)
    response = client_for("editor_bracknell").post(
        f"{ENTRY}models/{adoption.pk}/remove/", {"version": "1"}
    )
    assert response.status_code == 409
    assert b"This was changed by someone else since you opened it" in response.content
    assert Adoption.objects.filter(pk=adoption.pk).exists()


@pytest.mark.parametrize("version", ["", "x", "0"])
def test_a_removal_without_a_version_is_a_bad_request(
    client_for, editor_bracknell, bracknell, version
):
    contact = ContactFactory(local_authority=bracknell)
    response = client_for("editor_bracknell").post(
        f"{ENTRY}contacts/{contact.pk}/remove/", {"version": version}
    )
    assert response.status_code == 400
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_another_authoritys_editor_cannot_add_or_remove(
    client_for, editor_surrey, bracknell, model
):
    contact = ContactFactory(local_authority=bracknell, practice_model=model)
    client = client_for("editor_surrey")
    assert client.post(f"{ENTRY}contacts/add/", _new_contact(model)).status_code == 403
    remove = f"{ENTRY}contacts/{contact.pk}/remove/"
    assert client.post(remove, {"version": "1"}).status_code == 403
    # Through their own entry, Bracknell Forest's contact is not found.
    own = f"/your-authority/surrey/contacts/{contact.pk}/remove/"
    assert client.post(own, {"version": "1"}).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert not Contact.objects.filter(name="Sam Jones").exists()


@pytest.mark.parametrize("persona", ["member", "analyst_bracknell", "regional_analyst"])
def test_members_and_analysts_cannot_add_or_remove(client_for, persona, bracknell, model):
    adoption = AdoptionFactory(local_authority=bracknell, practice_model=model)
    client = client_for(persona)
    assert client.get(f"{ENTRY}models/add/").status_code == 403
    assert client.post(f"{ENTRY}models/add/", _new_adoption(model)).status_code == 403
    remove = f"{ENTRY}models/{adoption.pk}/remove/"
    assert client.post(remove, {"version": "1"}).status_code == 403
    assert Adoption.objects.filter(pk=adoption.pk).exists()

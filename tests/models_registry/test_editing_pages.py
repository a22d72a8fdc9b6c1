"""'Your authority' (issue 22): question page -> check your answers -> saved, with where
each change comes from, kept in the history and shown on the public page; stale saves
refused with both versions shown."""

import pytest
from django.test import Client

from models_registry.models import Adoption, AuthorityStatement, LocalAuthority
from sources.models import Citation
from tests.factories import (
    AdoptionFactory,
    ContactFactory,
    PracticeModelFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def adoption(bracknell):
    return AdoptionFactory(
        local_authority=bracknell,
        practice_model=PracticeModelFactory(name="Family Safeguarding", slug="family-safeguarding"),
        year_started=2018,
    )


@pytest.fixture
def source():
    return SourceFactory(key="bf-report", title="Bracknell Forest's annual report")


def _answers(adoption, **overrides) -> dict:
    data = {
        "version": str(adoption.version),
        "role": adoption.role,
        "status": adoption.status,
        "year_started": str(adoption.year_started or ""),
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


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_editor_is_sent_to_their_own_authority(client_for, editor_bracknell):
    response = client_for("editor_bracknell").get("/your-authority/")
    assert response.status_code == 302
    assert response["Location"] == "/your-authority/bracknell-forest/"


def test_regional_admin_chooses_any_authority(client_for, admin, bracknell, surrey):
    response = client_for("admin").get("/your-authority/")
    assert response.status_code == 200
    assert b"/your-authority/surrey/" in response.content
    assert b"/your-authority/bracknell-forest/" in response.content


def test_entry_has_a_change_link_per_section(client_for, editor_bracknell, adoption):
    contact = ContactFactory(local_authority=adoption.local_authority, name="Sam Jones")
    response = client_for("editor_bracknell").get("/your-authority/bracknell-forest/")
    page = response.content.decode()
    assert response.status_code == 200
    for href in (
        "/your-authority/bracknell-forest/overview/",
        f"/your-authority/bracknell-forest/models/{adoption.pk}/",
        f"/your-authority/bracknell-forest/models/{adoption.pk}/notes/",
        f"/your-authority/bracknell-forest/contacts/{contact.pk}/",
    ):
        assert f'href="{href}"' in page
    assert "govuk-summary-card" in page


def test_a_saved_page_with_nothing_waiting_says_so_as_important_not_success(
    client_for, editor_bracknell, bracknell
):
    """An info message on the entry is an "Important" banner: the accounts pages' old copy
    of the messages include titled every message "Success"."""
    response = client_for("editor_bracknell").get(
        "/your-authority/bracknell-forest/saved/", follow=True
    )

    page = response.content.decode()
    assert response.redirect_chain == [("/your-authority/bracknell-forest/", 302)]
    assert "Nothing waiting to be saved." in page
    assert (
        'id="messages-important-title"' in page and "govuk-notification-banner--success" not in page
    )


def test_editor_changes_since_year_with_a_source(client_for, editor_bracknell, adoption, source):
    client = client_for("editor_bracknell")
    url = f"/your-authority/bracknell-forest/models/{adoption.pk}/"
    response = client.post(
        url,
        _answers(
            adoption, year_started="2017", provenance="source", source="bf-report", locator="p 4"
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == "/your-authority/bracknell-forest/check/"

    check = client.get("/your-authority/bracknell-forest/check/")
    assert b"Check your answers" in check.content
    assert b"2017" in check.content and b"Was: 2018" in check.content
    adoption.refresh_from_db()
    assert adoption.year_started == 2018, "nothing is saved before the answers are checked"

    saved = client.post("/your-authority/bracknell-forest/check/")
    assert saved["Location"] == "/your-authority/bracknell-forest/saved/"
    assert b"Changes saved" in client.get(saved["Location"]).content
    adoption.refresh_from_db()
    assert adoption.year_started == 2017
    assert adoption.version == 2
    citation = Citation.objects.get(object_id=adoption.pk, field="year_started")
    assert (citation.source.key, citation.locator) == ("bf-report", "p 4")
    record = adoption.history.latest("history_date")
    assert record.history_user == editor_bracknell
    assert record.history_change_reason == (
        "Changed year started; source: Bracknell Forest's annual report, p 4"
    )

    public = client_for("anonymous").get("/authorities/bracknell-forest/").content.decode()
    assert "Since 2017" in public
    assert "Changed year started; source: Bracknell Forest&#x27;s annual report, p 4" in public


def test_a_statement_by_the_authority_is_shown_as_its_own_report(
    client_for, editor_bracknell, adoption
):
    client = client_for("editor_bracknell")
    client.post(
        f"/your-authority/bracknell-forest/models/{adoption.pk}/",
        _answers(adoption, status=Adoption.Status.EMBEDDED),
    )
    client.post("/your-authority/bracknell-forest/check/")
    statement = AuthorityStatement.objects.get()
    assert (statement.field, statement.stated_by_role) == ("status", "Authority editor")
    public = client_for("anonymous").get("/authorities/bracknell-forest/").content.decode()
    assert "Embedded as business as usual" in public
    assert "The authority's own report" in public
    assert "stated by the authority (authority editor) on" in public


def test_errors_are_listed_in_the_error_summary(client_for, editor_bracknell, adoption):
    response = client_for("editor_bracknell").post(
        f"/your-authority/bracknell-forest/models/{adoption.pk}/",
        _answers(adoption, year_started="twenty", provenance="source"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Year started must be a year, like 2017" in page
    assert "Select the document the change comes from" in page
    assert "Enter where in the document the change comes from" in page
    assert "<title>Error:" in page


def test_nothing_changed_is_an_error(client_for, editor_bracknell, adoption):
    response = client_for("editor_bracknell").post(
        f"/your-authority/bracknell-forest/models/{adoption.pk}/", _answers(adoption)
    )
    assert b"Change at least one answer" in response.content


def test_two_stale_forms_saved(editor_bracknell, admin, adoption):
    """Two people open the same question page; the second to save is told, with both
    versions, and the first one's change stays."""
    first, second = _signed_in(editor_bracknell), _signed_in(admin)
    url = f"/your-authority/bracknell-forest/models/{adoption.pk}/"
    assert first.get(url).status_code == 200
    assert second.get(url).status_code == 200
    assert first.post(url, _answers(adoption, year_started="2016")).status_code == 302
    assert second.post(url, _answers(adoption, year_started="2019")).status_code == 302

    assert first.post("/your-authority/bracknell-forest/check/").status_code == 302
    refused = second.post("/your-authority/bracknell-forest/check/")

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "This was changed by someone else since you opened it" in page
    assert "2019" in page and "2016" in page  # theirs and the saved one
    adoption.refresh_from_db()
    assert adoption.year_started == 2016
    assert adoption.version == 2
    assert adoption.history.filter(history_type="~").count() == 1


def test_stale_version_in_the_form_is_refused_even_after_a_fresh_check(editor_bracknell, adoption):
    """The version is the one the question page was opened at, not the one at 'check'."""
    client = _signed_in(editor_bracknell)
    url = f"/your-authority/bracknell-forest/models/{adoption.pk}/"
    client.post(url, _answers(adoption, year_started="2016"))
    Adoption.objects.filter(pk=adoption.pk).update(version=5)
    assert client.post("/your-authority/bracknell-forest/check/").status_code == 409
    adoption.refresh_from_db()
    assert adoption.year_started == 2018


def test_editor_of_another_authority_cannot_open_or_post(client_for, editor_bracknell, adoption):
    surrey_editor = UserFactory(
        role="authority_editor",
        authority=LocalAuthority.objects.create(name="Surrey", slug="surrey"),
    )
    client = _signed_in(surrey_editor)
    url = f"/your-authority/bracknell-forest/models/{adoption.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, _answers(adoption, year_started="2001")).status_code == 403
    assert client.get("/your-authority/bracknell-forest/").status_code == 403
    adoption.refresh_from_db()
    assert adoption.year_started == 2018


@pytest.mark.parametrize("persona", ["member", "analyst_bracknell", "regional_analyst"])
def test_members_and_analysts_cannot_edit(client_for, persona, adoption):
    client = client_for(persona)
    assert client.get("/your-authority/").status_code == 403
    assert client.get("/your-authority/bracknell-forest/").status_code == 403
    url = f"/your-authority/bracknell-forest/models/{adoption.pk}/"
    assert client.post(url, _answers(adoption, year_started="2001")).status_code == 403


def test_an_adoption_of_another_authority_is_not_found(client_for, editor_bracknell, surrey):
    elsewhere = AdoptionFactory(local_authority=surrey)
    response = client_for("editor_bracknell").get(
        f"/your-authority/bracknell-forest/models/{elsewhere.pk}/"
    )
    assert response.status_code == 404


def test_contact_change_is_kept_in_the_contacts_history(client_for, editor_bracknell, bracknell):
    contact = ContactFactory(local_authority=bracknell, name="Sam Jones")
    client = client_for("editor_bracknell")
    client.post(
        f"/your-authority/bracknell-forest/contacts/{contact.pk}/",
        {
            "version": "1",
            "name": "Sam Jones",
            "role": "Head of Practice",
            "email": contact.email,
            "provenance": "authority",
        },
    )
    client.post("/your-authority/bracknell-forest/check/")
    contact.refresh_from_db()
    assert contact.role == "Head of Practice"
    assert contact.history.latest("history_date").history_change_reason.startswith(
        "Changed role; stated by the authority"
    )


def test_overview_change(client_for, admin, bracknell):
    client = client_for("admin")
    client.post(
        "/your-authority/bracknell-forest/overview/",
        {
            "version": "1",
            "context": "A unitary authority in Berkshire.",
            "website": "https://www.bracknell-forest.gov.uk",
            "ofsted_judgement": "",
            "ofsted_when": "",
            "provenance": "authority",
        },
    )
    assert client.post("/your-authority/bracknell-forest/check/").status_code == 302
    bracknell.refresh_from_db()
    assert bracknell.context == "A unitary authority in Berkshire."
    assert AuthorityStatement.objects.get(field="context").stated_by_role == "Regional admin"


def test_a_missing_version_is_a_bad_request(client_for, editor_bracknell, adoption):
    data = _answers(adoption, year_started="2016")
    del data["version"]
    response = client_for("editor_bracknell").post(
        f"/your-authority/bracknell-forest/models/{adoption.pk}/", data
    )
    assert response.status_code == 400


def test_context_longer_than_the_limit_is_refused(client_for, editor_bracknell, bracknell):
    response = client_for("editor_bracknell").post(
        "/your-authority/bracknell-forest/overview/",
        {"version": "1", "context": "x" * 5_001, "provenance": "authority"},
    )
    assert b"Context must be 5,000 characters or fewer" in response.content
    bracknell.refresh_from_db()
    assert bracknell.context == ""

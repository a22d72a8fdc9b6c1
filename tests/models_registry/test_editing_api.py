"""PATCH on an authority's entry, its adoptions and its contacts (issue 22): editors their
own authority's only, by token or session; the version checked (If-Match or the version
field); where the change comes from required; kept in the history."""

import pytest
from rest_framework.test import APIClient

from accounts.services import create_api_token
from models_registry.models import AuthorityStatement
from sources.models import Citation
from tests.factories import AdoptionFactory, ContactFactory, ServiceFactory, SourceFactory

pytestmark = pytest.mark.django_db

STATED = {"stated_by_authority": True}


@pytest.fixture
def adoption(bracknell):
    return AdoptionFactory(local_authority=bracknell, year_started=2018)


@pytest.fixture
def contact(bracknell):
    return ContactFactory(local_authority=bracknell, name="Sam Jones", role="Lead")


def _api(user=None, token: bool = False) -> APIClient:
    api = APIClient()
    if user is not None and token:
        api.credentials(HTTP_AUTHORIZATION=f"Token {create_api_token(user=user).key}")
    elif user is not None:
        api.force_login(user)
    return api


def test_get_answers_with_the_version_as_etag(bracknell):
    response = _api().get("/api/v1/local-authorities/bracknell-forest/")
    assert response["ETag"] == '"1"'
    assert response.json()["version"] == 1


def test_editor_patches_own_entry_with_a_token_and_if_match(editor_bracknell, bracknell):
    api = _api(editor_bracknell, token=True)
    response = api.patch(
        "/api/v1/local-authorities/bracknell-forest/",
        {"context": "A unitary authority in Berkshire.", "provenance": STATED},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200, response.json()
    assert response["ETag"] == '"2"'
    assert response.json()["context"] == "A unitary authority in Berkshire."
    bracknell.refresh_from_db()
    assert (bracknell.context, bracknell.version) == ("A unitary authority in Berkshire.", 2)
    record = bracknell.history.latest("history_date")
    assert record.history_user == editor_bracknell
    assert record.history_change_reason.startswith("Changed context; stated by the authority")
    assert AuthorityStatement.objects.get().field == "context"


def test_patch_of_an_adoption_with_a_source_and_the_version_field(editor_bracknell, adoption):
    SourceFactory(key="bf-report", title="Annual report")
    ServiceFactory(slug="front-door", name="Front door")
    response = _api(editor_bracknell).patch(
        f"/api/v1/adoptions/{adoption.pk}/",
        {
            "year_started": 2017,
            "services": ["front-door"],
            "version": 1,
            "provenance": {"source": "bf-report", "locator": "p 4"},
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    adoption.refresh_from_db()
    assert adoption.year_started == 2017
    assert [s.slug for s in adoption.services.all()] == ["front-door"]
    assert set(Citation.objects.filter(object_id=adoption.pk).values_list("field", flat=True)) == {
        "year_started",
        "services",
    }


def test_a_stale_patch_is_refused_with_the_current_row(editor_bracknell, admin, adoption):
    first = _api(admin).patch(
        f"/api/v1/adoptions/{adoption.pk}/",
        {"year_started": 2016, "provenance": STATED},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert first.status_code == 200
    stale = _api(editor_bracknell).patch(
        f"/api/v1/adoptions/{adoption.pk}/",
        {"year_started": 2019, "provenance": STATED},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert stale.status_code == 412
    assert stale.json()["current"]["year_started"] == 2016
    assert stale["ETag"] == '"2"'
    adoption.refresh_from_db()
    assert adoption.year_started == 2016


def test_a_patch_without_a_version_is_refused(editor_bracknell, adoption):
    response = _api(editor_bracknell).patch(
        f"/api/v1/adoptions/{adoption.pk}/",
        {"year_started": 2016, "provenance": STATED},
        format="json",
    )
    assert response.status_code == 428


def test_a_patch_without_provenance_is_refused(editor_bracknell, adoption):
    response = _api(editor_bracknell).patch(
        f"/api/v1/adoptions/{adoption.pk}/",
        {"year_started": 2016, "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert "provenance" in response.json()


def test_fields_that_cannot_be_changed_are_refused_by_name(editor_bracknell, bracknell):
    response = _api(editor_bracknell).patch(
        "/api/v1/local-authorities/bracknell-forest/",
        {"name": "Elsewhere", "version": 1, "provenance": STATED},
        format="json",
    )
    assert response.status_code == 400
    assert "name" in response.json()
    bracknell.refresh_from_db()
    assert bracknell.name == "Bracknell Forest"


def test_the_models_rules_apply(editor_bracknell, adoption):
    response = _api(editor_bracknell).patch(
        f"/api/v1/adoptions/{adoption.pk}/",
        {"year_relaunched": 2010, "version": 1, "provenance": STATED},
        format="json",
    )
    assert response.status_code == 400
    adoption.refresh_from_db()
    assert adoption.year_relaunched is None and adoption.version == 1


def test_editor_patches_own_contact(editor_bracknell, contact):
    api = _api(editor_bracknell, token=True)
    listed = api.get("/api/v1/contacts/")
    assert [c["name"] for c in listed.json()["results"]] == ["Sam Jones"]
    response = api.patch(
        f"/api/v1/contacts/{contact.pk}/",
        {"role": "Head of Practice", "provenance": STATED},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200, response.json()
    contact.refresh_from_db()
    assert contact.role == "Head of Practice"


def test_editor_of_another_authority_cannot_patch(editor_bracknell, surrey, adoption, contact):
    from tests.factories import UserFactory

    other = UserFactory(role="authority_editor", authority=surrey)
    api = _api(other, token=True)
    body = {"context": "x", "version": 1, "provenance": STATED}
    assert (
        api.patch("/api/v1/local-authorities/bracknell-forest/", body, format="json").status_code
        == 403
    )
    body = {"year_started": 2001, "version": 1, "provenance": STATED}
    assert api.patch(f"/api/v1/adoptions/{adoption.pk}/", body, format="json").status_code == 403
    body = {"role": "x", "version": 1, "provenance": STATED}
    assert api.patch(f"/api/v1/contacts/{contact.pk}/", body, format="json").status_code == 404
    assert api.get("/api/v1/contacts/").json()["results"] == []
    adoption.refresh_from_db()
    assert adoption.year_started == 2018


@pytest.mark.parametrize("persona", ["member", "analyst_bracknell", "regional_analyst"])
def test_members_and_analysts_cannot_patch(request, persona, adoption, contact):
    api = _api(request.getfixturevalue(persona))
    body = {"year_started": 2001, "version": 1, "provenance": STATED}
    assert api.patch(f"/api/v1/adoptions/{adoption.pk}/", body, format="json").status_code == 403
    body = {"context": "x", "version": 1, "provenance": STATED}
    assert (
        api.patch("/api/v1/local-authorities/bracknell-forest/", body, format="json").status_code
        == 403
    )
    assert api.patch(f"/api/v1/contacts/{contact.pk}/", body, format="json").status_code == 403
    assert api.get("/api/v1/contacts/").status_code == 403


def test_anonymous_cannot_patch(adoption):
    body = {"year_started": 2001, "version": 1, "provenance": STATED}
    assert _api().patch(f"/api/v1/adoptions/{adoption.pk}/", body, format="json").status_code == 401
    assert _api().get("/api/v1/contacts/").status_code == 401


def test_notes_longer_than_the_limit_are_refused(editor_bracknell, adoption):
    response = _api(editor_bracknell).patch(
        f"/api/v1/adoptions/{adoption.pk}/",
        {"notes": "x" * 5_001, "version": 1, "provenance": STATED},
        format="json",
    )
    assert response.status_code == 400
    assert "notes" in response.json()

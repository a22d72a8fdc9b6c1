"""No edit lost through the admin site (issue 22, "No lost edits"; seslip/admin_locking.py):
an admin's change form opened before someone else saved is refused, not saved over them,
and every admin save moves the version on so that stale forms elsewhere are refused too."""

import re

import pytest

from models_registry.models import Adoption
from seslip.locking import save_if_unchanged
from tests.factories import AdoptionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    from accounts.roles import sync_role_group

    user = UserFactory(
        email="root@example.org", role="regional_admin", is_staff=True, is_superuser=True
    )
    sync_role_group(user)
    client.force_login(user)
    return client


def form(adoption: Adoption, read_version: str | None, **changes) -> dict:
    data = {
        "local_authority": adoption.local_authority_id,
        "practice_model": adoption.practice_model_id,
        "role": adoption.role,
        "status": adoption.status,
        "year_started": adoption.year_started,
        "dfe_programme": adoption.dfe_programme,
        "survey": adoption.survey,
        "notes": adoption.notes,
        "sources-citation-content_type-object_id-TOTAL_FORMS": "0",
        "sources-citation-content_type-object_id-INITIAL_FORMS": "0",
        **changes,
    }
    if read_version is not None:
        data["_read_version"] = read_version
    return data


def url(adoption: Adoption) -> str:
    return f"/admin/models_registry/adoption/{adoption.pk}/change/"


def opened_at(client, adoption: Adoption) -> str:
    page = client.get(url(adoption)).content.decode()
    return re.search(r'name="_read_version" value="(\d+)"', page).group(1)


def someone_else_saves(adoption: Adoption, notes: str) -> None:
    other = Adoption.objects.get(pk=adoption.pk)
    other.notes = notes
    assert save_if_unchanged(other, read_version=other.version, apply=lambda o: o.save())


def test_an_admin_form_opened_before_another_save_is_refused(superuser_client):
    adoption = AdoptionFactory(notes="As listed")
    version = opened_at(superuser_client, adoption)
    someone_else_saves(adoption, "The editor's change")

    response = superuser_client.post(url(adoption), form(adoption, version, notes="Admin's"))

    assert response.status_code == 302 and response.url == url(adoption)
    adoption.refresh_from_db()
    assert adoption.notes == "The editor's change"
    page = superuser_client.get(url(adoption)).content.decode()
    assert "Someone else saved this entry after you opened it" in page


def test_an_admin_save_moves_the_version_on_so_stale_forms_elsewhere_are_refused(
    superuser_client,
):
    adoption = AdoptionFactory(notes="As listed")
    read_by_an_editor = adoption.version
    version = opened_at(superuser_client, adoption)

    response = superuser_client.post(url(adoption), form(adoption, version, notes="Admin's"))

    assert response.status_code == 302 and response.url.endswith("/adoption/")
    adoption.refresh_from_db()
    assert (adoption.notes, adoption.version) == ("Admin's", read_by_an_editor + 1)
    assert not save_if_unchanged(adoption, read_version=read_by_an_editor, apply=lambda o: o.save())


@pytest.mark.parametrize("posted", [None, "", "x", "٣", "99999999999999"])
def test_a_save_without_a_readable_version_claims_the_current_one(superuser_client, posted):
    adoption = AdoptionFactory(notes="As listed")
    before = adoption.version

    response = superuser_client.post(url(adoption), form(adoption, posted, notes="Admin's"))

    assert response.status_code == 302
    adoption.refresh_from_db()
    assert (adoption.notes, adoption.version) == ("Admin's", before + 1)


def test_reverting_to_an_old_version_from_the_history_moves_the_version_forward(
    superuser_client,
):
    adoption = AdoptionFactory(notes="First")
    someone_else_saves(adoption, "Second")
    first = adoption.history.order_by("history_id").first()
    history_url = f"{url(adoption)[: -len('change/')]}history/{first.history_id}/"
    page = superuser_client.get(history_url).content.decode()
    assert "_read_version" not in page  # the old version is not claimed

    response = superuser_client.post(history_url, form(adoption, None, notes="First"))

    assert response.status_code == 302
    adoption.refresh_from_db()
    assert (adoption.notes, adoption.version) == ("First", 3)

"""Editing the registry in the admin: the superuser everything, authority editors (should one
ever be made staff) their own authority only; every change lands in the history shown on the
pages."""

import pytest
from django.urls import reverse

from models_registry.models import Adoption, Service
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_user, editor_bracknell):
    """The admin site needs is_staff, which only the superuser has; roles (accounts) decide
    the rest."""
    from accounts.models import User
    from accounts.roles import sync_role_group

    # Editors are not staff (they have the "Your authority" pages, issue 22); the admin's
    # authority scoping stays as a second line should one ever be made staff, as here.
    User.objects.filter(pk=editor_bracknell.pk).update(is_staff=True)
    editor_bracknell.refresh_from_db()
    sync_role_group(editor_bracknell)
    return admin_user, editor_bracknell


def test_admin_edits_an_adoption_and_sees_its_history(region, client, staff):
    admin, _ = staff
    adoption = Adoption.objects.get(
        local_authority__slug="surrey", practice_model__slug="family-safeguarding"
    )
    client.force_login(admin)
    url = f"/admin/models_registry/adoption/{adoption.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "local_authority": adoption.local_authority_id,
        "practice_model": adoption.practice_model_id,
        "role": adoption.role,
        "status": Adoption.Status.EMBEDDED,
        "year_started": 2019,
        "year_relaunched": "",
        "started_note": "",
        "services": [s.pk for s in adoption.services.all()],
        "dfe_programme": adoption.dfe_programme,
        "dfe_amount": "",
        "dfe_year": "",
        "survey": adoption.survey,
        "as_at": "",
        "as_at_precision": "",
        "notes": "Now business as usual",
        # The citations inline, left as it is.
        "sources-citation-content_type-object_id-TOTAL_FORMS": "0",
        "sources-citation-content_type-object_id-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.EMBEDDED
    latest = adoption.history.first()
    assert latest.history_user == admin
    history_page = client.get(f"{url[: -len('change/')]}history/")
    assert history_page.status_code == 200
    assert "admin@example.com" in history_page.content.decode()
    assert "admin@example.com" in client.get("/models/family-safeguarding/").content.decode()


def test_admin_search_and_filters_work(region, client, staff):
    admin, _ = staff
    client.force_login(admin)
    assert client.get("/admin/models_registry/localauthority/?q=kent").status_code == 200
    response = client.get("/admin/models_registry/adoption/?role__exact=building_on")
    assert response.status_code == 200
    assert "Kent" in response.content.decode()
    assert (
        client.get("/admin/models_registry/practicemodel/?kind__exact=bespoke").status_code == 200
    )


def test_authority_editor_sees_only_their_own_authority(region, client, staff):
    _, editor = staff
    client.force_login(editor)
    listing = client.get("/admin/models_registry/localauthority/").content.decode()
    assert "Bracknell Forest" in listing
    assert "Surrey" not in listing
    adoptions = client.get("/admin/models_registry/adoption/").content.decode()
    assert "Bracknell Forest" in adoptions
    assert "West Berkshire" not in adoptions
    surrey = Adoption.objects.get(
        local_authority__slug="surrey", practice_model__slug="family-safeguarding"
    )
    assert client.get(f"/admin/models_registry/adoption/{surrey.pk}/change/").status_code in (
        302,
        403,
        404,
    )


def test_superuser_puts_a_childrens_service_back_to_an_old_version_from_its_history(
    client, admin_user
):
    service = ServiceFactory(name="Early help", slug="early-help", position=10)
    first = service.history.get()
    service.name = "Help"
    service._change_reason = "A shorter name"
    service.save()
    client.force_login(admin_user)
    history = client.get(reverse("admin:models_registry_service_history", args=[service.pk]))
    assert history.status_code == 200 and "A shorter name" in history.content.decode()
    old_version = reverse(
        "admin:models_registry_service_simple_history", args=[service.pk, first.history_id]
    )
    assert client.get(old_version).status_code == 200
    version = Service.objects.get(pk=service.pk).version
    answers = {"name": "Early help", "slug": "early-help", "position": "10"}
    assert client.post(old_version, answers).status_code == 302
    service = Service.objects.get(pk=service.pk)
    assert service.name == "Early help"
    # Moved on, so a regional page opened before the revert is refused.
    assert service.version == version + 1
    assert service.history.first().history_user == admin_user

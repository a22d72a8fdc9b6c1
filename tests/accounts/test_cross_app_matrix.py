"""The issue's matrix across apps: every persona against the protected KPI pages and API
(own and other authority: IDOR attempts must be 404) and the registry admin for editors.

The rules come from accounts.permissions; the views belong to the KPI and registry apps.
"""

import pytest
from django.urls import reverse

from accounts.models import AccessLog
from kpi.models import Submission
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.fixture
def submissions(bracknell, surrey):
    def make(authority):
        return Submission.objects.create(
            authority=authority,
            quarter="2018-Q1",
            sha256="0" * 64,
            file_name=f"{authority.slug}-cohort.csv",
            file_format=Submission.Format.CSV,
            status=Submission.Status.REJECTED,
            problems=[],
        )

    return {"bracknell": make(bracknell), "surrey": make(surrey)}


OWNER = {"bracknell": "analyst_bracknell", "surrey": "analyst_surrey"}
SUBMISSION_PAGES = ["kpi:submission-detail", "kpi:submission-report", "kpi:submission-report-csv"]


def expected_for_submission(persona: str, owner: str) -> int:
    if persona == "anonymous":
        return 302
    return 200 if OWNER[owner] == persona else 404


@pytest.mark.parametrize("page", SUBMISSION_PAGES)
@pytest.mark.parametrize("owner", ["bracknell", "surrey"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_submission_pages_are_the_owning_analysts_only_and_404_to_others(
    client_for, submissions, page, owner, persona
):
    url = reverse(page, kwargs={"pk": submissions[owner].pk})
    assert client_for(persona).get(url).status_code == expected_for_submission(persona, owner)


@pytest.mark.parametrize("owner", ["bracknell", "surrey"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_submission_api_is_the_owning_analysts_only_and_404_to_others(
    client_for, submissions, owner, persona
):
    url = f"/api/v1/kpi/submissions/{submissions[owner].pk}/"
    status = client_for(persona).get(url).status_code
    if persona == "anonymous":
        assert status in (401, 403)
    else:
        assert status == (200 if OWNER[owner] == persona else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_submission_lists_hold_only_the_users_own_authority(client_for, submissions, persona):
    client = client_for(persona)
    page = client.get(reverse("kpi:submission-list"))
    api = client.get("/api/v1/kpi/submissions/")
    if persona == "anonymous":
        assert page.status_code == 302
        assert api.status_code in (401, 403)
        return
    listed = page.content.decode()
    api_ids = {row["id"] for row in api.json()["results"]}
    for owner, submission in submissions.items():
        mine = OWNER[owner] == persona
        detail = reverse("kpi:submission-detail", kwargs={"pk": submission.pk})
        assert (f'href="{detail}"' in listed) is mine
        assert (submission.pk in api_ids) is mine


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("editor_bracknell", 403),
        ("analyst_bracknell", 200),
        ("analyst_surrey", 200),
        ("regional_analyst", 403),
        ("admin", 403),
    ],
)
def test_upload_page_is_for_authority_analysts(client_for, persona, expected):
    assert client_for(persona).get(reverse("kpi:submission-upload")).status_code == expected


def test_each_look_at_a_report_is_in_the_access_log(client_for, submissions, analyst_bracknell):
    client = client_for("analyst_bracknell")
    client.get(reverse("kpi:submission-report", kwargs={"pk": submissions["bracknell"].pk}))
    client.get(reverse("kpi:submission-report-csv", kwargs={"pk": submissions["bracknell"].pk}))
    client.get(reverse("kpi:submission-report", kwargs={"pk": submissions["surrey"].pk}))
    entries = AccessLog.objects.filter(user=analyst_bracknell)
    assert entries.count() == 2
    assert {entry.authority.slug for entry in entries} == {"bracknell-forest"}


@pytest.mark.parametrize(
    ("persona", "authority", "expected"),
    [
        # Editors change their entry on the "Your authority" pages and regional admins on the
        # regional team's (issue 22): not staff, they are sent to the admin's sign-in page.
        ("editor_bracknell", "bracknell", 302),
        ("editor_bracknell", "surrey", 302),
        ("admin", "surrey", 302),
        ("admin_user", "surrey", 200),
        ("analyst_bracknell", "bracknell", 302),  # not staff: to the admin login
        ("member", "bracknell", 302),
        ("anonymous", "bracknell", 302),
    ],
)
def test_registry_admin_change_page_matrix(client_for, request, persona, authority, expected):
    target = request.getfixturevalue(authority)
    url = f"/admin/models_registry/localauthority/{target.pk}/change/"
    assert client_for(persona).get(url).status_code == expected


def test_editor_cannot_change_another_authority_by_posting(client_for, surrey):
    client_for("editor_bracknell").post(
        f"/admin/models_registry/localauthority/{surrey.pk}/change/",
        {"name": "Hacked", "slug": "surrey"},
    )
    surrey.refresh_from_db()
    assert surrey.name == "Surrey"

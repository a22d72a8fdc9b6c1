"""`/api/v1/kpi/submissions/`: list what the user may see; upload through the one service."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AccessLog
from kpi.models import Submission
from tests.kpi.conftest import file_bytes

URL = "/api/v1/kpi/submissions/"


def post(client, content: bytes, *, la="bracknell-forest", quarter="2018-Q1", name="c.csv"):
    return client.post(
        URL, {"la": la, "quarter": quarter, "file": SimpleUploadedFile(name, content)}
    )


def test_anonymous_cannot_list(client, fs_bracknell):
    assert client.get(URL).status_code in (401, 403)


def test_analyst_uploads_then_reupload_is_unchanged(client_for, fs_bracknell):
    client = client_for("analyst_bracknell")

    created = post(client, file_bytes("valid_small.csv"))
    again = post(client, file_bytes("valid_small.csv"))

    assert created.status_code == 201
    assert created.json()["outcome"] == "accepted"
    assert created.json()["submission"]["is_current"] is True
    assert again.status_code == 200
    assert again.json()["outcome"] == "unchanged"
    assert Submission.objects.count() == 1
    assert AccessLog.objects.filter(action=AccessLog.Action.UPLOAD).exists()


def test_rejected_upload_returns_the_report(client_for, fs_bracknell):
    response = post(client_for("analyst_bracknell"), file_bytes("rule_age_out_of_range.csv"))

    assert response.status_code == 422
    body = response.json()
    assert body["outcome"] == "rejected"
    assert body["errors"][0] == {
        "severity": "error",
        "row": 2,
        "column": "D04 Age",
        "value": "121",
        "message": "This should be a whole number from 0 to 120.",
    }


def test_upload_for_another_authority_is_refused(client_for, fs_bracknell, fs_surrey):
    response = post(client_for("analyst_bracknell"), file_bytes("valid_small.csv"), la="surrey")

    assert response.status_code == 400
    (message,) = response.json()["la"]
    assert "does not exist" not in message
    assert "You may not upload for Surrey" in message
    assert "bracknell-forest" in message
    assert not Submission.objects.exists()


def test_upload_for_an_unknown_authority_says_where_the_slugs_are(client_for, fs_bracknell):
    response = post(client_for("analyst_bracknell"), file_bytes("valid_small.csv"), la="nowhere")

    assert response.status_code == 400
    (message,) = response.json()["la"]
    assert "“nowhere” is not an authority" in message
    assert "/api/v1/local-authorities/" in message


def test_bad_quarter_is_a_400(client_for, fs_bracknell):
    response = post(client_for("analyst_bracknell"), b"R01\n", quarter="2018-Q9")

    assert response.status_code == 400
    assert "quarter" in response.json()


@pytest.mark.parametrize("persona", ["member", "admin", "regional_analyst"])
def test_only_analysts_upload(client_for, fs_bracknell, persona):
    response = post(client_for(persona), file_bytes("valid_small.csv"))

    assert response.status_code == 403


def test_list_shows_status_and_is_current_for_own_authority_only(client_for, upload, fs_surrey):
    first = upload("valid_small.csv").submission
    second = upload(file_bytes("valid_small.csv").replace(b"Team A", b"Team Q")).submission
    upload("valid_small.csv", authority=fs_surrey)

    body = client_for("analyst_bracknell").get(URL).json()

    rows = {row["id"]: row for row in body["results"]}
    assert set(rows) == {first.pk, second.pk}
    assert (rows[first.pk]["status"], rows[first.pk]["is_current"]) == ("superseded", False)
    assert (rows[second.pk]["status"], rows[second.pk]["is_current"]) == ("accepted", True)
    assert rows[second.pk]["la"] == "bracknell-forest"
    assert client_for("analyst_surrey").get(URL).json()["count"] == 1
    assert client_for("admin").get(URL).json()["count"] == 0


def test_list_filters_by_status(client_for, upload):
    upload("valid_small.csv")
    upload("rule_age_out_of_range.csv")

    body = client_for("analyst_bracknell").get(URL, {"status": "rejected"}).json()

    assert [row["status"] for row in body["results"]] == ["rejected"]


def test_other_authoritys_submission_is_404(client_for, upload):
    submission = upload("valid_small.csv").submission

    response = client_for("analyst_surrey").get(f"{URL}{submission.pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("copies", [1, 10])
def test_list_query_count_is_constant(client_for, upload, copies, django_assert_max_num_queries):
    for number in range(copies):
        upload(file_bytes("valid_small.csv").replace(b"Team A", f"Team {number}".encode()))
    client = client_for("analyst_bracknell")

    with django_assert_max_num_queries(8):
        body = client.get(URL).json()

    assert body["count"] == copies


def test_schema_stays_valid(client, db):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert b"/api/v1/kpi/submissions/" in response.content


def test_an_import_that_fails_inside_answers_503_with_the_report_not_500(
    client_for, fs_bracknell, monkeypatch
):
    """The import's own failure (logged, stored as a failed submission, the message says to
    upload again) is a documented answer, not a server error."""
    from kpi.services import import_run

    def broken(*args, **kwargs):
        raise RuntimeError("a fault inside the import")

    monkeypatch.setattr(import_run._ImportRun, "check_and_store", broken)

    response = post(client_for("analyst_bracknell"), file_bytes("valid_small.csv"))

    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.json()
    assert body["outcome"] == "failed"
    assert "nothing from the file was stored" in body["message"]
    assert "a fault inside the import" not in response.content.decode()
    assert Submission.objects.get().status == Submission.Status.FAILED

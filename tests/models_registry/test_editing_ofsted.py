"""The Ofsted inspection on 'Your authority' and in the API (issue 22): judgement, date as
precise as known and the inspection's name, through the question page, check your answers
and saved, with where it comes from, the version check and the history; junk dates and
dates in the future refused, never a 500."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from models_registry.digest import send_digest
from models_registry.models import AuthorityStatement, LocalAuthority
from sources.models import Citation
from tests.factories import SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/your-authority/bracknell-forest/ofsted/"
API = "/api/v1/local-authorities/bracknell-forest/"


@pytest.fixture
def editor_surrey(surrey):
    return UserFactory(email="editor@surrey.example.org", role="authority_editor", authority=surrey)


def _answers(**overrides) -> dict:
    data = {
        "version": "1",
        "ofsted_judgement": "good",
        "ofsted_date": "June 2019",
        "ofsted_when": "ILACS inspection, June 2019",
        "provenance": "authority",
        "source": "",
        "locator": "",
    }
    data.update(overrides)
    return data


def test_editor_changes_the_ofsted_inspection_and_saves_it(client_for, editor_bracknell, bracknell):
    client = client_for("editor_bracknell")
    entry = client.get("/your-authority/bracknell-forest/")
    assert b"Ofsted inspection" in entry.content
    assert URL.encode() in entry.content
    assert client.get(URL).status_code == 200
    assert client.post(URL, _answers()).url == "/your-authority/bracknell-forest/check/"
    check = client.get("/your-authority/bracknell-forest/check/")
    assert b"June 2019" in check.content
    assert b"Good" in check.content
    assert client.post("/your-authority/bracknell-forest/check/").status_code == 302
    bracknell.refresh_from_db()
    assert bracknell.ofsted_judgement == "good"
    assert (bracknell.ofsted_date, bracknell.ofsted_date_precision) == (
        datetime.date(2019, 6, 1),
        "month",
    )
    assert str(bracknell.ofsted_dated) == "June 2019"
    assert bracknell.version == 2
    reason = bracknell.history.latest("history_date").history_change_reason
    assert reason.startswith(
        "Changed Ofsted judgement, date of the Ofsted judgement, Ofsted judgement as at; "
        "stated by the authority"
    )
    assert set(AuthorityStatement.objects.values_list("field", flat=True)) == {
        "ofsted_judgement",
        "ofsted_date",
        "ofsted_when",
    }
    public = client.get("/authorities/bracknell-forest/").content.decode()
    assert "Changed Ofsted judgement" in public
    # the authority's own report names each field as a reader says it, not by its column
    assert "date of the Ofsted judgement stated by the authority" in public
    assert "ofsted" not in public.replace("-ofsted", "").replace("ofsted-", "")


def test_regional_admin_cites_a_source_for_a_date_alone(client_for, admin, bracknell):
    SourceFactory(key="ofsted-bf", title="Bracknell Forest ILACS report")
    client = client_for("admin")
    answers = _answers(
        ofsted_judgement="",
        ofsted_when="",
        ofsted_date="2018",
        provenance="source",
        source="ofsted-bf",
        locator="p 1",
    )
    assert client.post(URL, answers).status_code == 302
    assert client.post("/your-authority/bracknell-forest/check/").status_code == 302
    bracknell.refresh_from_db()
    assert str(bracknell.ofsted_dated) == "2018"
    assert list(Citation.objects.values_list("field", "locator")) == [("ofsted_date", "p 1")]
    assert "source: Bracknell Forest ILACS report, p 1" in (
        bracknell.history.latest("history_date").history_change_reason
    )


def test_the_same_date_in_other_words_is_no_change(client_for, admin, bracknell):
    LocalAuthority.objects.filter(pk=bracknell.pk).update(
        ofsted_date=datetime.date(2019, 6, 1), ofsted_date_precision="month"
    )
    client = client_for("admin")
    page = client.get(URL)
    assert b'value="June 2019"' in page.content
    answers = _answers(ofsted_judgement="", ofsted_when="", ofsted_date="2019-06")
    response = client.post(URL, answers)
    assert b"Change at least one answer" in response.content


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2099", b"must be today or in the past"),
        ("1980", b"must be 1992 or later"),
        ("31 February 2019", b"Enter the date of the inspection as a year"),
        ("next Tuesday", b"Enter the date of the inspection as a year"),
        ("9" * 500, b"Enter the date of the inspection"),
    ],
)
def test_junk_and_future_dates_are_refused(client_for, editor_bracknell, bracknell, text, message):
    response = client_for("editor_bracknell").post(URL, _answers(ofsted_date=text))
    assert response.status_code == 200
    assert message in response.content
    assert b"govuk-error-summary" in response.content
    bracknell.refresh_from_db()
    assert bracknell.ofsted_date is None


def test_tomorrow_is_refused_today_is_not(client_for, editor_bracknell, bracknell):
    client = client_for("editor_bracknell")
    today = timezone.localdate()
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    refused = client.post(URL, _answers(ofsted_date=tomorrow))
    assert b"must be today or in the past" in refused.content
    assert client.post(URL, _answers(ofsted_date=today.isoformat())).status_code == 302


def test_a_stale_save_is_refused_with_both_versions(client_for, editor_bracknell, bracknell):
    client = client_for("editor_bracknell")
    client.post(URL, _answers())
    LocalAuthority.objects.filter(pk=bracknell.pk).update(ofsted_judgement="inadequate", version=2)
    response = client.post("/your-authority/bracknell-forest/check/")
    assert response.status_code == 409
    assert b"changed by someone else" in response.content
    assert b"Inadequate" in response.content
    bracknell.refresh_from_db()
    assert (bracknell.ofsted_judgement, bracknell.ofsted_date) == ("inadequate", None)


def test_another_authority_editor_and_an_analyst_cannot(editor_surrey, analyst_bracknell):
    client = Client()
    client.force_login(editor_surrey)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _answers()).status_code == 403
    client.force_login(analyst_bracknell)
    assert client.get(URL).status_code == 403


def test_the_change_is_in_the_digest(client_for, editor_bracknell, admin, bracknell):
    client = client_for("editor_bracknell")
    client.post(URL, _answers())
    client.post("/your-authority/bracknell-forest/check/")
    send_digest(day=timezone.localdate())
    assert "Changed Ofsted judgement, date of the Ofsted judgement" in mail.outbox[0].body


def _api(user) -> APIClient:
    api = APIClient()
    api.force_login(user)
    return api


def test_api_patch_sets_the_ofsted_date_with_its_precision(editor_bracknell, bracknell):
    response = _api(editor_bracknell).patch(
        API,
        {
            "ofsted_judgement": "outstanding",
            "ofsted_date": "Autumn 2019",
            "version": 1,
            "provenance": {"stated_by_authority": True},
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["ofsted_date"] == {
        "text": "Autumn 2019",
        "precision": "season",
        "value": "Autumn 2019",
    }
    bracknell.refresh_from_db()
    assert (bracknell.ofsted_judgement, bracknell.ofsted_date_precision) == (
        "outstanding",
        "season",
    )
    response = _api(editor_bracknell).patch(
        API,
        {"ofsted_date": None, "version": 2, "provenance": {"stated_by_authority": True}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    bracknell.refresh_from_db()
    assert (bracknell.ofsted_date, bracknell.ofsted_date_precision) == (None, "")


@pytest.mark.parametrize("value", ["2099-01", "1900", "junk", 12, ["2019"]])
def test_api_refuses_a_junk_or_future_ofsted_date(editor_bracknell, bracknell, value):
    response = _api(editor_bracknell).patch(
        API,
        {"ofsted_date": value, "version": 1, "provenance": {"stated_by_authority": True}},
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert "ofsted_date" in response.json()
    bracknell.refresh_from_db()
    assert (bracknell.ofsted_date, bracknell.version) == (None, 1)


def test_api_patch_of_another_authority_is_refused(editor_surrey, bracknell):
    response = _api(editor_surrey).patch(
        API,
        {"ofsted_date": "2019", "version": 1, "provenance": {"stated_by_authority": True}},
        format="json",
    )
    assert response.status_code == 403


def test_the_schema_documents_the_ofsted_fields(client):
    schemas = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["components"][
        "schemas"
    ]
    patch = [s for name, s in schemas.items() if "LocalAuthorityPatch" in name]
    assert patch
    properties = patch[0]["properties"]
    assert {"ofsted_judgement", "ofsted_date", "ofsted_when"} <= set(properties)
    assert "Autumn 2019" in properties["ofsted_date"]["description"]
    assert properties["ofsted_date"]["nullable"] is True

"""The public, read-only registry API."""

import pytest

from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_lists_paginate_and_look_up_by_slug(region, client):
    body = client.get("/api/v1/local-authorities/").json()
    assert body["count"] == 47
    assert {"count", "next", "previous", "results"} <= set(body)
    kent = client.get("/api/v1/local-authorities/kent/").json()
    assert kent["gss_code"] == "E10000016"
    assert {"practice_model": "signs-of-safety", "role": "building_on"}.items() <= next(
        a for a in kent["adoptions"] if a["practice_model"] == "signs-of-safety"
    ).items()
    fsm = client.get("/api/v1/practice-models/family-safeguarding/").json()
    assert fsm["short_name"] == "FSM"
    assert fsm["authority_count"] == 8
    assert {"slug": "motivational-interviewing", "name": "Motivational interviewing"} in fsm[
        "underpinnings"
    ]


def test_api_filters_mirror_the_pages(region, client):
    bespoke = client.get("/api/v1/practice-models/?kind=bespoke&sort=-authorities").json()
    assert bespoke["results"][0]["slug"] == "hampshire-approach"
    sos_primary = client.get(
        "/api/v1/local-authorities/?model=signs-of-safety&role=only_or_primary"
    ).json()
    assert sorted(a["slug"] for a in sos_primary["results"]) == [
        "medway", "milton-keynes", "west-sussex", "windsor-and-maidenhead", "wokingham",
    ]  # fmt: skip
    table = client.get("/api/v1/adoptions/?survey=seslip_autumn_2019").json()
    assert table["count"] == 21
    funded = client.get("/api/v1/practice-models/?funding=innovation_programme").json()
    assert "family-safeguarding" in [m["slug"] for m in funded["results"]]
    bracknell = client.get("/api/v1/adoptions/?authority=bracknell-forest").json()["results"][0]
    assert bracknell["dfe_amount"] == "1900000"


def test_invalid_filter_value_is_a_400(region, client):
    assert client.get("/api/v1/practice-models/?tool=no-such-tool").status_code == 400


def test_contacts_never_appear_in_the_api(region, client_for):
    ContactFactory(name="Secret Person", email="secret@example.org")
    client = client_for("admin")
    for url in (
        "/api/v1/local-authorities/",
        "/api/v1/local-authorities/kent/",
        "/api/v1/practice-models/",
        "/api/v1/practice-models/signs-of-safety/",
        "/api/v1/adoptions/",
        "/api/schema/",
    ):
        body = client.get(url).content.decode()
        assert "Susan Ashmore" not in body, url
        assert "secret@example.org" not in body, url
    # Only the people who keep contacts (an authority's editors, regional admins) have a
    # contacts endpoint (issue 22); the public and members do not.
    assert client_for("anonymous").get("/api/v1/contacts/").status_code == 401
    assert client_for("member").get("/api/v1/contacts/").status_code == 403


@pytest.mark.parametrize("persona", ["anonymous", "member", "admin"])
def test_api_is_read_only(region, client_for, persona):
    client = client_for(persona)
    assert client.post("/api/v1/practice-models/", {"name": "x"}).status_code in (403, 405)
    # Anonymous writes are refused before the method is (401: sign in or send a token).
    assert client.delete("/api/v1/local-authorities/kent/").status_code in (401, 403, 405)


def test_schema_lists_the_registry_endpoints(db, client):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/v1/local-authorities/", "/api/v1/practice-models/{slug}/",
                 "/api/v1/adoptions/"):  # fmt: skip
        assert path in schema

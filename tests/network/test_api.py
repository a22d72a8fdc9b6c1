"""/api/v1/network/: events public with the programme; meetings and actions signed-in;
bookings and feedback responses for their owners only; all in the OpenAPI schema."""

import pytest

from network.models import Booking, FeedbackForm, FeedbackQuestion, FeedbackResponse

pytestmark = pytest.mark.django_db

CONFERENCE = "models-of-social-work-practice-conference-2020"


def test_event_detail_has_the_programme(client, conference):
    data = client.get(f"/api/v1/network/events/{CONFERENCE}/").json()
    assert data["status"] == "cancelled"
    (status_citation,) = [c for c in data["citations"] if c["field"] == "status"]
    assert status_citation["source"] == "seslip-models-of-social-work-practice-2020"
    assert status_citation["title"] == "Models of Social Work Practice"
    assert status_citation["locator"] == "foreword"
    presentations = [s for s in data["programme"] if s["kind"] == "presentation"]
    assert len(presentations) == 6
    sos = next(s for s in presentations if s["practice_model"] == "signs-of-safety")
    assert sorted(sos["presenting_authorities"]) == ["milton-keynes", "wokingham"]
    workshops = [s for s in data["programme"] if s["kind"] == "workshop"]
    assert all([run["number"] for run in s["runs"]] == [1, 2] for s in workshops)


def test_event_list_is_public_and_filters_by_status(client, conference):
    assert client.get("/api/v1/network/events/", {"status": "open"}).json()["count"] == 0
    assert client.get("/api/v1/network/events/", {"status": "cancelled"}).json()["count"] == 1


@pytest.mark.parametrize("path", ["/api/v1/network/meetings/", "/api/v1/network/actions/"])
def test_meetings_and_actions_need_sign_in(client_for, meeting, path):
    assert client_for("anonymous").get(path).status_code == 401
    assert client_for("member").get(path).status_code == 200


def test_meeting_detail_has_attendance_and_actions(client_for, meeting):
    data = client_for("member").get("/api/v1/network/meetings/2020-02-19/").json()
    assert len([a for a in data["attendance"] if a["kind"] == "attended"]) == 8
    assert len([a for a in data["attendance"] if a["kind"] == "apologies"]) == 9
    assert [a["number"] for a in data["actions"]] == [1, 2, 3, 4, 5, 6]
    action_4 = data["actions"][3]
    assert (action_4["due_text"], action_4["due_by"]) == ("Early March 2020", "2020-03-10")


def test_actions_filter_by_authority(client_for, meeting):
    data = (
        client_for("member")
        .get("/api/v1/network/actions/", {"authority": "bracknell-forest"})
        .json()
    )
    assert sorted(a["number"] for a in data["results"]) == [1, 5]


def test_bookings_by_api_for_their_owners_only(client_for, open_event, runs, surrey, admin):
    editor = client_for("editor_bracknell")
    response = editor.post(
        "/api/v1/network/bookings/",
        {
            "event": open_event.slug,
            "attendees": [
                {
                    "name": "Ann",
                    "email": "ann@bf.example.org",
                    "runs": [runs("signs-of-safety", 1).pk],
                }
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()[0]["places"][0]["status"] == "confirmed"
    Booking.objects.create(
        event=open_event,
        local_authority=surrey,
        attendee_name="S",
        attendee_email="s@x.org",
        booked_by=admin,
    )
    listed = editor.get("/api/v1/network/bookings/").json()["results"]
    assert [b["attendee_name"] for b in listed] == ["Ann"]
    surrey_booking = Booking.objects.get(local_authority=surrey)
    assert editor.get(f"/api/v1/network/bookings/{surrey_booking.pk}/").status_code == 404
    assert client_for("member").get("/api/v1/network/bookings/").json()["results"] == []
    assert client_for("anonymous").get("/api/v1/network/bookings/").status_code == 401


def test_booking_over_the_allowance_by_api_is_refused(client_for, open_event):
    attendees = [{"name": f"P{n}", "email": f"p{n}@x.org"} for n in range(4)]
    response = client_for("editor_bracknell").post(
        "/api/v1/network/bookings/",
        {"event": open_event.slug, "attendees": attendees},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "3 of its 3 places left" in response.content.decode()
    assert not Booking.objects.exists()


def test_feedback_by_api_lists_only_your_named_responses(client_for, open_event, member):
    form = FeedbackForm.objects.create(event=open_event, title="Feedback", is_open=True)
    question = FeedbackQuestion.objects.create(form=form, position=1, text="Useful?", kind="rating")
    client = client_for("member")
    for anonymous in (False, True):
        response = client.post(
            "/api/v1/network/feedback-responses/",
            {
                "form": form.pk,
                "anonymous": anonymous,
                "answers": [{"question": question.pk, "rating": 4}],
            },
            content_type="application/json",
        )
        assert response.status_code == 201
    assert FeedbackResponse.objects.count() == 2
    assert len(client.get("/api/v1/network/feedback-responses/").json()["results"]) == 1
    assert client_for("admin").get("/api/v1/network/feedback-responses/").json()["results"] == []


def test_network_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path in (
        "events/",
        "events/{slug}/",
        "meetings/",
        "actions/",
        "bookings/",
        "feedback-responses/",
    ):
        assert f"/api/v1/network/{path}" in paths


def test_event_list_query_count_is_flat(client, conference, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/network/events/{CONFERENCE}/").status_code == 200

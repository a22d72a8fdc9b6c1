"""The reference group's pages: who sees what, the 2020 content, the tracker's filters."""

import datetime

import pytest
from icalendar import Calendar

from network.models import Action, Event, Member

pytestmark = pytest.mark.django_db

CONFERENCE = "/network/events/models-of-social-work-practice-conference-2020/"
MEETING = "/network/meetings/2020-02-19/"


def text(response) -> str:
    return response.content.decode()


def test_anonymous_sees_the_cancelled_conference_and_its_programme(client, conference):
    body = text(client.get(CONFERENCE))
    assert "Cancelled" in body and "Covid-19 pandemic" in body
    assert (
        '<a class="govuk-link" href="/sources/seslip-models-of-social-work-practice-2020/">'
        "Models of Social Work Practice</a>, foreword (for the status)" in body
    )
    assert body.count("20 minutes") == 6 and body.count("45 minutes") == 6
    assert body.count("Run 1, Run 2") == 6
    assert "/models/hampshire-approach/" in body and "/authorities/isle-of-wight/" in body
    assert "Possible" in body and "15 minutes" in body
    assert "3 per authority" in body and "SESLIP covered the venue costs" in body
    assert "seed" not in body.lower()


def test_event_list_is_public(client, conference):
    body = text(client.get("/network/events/"))
    assert conference.title in body and "Cancelled" in body


def test_group_page_hides_members_from_anonymous_visitors(client, network_data):
    body = text(client.get("/network/"))
    assert "Sign in to see the group" in body
    assert "Diane Williamson" not in body


@pytest.mark.parametrize("path", [MEETING, "/network/meetings/", "/network/actions/"])
def test_minutes_and_actions_need_sign_in(client, network_data, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_member_sees_members_by_authority_and_role(client_for, network_data):
    body = text(client_for("member").get("/network/"))
    assert "Diane Williamson" in body and "Chair" in body
    assert "Nikki Edwards, Director of Children&#x27;s Services" in body and "Sponsor" in body


def test_meeting_page_shows_attendance_note_minutes_and_actions(client_for, meeting):
    body = text(client_for("member").get(MEETING))
    assert body.count("Sonia Johnson") >= 2
    assert "both as attending and as sending apologies" in body
    assert "18 local authorities" in body
    assert "Early March 2020" in body
    assert "Models of Social Work Practice conference, 8 June 2020" in body


def test_actions_tracker_filters_by_owner_authority_status_and_due(client_for, meeting):
    client = client_for("member")
    diane = Member.objects.get(name="Diane Williamson")
    by_owner = client.get("/network/actions/", {"owner": diane.pk}).context["rows"]
    assert sorted(row.action.number for row in by_owner) == [2, 3, 5, 6]
    by_authority = client.get("/network/actions/", {"authority": "bracknell-forest"})
    assert sorted(row.action.number for row in by_authority.context["rows"]) == [1, 5]
    due = client.get("/network/actions/", {"due_before": "2020-03-10"}).context["rows"]
    assert sorted(row.action.number for row in due) == [4, 5]
    assert client.get("/network/actions/", {"due_before": "2020-03-09"}).context["rows"] == []
    done = client.get("/network/actions/", {"status": "done"}).context["rows"]
    assert done == []


def test_open_action_past_its_early_month_is_overdue_and_highlighted(client_for, meeting):
    Action.objects.filter(meeting=meeting, number=5).update(status=Action.Status.OPEN)
    action = Action.objects.get(meeting=meeting, number=5)
    assert action.is_overdue(datetime.date(2020, 3, 11))
    assert not action.is_overdue(datetime.date(2020, 3, 10))
    response = client_for("member").get("/network/actions/", {"overdue": "yes"})
    assert [row.action.number for row in response.context["rows"]] == [5]
    assert text(response).count("Overdue</strong>") == 1


def test_regional_admin_marks_an_action_done_with_history(client_for, admin, meeting):
    action = Action.objects.get(meeting=meeting, number=2)
    client = client_for("admin")
    response = client.post(f"/network/actions/{action.pk}/status/", {"status": "done"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    latest = action.history.first()
    assert latest.history_user == admin and "Done" in latest.history_change_reason


@pytest.mark.parametrize("persona", ["anonymous", "member", "editor_bracknell"])
def test_only_a_regional_admin_changes_an_action(client_for, meeting, persona):
    action = Action.objects.get(meeting=meeting, number=2)
    response = client_for(persona).post(f"/network/actions/{action.pk}/status/", {"status": "done"})
    assert response.status_code == (302 if persona == "anonymous" else 403)
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_RECORDED


def test_model_page_links_to_its_session_and_shows_its_resources(client, conference):
    body = text(client.get("/models/hampshire-approach/"))
    assert f"{CONFERENCE}#session-presentation-hampshire-approach" in body
    assert "Untitled — a YouTube video of Hampshire&#x27;s journey to Outstanding" in body
    assert (
        '<a class="govuk-link" href="/sources/seslip-models-of-social-work-practice-2020/">'
        "Models of Social Work Practice</a>, §3.3.10" in body
    )


def test_authority_page_lists_group_members_to_signed_in_users_only(client_for, network_data):
    path = "/authorities/bracknell-forest/"
    assert "Nikki Edwards" not in text(client_for("anonymous").get(path))
    body = text(client_for("member").get(path))
    assert "On the reference group" in body and "Nikki Edwards" in body


def test_event_ics_parses_back_with_the_same_dates_and_summary(client, conference):
    response = client.get(f"{CONFERENCE}calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == datetime.date(2020, 6, 8)
    assert entry.decoded("dtend") == datetime.date(2020, 6, 9)
    assert str(entry["summary"]) == "Models of Social Work Practice conference"
    assert str(entry["status"]) == "CANCELLED"


def test_meeting_ics_needs_sign_in_and_parses_back(client_for, meeting):
    assert client_for("anonymous").get(f"{MEETING}calendar.ics").status_code == 302
    response = client_for("member").get(f"{MEETING}calendar.ics")
    (entry,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert entry.decoded("dtstart") == datetime.date(2020, 2, 19)
    assert "Reference group meeting" in str(entry["summary"])


def test_feed_lists_upcoming_events_with_times_and_meetings_for_members(client_for, conference):
    Event.objects.create(
        slug="autumn-2027",
        title="Autumn learning event",
        date=datetime.date(2027, 10, 5),
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(15, 30),
        status=Event.Status.OPEN,
    )
    conference.group.meetings.create(
        slug="2027-09-01", title="Planning meeting", date=datetime.date(2027, 9, 1)
    )
    public = Calendar.from_ical(client_for("anonymous").get("/network/calendar.ics").content)
    (entry,) = public.walk("VEVENT")
    assert str(entry["summary"]) == "Autumn learning event"
    assert entry.decoded("dtstart") == datetime.datetime(2027, 10, 5, 9, 0, tzinfo=datetime.UTC)
    assert entry.decoded("dtend") == datetime.datetime(2027, 10, 5, 14, 30, tzinfo=datetime.UTC)
    member = Calendar.from_ical(client_for("member").get("/network/calendar.ics").content)
    assert len(member.walk("VEVENT")) == 2


def test_resources_page_is_public_and_cites_each_resource(client, network_data):
    body = text(client.get("/network/resources/"))
    assert "Resources projects have found useful" in body
    assert (
        '<a class="govuk-link" href="/sources/innovation-programme-learning-summary-3/">'
        "Learning Summary #3: Implementing systemic models of social work</a>, "
        "section &quot;Resources projects have found useful&quot;" in body
    )


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        # Each list's citations are one prefetch (sources.selectors.citations_prefetch).
        ("/network/", 12),
        ("/network/meetings/", 8),
        ("/network/actions/", 13),
        ("/network/events/", 8),
        ("/network/resources/", 9),
        (MEETING, 19),
        (CONFERENCE, 14),
    ],
)
def test_network_pages_query_counts_are_bounded(
    client_for, conference, path, limit, django_assert_max_num_queries
):
    client = client_for("member")
    client.get(path)  # the session and the shared counters settle first
    with django_assert_max_num_queries(limit):
        assert client.get(path).status_code == 200

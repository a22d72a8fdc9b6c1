"""Journeys through the reference group's pages: an editor books three places and chooses
workshops; a regional admin marks an action done; a member downloads a meeting's .ics.
Every page is checked by axe."""

import datetime

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
EDITOR = "editor@bracknell-forest.example.org"
ADMIN = "admin@example.org"
MEMBER = "member@example.org"


@pytest.fixture
def group_and_events():
    """The reference group's real data, and an event open for booking."""
    from network import region_data
    from network.models import Event, Session, WorkshopRun
    from tests.factories import LocalAuthorityFactory, PracticeModelFactory, UserFactory
    from tests.network.conftest import AUTHORITIES, MODELS

    for slug, name in AUTHORITIES.items():
        LocalAuthorityFactory(slug=slug, name=name)
    for slug, name in MODELS.items():
        PracticeModelFactory(slug=slug, name=name)
    region_data.load()
    bracknell = LocalAuthorityFactory(slug="bracknell-forest")
    UserFactory(email=EDITOR, role="authority_editor", authority=bracknell)
    UserFactory(email=ADMIN, role="regional_admin")
    UserFactory(email=MEMBER, role="member")
    event = Event.objects.create(
        slug="spring-learning-day",
        title="Spring learning day",
        date=datetime.date(2027, 4, 20),
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(16, 0),
        status=Event.Status.OPEN,
        places_per_authority=3,
    )
    for position, (slug, title) in enumerate(
        (("signs-of-safety", "Signs of Safety"), ("family-safeguarding", "Family Safeguarding")),
        start=1,
    ):
        session = Session.objects.create(
            event=event,
            slug=f"workshop-{slug}",
            kind=Session.Kind.WORKSHOP,
            part=Session.Part.AFTERNOON,
            position=position,
            title=f"{title}: workshop",
            duration_minutes=45,
        )
        for number in (1, 2):
            WorkshopRun.objects.create(session=session, number=number, capacity=10)
    return event


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()


def test_editor_books_three_places_and_chooses_workshops(page: Page, live_server, group_and_events):
    # given the editor opens the event
    sign_in(page, live_server, EDITOR)
    page.goto(f"{live_server.url}/network/events/spring-learning-day/")
    assert_accessible(page)
    # when they book three places, choosing a workshop for each run
    page.get_by_role("link", name="Book places").click()
    expect(page.get_by_text("has 3 of its 3 places left")).to_be_visible()
    assert_accessible(page)
    people = [("Ann One", "ann"), ("Ben Two", "ben"), ("Cat Three", "cat")]
    for index, (name, mailbox) in enumerate(people, start=1):
        group = page.get_by_role("group", name=f"Attendee {index}")
        group.get_by_label("Full name").fill(name)
        group.get_by_label("Email address").fill(f"{mailbox}@bracknell-forest.example.org")
        group.get_by_label("Workshop, run 1").select_option(
            label="Signs of Safety (10 places left)"
        )
        group.get_by_label("Workshop, run 2").select_option(
            label="Family Safeguarding (10 places left)"
        )
    screenshot(page, "network-booking")
    page.get_by_role("button", name="Book places").click()
    # then the bookings page lists the three attendees with their workshops
    expect(page.get_by_text("3 places booked for Bracknell Forest")).to_be_visible()
    for _, mailbox in people:
        expect(page.get_by_text(f"{mailbox}@bracknell-forest.example.org")).to_be_visible()
    expect(page.get_by_text("Signs of Safety: workshop, run 1: confirmed").first).to_be_visible()
    assert_accessible(page)


def test_regional_admin_marks_an_action_done(page: Page, live_server, group_and_events):
    # given the admin opens the actions tracker
    sign_in(page, live_server, ADMIN)
    page.goto(f"{live_server.url}/network/actions/")
    assert_accessible(page)
    # when they set action 5 to done
    page.get_by_label("Status of action 5").select_option(label="Done")
    page.get_by_role("button", name="Save the status of action 5").click()
    # then the tracker says so, and filtering by "done" finds it
    expect(page.get_by_text("Action 5 is now: done.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Status", exact=True).select_option(label="Done")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 action found.")).to_be_visible()
    screenshot(page, "network-actions")
    assert_accessible(page)


def test_member_downloads_a_meetings_ics(page: Page, live_server, group_and_events):
    # given a member opens the meeting of 19 February 2020
    sign_in(page, live_server, MEMBER)
    page.goto(f"{live_server.url}/network/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="Reference group meeting, 19 February 2020").click()
    expect(page.get_by_text("both as attending and as sending apologies").first).to_be_visible()
    screenshot(page, "network-meeting")
    assert_accessible(page)
    # when they download the calendar file
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to your calendar (.ics)").click()
    path = download_info.value.path()
    # then it parses back with the meeting's date and title
    (entry,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert entry.decoded("dtstart") == datetime.date(2020, 2, 19)
    assert "Reference group meeting" in str(entry["summary"])


def test_anyone_sees_the_cancelled_conference(page: Page, live_server, group_and_events):
    page.goto(f"{live_server.url}/network/events/models-of-social-work-practice-conference-2020/")
    expect(page.get_by_text("This event did not take place.")).to_be_visible()
    screenshot(page, "network-conference")
    assert_accessible(page)

"""A regional admin keeps the reference group's events current on the regional team's
pages, not the admin site (issue 22): adds an event, a session of its programme, and a
feedback form with one question, then sees the event on its public page. Every page is
checked by axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_regional_journeys import ADMIN, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def regional_admin():
    from tests.factories import SourceFactory, UserFactory

    UserFactory(email=ADMIN, role="regional_admin")
    SourceFactory(key="seslip-report", title="Models of Social Work Practice")


def cite(page: Page, locator: str) -> None:
    page.get_by_label("Which document does this come from?").select_option("seslip-report")
    page.get_by_label("Where in the document?").fill(locator)


def check_and_save(page: Page, button: str, panel: str) -> None:
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", name=panel)).to_be_visible()
    assert_accessible(page)


def test_regional_admin_adds_an_event_its_session_and_feedback_form(
    page: Page, live_server, regional_admin
):
    # given the regional admin opens the events from the regional team's pages
    sign_in(page, live_server, ADMIN)
    page.goto(f"{live_server.url}/regional/")
    assert_accessible(page)
    page.get_by_role("link", name="Events", exact=True).click()
    assert_accessible(page)
    # when they add an event, first forgetting its date
    page.get_by_role("button", name="Add an event").click()
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill("Practice models learning day")
    page.get_by_label("Slug", exact=True).fill("learning-day-2027")
    page.get_by_label("Status", exact=True).select_option("open")
    cite(page, "§4")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Date", exact=True).fill("2027-03-04")
    page.get_by_label("Starts at", exact=True).fill("09:30")
    page.get_by_label("Ends at", exact=True).fill("16:00")
    cite(page, "§4")
    check_and_save(page, "Save event", "The event is added")
    # and a session of its programme, the event chosen already
    page.get_by_role("link", name=re.compile("^Add a session to this event")).click()
    expect(page.get_by_label("Which event is it part of?")).to_have_value(re.compile(r"^\d+$"))
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill("Family Safeguarding workshop")
    page.get_by_label("Slug", exact=True).fill("family-safeguarding")
    page.get_by_label("Workshop", exact=True).check()
    page.get_by_label("Afternoon", exact=True).check()
    page.get_by_label("Position", exact=True).fill("1")
    page.get_by_label("No", exact=True).check()
    cite(page, "§4.2")
    check_and_save(page, "Save session", "The session is added")
    # and a feedback form for the event, with one question
    page.goto(f"{live_server.url}/regional/events/")
    page.get_by_role("link", name=re.compile("^Add a feedback form for this event")).click()
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill("Learning day feedback")
    page.get_by_role("group", name="Is the form open for answers?").get_by_label("No").check()
    page.get_by_role("group", name="May people answer anonymously?").get_by_label("Yes").check()
    check_and_save(page, "Save feedback form", "The feedback form is added")
    page.get_by_role("link", name=re.compile("^Add a question to this form")).click()
    assert_accessible(page)
    page.get_by_label("Position", exact=True).fill("1")
    page.get_by_label("Question", exact=True).fill("What will you take back to your team?")
    page.get_by_label("Free text", exact=True).check()
    page.get_by_label("No", exact=True).check()
    check_and_save(page, "Save feedback question", "The feedback question is added")
    # then the event, with its session, is on its public page
    page.get_by_role("link", name="see the feedback question as the public sees it").click()
    expect(page.get_by_role("heading", name="Practice models learning day")).to_be_visible()
    expect(page.get_by_text("Family Safeguarding workshop")).to_be_visible()
    assert_accessible(page)

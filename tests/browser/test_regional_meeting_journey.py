"""A regional admin keeps the reference group current on the regional team's pages, not
the admin site: they add a meeting, then a decision to it from the meeting's confirmation,
and see both on the public meeting page; again without JavaScript. Every page is checked
by axe."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible as axe_check

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
ADMIN = "admin@example.org"
DECISION = "Hold a learning day on Family Safeguarding in the autumn."


@pytest.fixture
def reference_group():
    from network.models import ReferenceGroup
    from tests.factories import SourceFactory, UserFactory

    UserFactory(email=ADMIN, role="regional_admin")
    SourceFactory(key="reference-group-minutes", title="Reference group minutes")
    return ReferenceGroup.objects.create(name="Practice models group", slug="practice-models")


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()


def cite(page: Page, locator: str) -> None:
    page.get_by_label("Which document does this come from?").select_option(
        "reference-group-minutes"
    )
    page.get_by_label("Where in the document?").fill(locator)


def no_check(page: Page) -> None:
    """Without JavaScript axe cannot run in the page: the same pages are checked in the
    journey with JavaScript."""


def add_a_meeting_and_a_decision(
    page: Page, live_server, reference_group, *, javascript: bool
) -> None:
    assert_accessible = axe_check if javascript else no_check
    # given the regional admin opens the meetings from the regional team's home page
    sign_in(page, live_server, ADMIN)
    page.goto(f"{live_server.url}/regional/")
    assert_accessible(page)
    page.get_by_role("link", name="Meetings", exact=True).click()
    expect(page.get_by_role("heading", name="Meetings", level=1)).to_be_visible()
    assert_accessible(page)
    # when they add a meeting that ends before it starts, the error summary says so
    page.get_by_role("button", name="Add a meeting").click()
    assert_accessible(page)
    page.get_by_label("Reference group").select_option(label="Practice models group")
    page.get_by_label("Title").fill("Autumn meeting")
    page.get_by_label("Short name for web addresses").fill("2027-10-14")
    page.get_by_label("Date").fill("2027-10-14")
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("13:00")
    cite(page, "minutes §1")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="The end time must be after the start time")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("End time").fill("16:00")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_role("heading", name="The meeting is added")).to_be_visible()
    assert_accessible(page)
    # then they add a decision to it, the meeting already chosen
    page.get_by_role("link", name="Add a decision to this meeting").click()
    expect(page.get_by_label("Meeting")).to_have_value(
        str(reference_group.meetings.get(slug="2027-10-14").pk)
    )
    assert_accessible(page)
    page.get_by_label("Number").fill("1")
    page.get_by_label("Decision", exact=True).fill(DECISION)
    cite(page, "minutes §4")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_role("heading", name="The decision is added")).to_be_visible()
    assert_accessible(page)
    # and the public meeting page shows the meeting with its decision
    page.get_by_role("link", name="see the decision as the public sees it").click()
    expect(page.get_by_role("heading", name="Autumn meeting, 14 October 2027")).to_be_visible()
    expect(page.get_by_text(DECISION)).to_be_visible()
    assert_accessible(page)


def test_regional_admin_adds_a_meeting_and_a_decision(page: Page, live_server, reference_group):
    add_a_meeting_and_a_decision(page, live_server, reference_group, javascript=True)


def test_regional_admin_adds_a_meeting_and_a_decision_without_javascript(
    page_without_javascript: Page, live_server, reference_group
):
    add_a_meeting_and_a_decision(
        page_without_javascript, live_server, reference_group, javascript=False
    )

"""A regional admin manages users on the portal's own pages (issue 22: the admin site is
for the superuser's maintenance): they invite someone, correcting an answer the error
summary points to, check their answers, then change the new user's role; again without
JavaScript. Every page is checked by axe."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible as axe_check
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
ADMIN = "admin@example.org"
INVITED = "new.editor@bracknell-forest.example.org"


@pytest.fixture
def region():
    from tests.factories import LocalAuthorityFactory, UserFactory

    LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    UserFactory(email=ADMIN, role="regional_admin")


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()


def no_check(page: Page) -> None:
    """Without JavaScript axe cannot run in the page (Playwright's evaluate waits for ever):
    the same pages are checked in the journey with JavaScript."""


def invite_and_change_role(page: Page, live_server, *, javascript: bool) -> None:
    assert_accessible = axe_check if javascript else no_check
    # given the regional admin opens the users pages from their account page
    sign_in(page, live_server, ADMIN)
    page.goto(f"{live_server.url}/accounts/")
    page.get_by_role("link", name="Manage users").click()
    expect(page.get_by_role("heading", name="Users", level=1)).to_be_visible()
    assert_accessible(page)
    if javascript:
        screenshot(page, "users-list")
    # when they invite an authority editor without saying which authority
    page.get_by_role("button", name="Invite a user").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill(INVITED)
    page.get_by_label("First name").fill("Eli")
    page.get_by_label("Last name").fill("Editor")
    page.get_by_label("Authority editor").check()
    page.get_by_role("button", name="Continue").click()
    # then the error summary says what is missing
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="An authority editor needs an authority")).to_be_visible()
    assert_accessible(page)
    # when they choose the authority and check their answers
    page.get_by_label("Authority", exact=True).select_option("bracknell-forest")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.get_by_text(INVITED)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send invitation").click()
    # then the invitation is sent
    expect(page.get_by_role("heading", name="Invitation sent")).to_be_visible()
    assert_accessible(page)
    # when they change the new user's role to authority analyst
    page.get_by_role("link", name=f"See {INVITED}'s account").click()
    expect(page.get_by_role("heading", name=INVITED)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change role").click()
    assert_accessible(page)
    page.get_by_label("Authority analyst").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Change role").click()
    # then the confirmation says so, and the role grants name the admin
    expect(page.get_by_role("heading", name="Role changed")).to_be_visible()
    assert_accessible(page)
    if javascript:
        screenshot(page, "users-role-changed")
    page.goto(f"{live_server.url}/accounts/users/role-grants/")
    expect(page.get_by_role("cell", name="Authority analyst, Bracknell Forest")).to_be_visible()
    assert_accessible(page)


def test_regional_admin_invites_a_user_and_changes_their_role(
    page: Page, live_server, region, mailoutbox
):
    invite_and_change_role(page, live_server, javascript=True)
    from accounts.models import User

    user = User.objects.get(email=INVITED)
    assert (user.role, user.authority.slug) == ("authority_analyst", "bracknell-forest")
    assert [email.to for email in mailoutbox] == [[INVITED], [INVITED]]


def test_regional_admin_invites_a_user_and_changes_their_role_without_javascript(
    page_without_javascript: Page, live_server, region
):
    invite_and_change_role(page_without_javascript, live_server, javascript=False)

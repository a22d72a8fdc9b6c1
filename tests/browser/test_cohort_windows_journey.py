"""The regional admin's Family Safeguarding cohort windows page: the short list of the
authorities it concerns, every authority on asking (a plain link, with and without
JavaScript), and giving an authority its windows, which the list then shows as given by
the admin, under a success banner. Every page is checked by axe."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
ADMIN = "admin@example.org"


@pytest.fixture
def region():
    """Bracknell Forest uses Family Safeguarding and has its windows; Reading has an
    analyst but no windows; Slough uses neither."""
    from kpi.services.toolkit import ensure_cohorts
    from tests.factories import (
        AdoptionFactory,
        LocalAuthorityFactory,
        PracticeModelFactory,
        UserFactory,
    )

    UserFactory(email=ADMIN, role="regional_admin", first_name="Ada", last_name="Lovelace")
    bracknell = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    AdoptionFactory(
        local_authority=bracknell,
        practice_model=PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding"),
    )
    ensure_cohorts(authority=bracknell)
    reading = LocalAuthorityFactory(slug="reading", name="Reading")
    UserFactory(email="analyst@reading.example.org", role="authority_analyst", authority=reading)
    LocalAuthorityFactory(slug="slough", name="Slough")


def sign_in(page: Page, live_server) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Email address").fill(ADMIN)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {ADMIN}")).to_be_visible()


def table_rows(page: Page):
    return page.locator("tbody .govuk-table__row")


def show_all_and_back(page: Page) -> None:
    # given the short list: the two authorities the page concerns, not Slough
    expect(table_rows(page)).to_have_count(2)
    expect(page.get_by_role("rowheader", name="Slough")).to_have_count(0)
    assert_accessible(page)
    # when they ask for every authority, Slough is listed with a "Give" link
    page.get_by_role("link", name="Show all 3 authorities").click()
    expect(table_rows(page)).to_have_count(3)
    expect(page.get_by_role("rowheader", name="Slough")).to_be_visible()
    assert_accessible(page)
    # and the other link goes back to the short list
    page.get_by_role("link", name="Show only the authorities that use Family Safeguarding").click()
    expect(table_rows(page)).to_have_count(2)


def test_a_regional_admin_lists_and_gives_cohort_windows(page: Page, live_server, region):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/regional/cohort-windows/")
    expect(page.get_by_role("heading", name="Family Safeguarding cohort windows")).to_be_visible()
    bracknell = page.get_by_role("row", name="Bracknell Forest")
    expect(bracknell).to_contain_text("Cohorts 1 to 6")
    expect(bracknell).to_contain_text("by someone not recorded")  # loaded, not given
    show_all_and_back(page)
    # when they give Reading the toolkit's windows
    page.get_by_role("link", name="Give Reading the toolkit's cohort windows").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, give Reading the toolkit's cohort windows").click()
    # then a success banner says so and the list shows who gave them
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_have_attribute("role", "alert")
    expect(banner).to_contain_text("Success")
    expect(banner).to_contain_text("Reading has the toolkit's cohort windows now")
    expect(page.get_by_role("row", name="Reading")).to_contain_text("by Ada Lovelace")
    assert_accessible(page)
    screenshot(page, "regional-cohort-windows")


def test_the_short_list_and_every_authority_without_javascript(
    page_without_javascript: Page, live_server, region
):
    page = page_without_javascript
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/regional/cohort-windows/")
    show_all_and_back(page)

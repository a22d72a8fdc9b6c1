"""A regional admin keeps the lists other entries are filed under on the regional team's
pages, not the admin site (issue 22): adds an outcome domain, first with a name another
domain has, and sees it head a column of the evidence map; then adds a practice tool with
the document it comes from. Every page is checked by axe."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_regional_event_journey import check_and_save, cite
from tests.browser.test_regional_journeys import ADMIN, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cost_domain():
    from tests.factories import OutcomeDomainFactory, SourceFactory, UserFactory

    UserFactory(email=ADMIN, role="regional_admin")
    SourceFactory(key="seslip-report", title="Models of Social Work Practice")
    OutcomeDomainFactory(name="Cost", short_name="Cost", slug="cost", group="services")


def test_regional_admin_adds_an_outcome_domain_and_a_practice_tool(
    page: Page, live_server, cost_domain
):
    # given the regional admin opens the outcome domains from the regional team's pages
    sign_in(page, live_server, ADMIN)
    page.goto(f"{live_server.url}/regional/")
    page.get_by_role("link", name="Outcome domains", exact=True).click()
    assert_accessible(page)
    # when they add a domain under a name another domain has
    page.get_by_role("button", name="Add an outcome domain").click()
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("cost")
    page.get_by_label("Short name", exact=True).fill("School")
    page.get_by_label("Name in web addresses", exact=True).fill("school-attendance")
    page.get_by_label("Children and families", exact=True).check()
    page.get_by_label("Place on the evidence map", exact=True).fill("9")
    page.get_by_role("button", name="Continue").click()
    # then the name is an error on the question page, and nothing is saved
    expect(page.get_by_text("There is already an outcome domain with this name")).to_have_count(2)
    assert_accessible(page)
    # when they give it its own name
    page.get_by_label("Name", exact=True).fill("School attendance")
    check_and_save(page, "Save outcome domain", "The outcome domain is added")
    # then it heads a column of the evidence map
    page.get_by_role("link", name="see the outcome domain as the public sees it").click()
    expect(page.get_by_role("columnheader", name="School")).to_be_visible()
    assert_accessible(page)
    # when they add a practice tool, citing where it comes from
    page.goto(f"{live_server.url}/regional/practice-tools/new/")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("My Three Houses")
    page.get_by_label("Name in web addresses", exact=True).fill("three-houses")
    page.get_by_label("Description", exact=True).fill("A tool for hearing children's views.")
    cite(page, "§2.1.5")
    check_and_save(page, "Save practice tool", "The practice tool is added")
    history = page.get_by_text("Added by the regional team, from Models of Social Work")
    expect(history).to_be_visible()

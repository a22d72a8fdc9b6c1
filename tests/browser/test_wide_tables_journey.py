"""Journey: a reader on a desktop screen and on a phone reads the evidence map and the
portal's tables without the page itself scrolling sideways (issue 23, Browsing), follows
an outcome heading to its findings, and downloads the API figures a page links to."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def region():
    from evidence.region_data import load as load_evidence
    from models_registry.region_data import load as load_registry

    load_registry()
    load_evidence()


def page_scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def given_the_evidence_map_at(page: Page, live_server, size: dict) -> None:
    page.set_viewport_size(size)
    page.goto(live_server.url + "/evidence/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence map")


def then_the_page_does_not_scroll_sideways(page: Page) -> None:
    assert not page_scrolls_sideways(page), page.url
    assert_accessible(page)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_evidence_map_fits_the_screen_and_keeps_its_first_column(
    page: Page,
    live_server,
    region,
    size,
):
    given_the_evidence_map_at(page, live_server, size)
    then_the_page_does_not_scroll_sideways(page)

    table = page.locator(".portal-table-scroll").first
    first_header = page.locator(".portal-evidence-map tbody th[scope=row]").first
    first_header.scroll_into_view_if_needed()  # on a phone the map starts below the fold
    before = first_header.bounding_box()
    table.evaluate("region => { region.scrollLeft = region.scrollWidth; }")
    after = first_header.bounding_box()
    assert after["x"] == pytest.approx(before["x"], abs=1)
    expect(first_header).to_be_in_viewport()


def test_an_outcome_heading_leads_to_its_findings(page: Page, live_server, region):
    given_the_evidence_map_at(page, live_server, DESKTOP)
    heading = page.locator(".portal-evidence-map thead th a").first
    outcome = heading.locator("abbr").get_attribute("title")

    heading.click()

    assert "/evidence/search/?outcome=" in page.url
    expect(page.get_by_label("Outcome")).to_have_value(page.url.split("outcome=")[1])
    assert outcome
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/models/",
        "/authorities/",
        "/authorities/bracknell-forest/",
        "/compare/?models=family-safeguarding&models=signs-of-safety",
        "/evidence/search/",
        "/evidence/evaluations/",
        "/kpi/definitions/",
        "/api/",
    ],
)
def test_tables_on_a_phone_never_widen_the_page(page: Page, live_server, region, path):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + path)

    then_the_page_does_not_scroll_sideways(page)

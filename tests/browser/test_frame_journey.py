"""Journey: a newcomer finds their way around the page frame, by mouse, by keyboard and
without JavaScript."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def given_the_home_page(page: Page, live_server) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="South East Practice Models Portal")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "home")


def when_they_follow_the_footer_to_the_accessibility_statement(page: Page) -> None:
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()


def then_they_read_the_standard_and_the_test_method(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    expect(page.get_by_text("WCAG) version 2.2")).to_be_visible()
    expect(page.get_by_role("heading", name="How we test")).to_be_visible()
    expect(page.get_by_role("heading", name="Known issues")).to_be_visible()
    assert_accessible(page)


def test_newcomer_reads_the_accessibility_statement(page: Page, live_server):
    given_the_home_page(page, live_server)
    when_they_follow_the_footer_to_the_accessibility_statement(page)
    then_they_read_the_standard_and_the_test_method(page)


def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(page: Page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to main content")
    expect(focused).to_be_visible()
    outline = focused.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).boxShadow"
    )
    assert outline != "none none", "the focused skip link must show a visible focus style"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
    main_is_focused = page.evaluate(
        "() => document.activeElement === document.getElementById('main-content')"
    )
    assert main_is_focused


def test_missing_page_is_accessible_and_helpful(page: Page, live_server):
    page.goto(live_server.url + "/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_frame_works_without_javascript(page_without_javascript: Page, live_server):
    page = page_without_javascript
    page.goto(live_server.url + "/")
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="API")).to_be_visible()
    navigation.get_by_role("link", name="API").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The portal's API")

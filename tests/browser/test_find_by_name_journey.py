"""Issue 20: with the find-by-name threshold lowered below the region's lists, someone
compares two models and filters the authorities by typing names, with and without
JavaScript; every page (the error page too) is checked by axe where JavaScript runs."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def long_lists(settings):
    from models_registry.region_data import load as load_registry

    load_registry()
    settings.FIND_BY_NAME_THRESHOLD = 3


def two_model_names() -> list[str]:
    from models_registry.models import PracticeModel

    return list(PracticeModel.objects.order_by("name").values_list("name", flat=True)[:2])


def compare_by_name(page: Page, live_server) -> None:
    first, second = two_model_names()
    page.goto(live_server.url + "/compare/")
    assert_accessible(page)
    expect(page.get_by_role("checkbox")).to_have_count(0)
    page.get_by_label("Practice model 1", exact=True).fill("No such model")
    page.get_by_label("Practice model 2", exact=True).fill(second.lower())
    page.keyboard.press("Escape")  # closes any suggestions over the button
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_text("No practice model is called “No such model”").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Practice model 1", exact=True).fill(first.upper())
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("columnheader", name=first)).to_be_visible()
    expect(page.get_by_role("columnheader", name=second)).to_be_visible()
    assert_accessible(page)


def filter_authorities_by_name(page: Page, live_server) -> None:
    first, _ = two_model_names()
    page.goto(live_server.url + "/authorities/")
    assert_accessible(page)
    page.get_by_label("Uses model").fill(first.lower())
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_label("Uses model")).to_have_value(first)
    assert_accessible(page)


def test_finding_models_by_name_with_javascript(page: Page, live_server, long_lists):
    compare_by_name(page, live_server)
    filter_authorities_by_name(page, live_server)


def test_finding_models_by_name_without_javascript(
    page_without_javascript: Page, live_server, long_lists
):
    compare_by_name(page_without_javascript, live_server)
    filter_authorities_by_name(page_without_javascript, live_server)


def test_names_are_suggested_while_typing_with_javascript(page: Page, live_server, long_lists):
    first, second = two_model_names()
    page.goto(live_server.url + "/compare/")
    page.get_by_label("Practice model 1", exact=True).fill(first[:4])
    page.get_by_role("option", name=first).first.click()
    expect(page.get_by_label("Practice model 1", exact=True)).to_have_value(first)
    page.get_by_label("Practice model 2", exact=True).fill(second)
    expect(page.get_by_role("option", name=second).first).to_be_visible()
    assert_accessible(page)  # with the suggestions open
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("columnheader", name=second)).to_be_visible()
    assert_accessible(page)

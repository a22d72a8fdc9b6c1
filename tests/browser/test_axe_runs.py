"""The accessibility check itself: axe runs on every page with JavaScript, and finds a fault
when there is one. A check that silently stopped running would pass every journey."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible


def test_axe_finds_an_image_without_alternative_text(page: Page):
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Test</title></head>'
        '<body><main><h1>Test</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>'
        "</body></html>"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


def test_axe_passes_a_sound_page(page: Page):
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Test</title></head>'
        "<body><main><h1>Test</h1><p>Nothing wrong here.</p></main></body></html>"
    )
    assert_accessible(page)

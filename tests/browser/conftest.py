"""Browser journeys: real Debian Chromium driven by Playwright against a live server.

Every page a journey reaches is checked with axe-core (bundled by axe-playwright-python)
against the WCAG 2.0, 2.1 and 2.2 A and AA rules, and a screenshot is saved under
test-artifacts/screenshots/ (left in the CI workspace; `make screenshots` refreshes
docs/screenshots/).
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `make chromium` (browser tests never skip)")
    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
    # themselves make (fixtures, assertions) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    # axe-core is JavaScript: with scripts off its evaluate never returns (the run hung).
    # The same pages are checked by axe in the journeys that run with JavaScript.
    page.portal_without_javascript = True  # type: ignore[attr-defined]
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """Zero axe-core violations for WCAG 2.0/2.1/2.2 A and AA on the current page.

    Not on a page without JavaScript, where axe cannot run (page_without_javascript)."""
    if getattr(page, "portal_without_javascript", False):
        return
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    report = "\n".join(
        f"- {violation['id']}: {violation['help']} "
        f"({', '.join(node['target'][0] for node in violation['nodes'][:3])})"
        for violation in violations
    )
    assert not violations, f"axe found violations on {page.url}:\n{report}"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

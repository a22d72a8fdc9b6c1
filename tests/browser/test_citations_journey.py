"""A reader follows the portal's citations to what they cite, in real Chromium, every
page checked by axe: a KPI indicator to its section of the KPI specification, and an
evidence finding to an evaluation the documents cite without a title."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def definitions_and_evidence():
    from evidence.region_data import load as load_evidence
    from kpi.services.toolkit import load_definitions
    from models_registry.region_data import load as load_registry

    load_registry()
    load_evidence()
    load_definitions()


def test_reader_follows_an_indicator_to_its_specification_section(
    page: Page, live_server, definitions_and_evidence
):
    # given the KPI definitions page
    page.goto(live_server.url + "/kpi/definitions/")
    assert_accessible(page)
    # when the reader follows indicator 3's citation of the portal's KPI specification
    page.locator("#indicator-3 + dl").get_by_role("link", name="§6.4, §9.7").click()
    # then the specification opens at section 6.4, which says how indicator 3 is counted
    assert page.url.endswith("/kpi/specification/#section-6.4")
    expect(page.locator("#section-6\\.4")).to_contain_text("Indicator 3")
    assert_accessible(page)


def test_reader_sees_an_untitled_source_as_untitled(
    page: Page, live_server, definitions_and_evidence
):
    # given the evaluation the SESLIP report cites only as "a systematic review"
    page.goto(live_server.url + "/evidence/evaluations/signs-of-safety-wwcsc-review-2018/")
    # then its heading says it is untitled and where it is cited
    expect(page.get_by_role("heading", level=1)).to_contain_text("Untitled — ")
    expect(page.get_by_role("heading", level=1)).to_contain_text("§2.3.10")
    assert_accessible(page)
    # and a document produced by the authority's own working group is marked not independent
    page.goto(live_server.url + "/evidence/evaluations/brighton-hove-university-of-sussex-2017/")
    expect(page.get_by_text("Not independent:")).to_be_visible()
    assert_accessible(page)

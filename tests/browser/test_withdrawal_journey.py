"""Journey: an analyst withdraws a cohort file filed under the wrong quarter; the earlier
file is current again; a regional admin sees that it happened, and why, but nothing of
its content. Every page is checked by axe."""

import io

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
ANALYST = "analyst@bracknell-forest.example.org"
ADMIN = "admin@example.org"
NOTE = "Family F2 belongs in the next quarter"


class NamedBytes(io.BytesIO):
    name = "bracknell-2018-Q1.csv"


@pytest.fixture
def two_uploads():
    """Bracknell Forest, 2018 Q1: a file, then a second one (now current)."""
    from kpi.services.imports import import_submission
    from kpi.services.toolkit import ensure_cohorts
    from tests.factories import LocalAuthorityFactory, UserFactory
    from tests.kpi.conftest import file_bytes

    bracknell = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    ensure_cohorts(authority=bracknell)
    UserFactory(email=ANALYST, role="authority_analyst", authority=bracknell)
    UserFactory(email=ADMIN, role="regional_admin")
    whole = file_bytes("valid_small.csv")
    first_family = b"\n".join(whole.splitlines()[:4]) + b"\n"
    reports = [
        import_submission(authority=bracknell, quarter="2018-Q1", file=NamedBytes(content))
        for content in (whole, first_family)
    ]
    return [report.submission for report in reports]


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()


def given_the_analyst_opens_the_current_submission(page: Page, live_server, current) -> None:
    sign_in(page, live_server, ANALYST)
    page.goto(f"{live_server.url}/kpi/submissions/{current.pk}/")
    expect(page.get_by_role("heading", name="Accepted")).to_be_visible()
    assert_accessible(page)


def when_they_choose_to_withdraw_it_without_a_reason(page: Page, current) -> None:
    page.get_by_role("link", name="Withdraw this submission").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Withdraw submission {current.pk}")
    expect(
        page.get_by_role("group", name="Why are you withdrawing this submission?")
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "kpi-withdraw")
    page.get_by_role("button", name="Withdraw submission").click()


def then_they_are_asked_for_a_reason(page: Page) -> None:
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Select why you are withdrawing this submission")
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    summary.get_by_role("link", name="Select why you are withdrawing this submission").click()
    expect(page.get_by_label("It was filed under the wrong quarter")).to_be_focused()


def when_they_give_the_reason_and_withdraw(page: Page) -> None:
    page.get_by_label("It was filed under the wrong quarter").check()
    page.get_by_label("Explain why").fill(NOTE)
    page.get_by_role("button", name="Withdraw submission").click()


def then_the_earlier_submission_is_current_again(page: Page, withdrawn, earlier) -> None:
    expect(page.get_by_role("heading", name=f"Submission {withdrawn.pk} withdrawn")).to_be_visible()
    expect(page.get_by_text(f"Submission {earlier.pk} is the current submission")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "kpi-withdrawn")
    page.get_by_role("link", name=f"See submission {earlier.pk}, now current").click()
    expect(page.get_by_text("Accepted (current)").first).to_be_visible()
    assert_accessible(page)


def then_a_regional_admin_sees_who_withdrew_it_and_why_but_no_content(
    browser: Browser, live_server, withdrawn
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    page = context.new_page()
    try:
        sign_in(page, live_server, ADMIN)
        page.goto(live_server.url + "/accounts/access-log/")
        page.get_by_label("What was done").select_option("withdraw")
        page.get_by_role("button", name="Apply filters").click()
        row = page.get_by_role("row", name=f"KPI submission {withdrawn.pk}")
        expect(row).to_contain_text("Withdrew a submission")
        expect(row).to_contain_text(ANALYST)
        expect(row).to_contain_text("It was filed under the wrong quarter")
        expect(page.get_by_text(NOTE)).to_have_count(0)
        assert_accessible(page)
        page.goto(f"{live_server.url}/kpi/submissions/{withdrawn.pk}/")
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    finally:
        context.close()


def test_analyst_withdraws_a_file_filed_under_the_wrong_quarter(
    page: Page, browser: Browser, live_server, two_uploads
):
    earlier, current = two_uploads
    given_the_analyst_opens_the_current_submission(page, live_server, current)
    when_they_choose_to_withdraw_it_without_a_reason(page, current)
    then_they_are_asked_for_a_reason(page)
    when_they_give_the_reason_and_withdraw(page)
    then_the_earlier_submission_is_current_again(page, current, earlier)
    then_a_regional_admin_sees_who_withdrew_it_and_why_but_no_content(browser, live_server, current)

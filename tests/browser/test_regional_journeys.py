"""Journeys through the regional team's pages: a regional admin publishes a finding an
authority editor proposed, and changes a practice model through its question page, check
your answers and confirmation; both again without JavaScript. Every page is checked by axe."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible as axe_check
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
EDITOR = "editor@bracknell-forest.example.org"
ADMIN = "admin@example.org"
STATEMENT = "Re-referrals within 12 months fell from 24% to 16%."


@pytest.fixture
def proposal():
    """A finding Bracknell Forest's editor proposed, and the document it can cite."""
    from evidence.models import Finding
    from evidence.services import save_draft_finding
    from tests.factories import (
        EvaluationFactory,
        LocalAuthorityFactory,
        OutcomeDomainFactory,
        PracticeModelFactory,
        SourceFactory,
        UserFactory,
    )

    bracknell = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    editor = UserFactory(email=EDITOR, role="authority_editor", authority=bracknell)
    UserFactory(email=ADMIN, role="regional_admin")
    SourceFactory(key="seslip-report", title="Models of Social Work Practice")
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    finding = Finding(
        key="bracknell-re-referrals",
        evaluation=EvaluationFactory(title="Bracknell Forest's own account"),
        practice_model=model,
        outcome_domain=OutcomeDomainFactory(name="CIN and referrals"),
        authority=bracknell,
        statement=STATEMENT,
        measure="Re-referrals within 12 months",
        direction="improved",
        source_section="§1.3.6",
    )
    return save_draft_finding(finding=finding, user=editor)


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()


def no_check(page: Page) -> None:
    """Without JavaScript axe cannot run in the page (Playwright's evaluate waits for ever):
    the same pages are checked in the journey with JavaScript."""


def publish_the_proposal(page: Page, live_server, *, javascript: bool) -> None:
    assert_accessible = axe_check if javascript else no_check
    shots = javascript
    # given the regional admin opens the review queue
    sign_in(page, live_server, ADMIN)
    page.goto(f"{live_server.url}/regional/")
    assert_accessible(page)
    page.get_by_role("link", name="1 finding proposed by authority editors").click()
    expect(page.get_by_role("heading", name="Proposed findings", level=1)).to_be_visible()
    assert_accessible(page)
    if shots:
        screenshot(page, "regional-review-queue")
    # when they send it back without a comment, the error summary says what is missing
    page.get_by_role("link", name=STATEMENT).click()
    assert_accessible(page)
    page.get_by_label("Send back with a comment").check()
    page.get_by_role("button", name="Confirm decision").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="Enter a comment saying what the proposer should change")
    ).to_be_visible()
    assert_accessible(page)
    # when they publish it instead
    page.get_by_label("Publish", exact=True).check()
    page.get_by_role("button", name="Confirm decision").click()
    # then the confirmation says it is published and the proposer emailed
    expect(page.get_by_role("heading", name="Finding published")).to_be_visible()
    expect(page.get_by_text("We have emailed the proposer your decision")).to_be_visible()
    assert_accessible(page)
    if shots:
        screenshot(page, "regional-finding-published")
    # and the finding is public
    page.get_by_role("link", name="see the finding").click()
    expect(page.get_by_text(STATEMENT)).to_be_visible()
    assert_accessible(page)


def test_regional_admin_publishes_a_proposed_finding(page: Page, live_server, proposal, mailoutbox):
    publish_the_proposal(page, live_server, javascript=True)
    (email,) = mailoutbox
    assert email.to == [EDITOR] and email.subject == "Your proposed finding is published"


def test_regional_admin_publishes_a_proposed_finding_without_javascript(
    page_without_javascript: Page, live_server, proposal
):
    publish_the_proposal(page_without_javascript, live_server, javascript=False)


def change_a_practice_model(page: Page, live_server, *, javascript: bool) -> None:
    assert_accessible = axe_check if javascript else no_check
    # given the regional admin opens the practice model's question page
    sign_in(page, live_server, ADMIN)
    page.goto(f"{live_server.url}/regional/models/")
    assert_accessible(page)
    page.get_by_role("link", name="Change Family Safeguarding").click()
    assert_accessible(page)
    # when they change its overview without saying where it comes from
    page.get_by_label("Overview").fill("Motivational interviewing with adult specialists.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    # then cite the document and check their answers
    page.get_by_label("Which document does this come from?").select_option("seslip-report")
    page.get_by_label("Where in the document?").fill("§2.1")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(
        page.get_by_text("Motivational interviewing with adult specialists. (changed)")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save changes").click()
    # then the confirmation lists the change in the history, and the public page shows it
    expect(page.get_by_role("heading", name="Your changes are saved")).to_be_visible()
    expect(
        page.get_by_text("Changed overview by the regional team, from Models of Social Work")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="see the practice model as the public sees it").click()
    expect(page.get_by_text("Motivational interviewing with adult specialists.")).to_be_visible()
    assert_accessible(page)


def test_regional_admin_changes_a_practice_model(page: Page, live_server, proposal):
    change_a_practice_model(page, live_server, javascript=True)


def test_regional_admin_changes_a_practice_model_without_javascript(
    page_without_javascript: Page, live_server, proposal
):
    change_a_practice_model(page_without_javascript, live_server, javascript=False)

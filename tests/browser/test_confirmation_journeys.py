"""Journeys that keep the registry true (issue 22): an authority editor confirms the entry
from the reminder's link; a regional admin reverts a change from its history entry; both
pages work without JavaScript. Every page is checked by axe (with JavaScript on: axe is
JavaScript itself)."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
EDITOR = "editor@bracknell-forest.example.org"
ADMIN = "admin@example.org"
LINK = re.compile(r"^(http\S+/confirm/)$", re.MULTILINE)


@pytest.fixture
def bracknell_with_a_contact():
    from tests.factories import (
        AdoptionFactory,
        ContactFactory,
        LocalAuthorityFactory,
        PracticeModelFactory,
        UserFactory,
    )

    bracknell = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    AdoptionFactory(local_authority=bracknell, practice_model=model, year_started=2018)
    ContactFactory(local_authority=bracknell, practice_model=model, name="Pat Principal")
    UserFactory(email=EDITOR, role="authority_editor", authority=bracknell)
    UserFactory(email=ADMIN, role="regional_admin")
    return bracknell


def today_text() -> str:
    from seslip.templatetags.govuk_dates import govuk_date

    return govuk_date(timezone.localdate())


def given_the_editor_was_reminded(live_server) -> str:
    from models_registry.confirmations import send_reminders

    report = send_reminders(base_url=live_server.url)
    assert report.reminded == {"Bracknell Forest": [EDITOR]}
    (message,) = mail.outbox
    return LINK.search(message.body).group(1)


def when_they_follow_the_link_and_sign_in(page: Page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email address").fill(EDITOR)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def then_they_see_the_entry_and_the_question(page: Page) -> None:
    expect(
        page.get_by_role("heading", level=1, name="Is Bracknell Forest's entry still correct?")
    ).to_be_visible()
    expect(page.get_by_role("term").filter(has_text="Pat Principal")).to_be_visible()
    expect(page.get_by_text("Not confirmed since it was listed").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "registry-confirm")


def when_they_continue_without_answering_they_are_asked_to(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select yes if the entry is still correct")
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def when_they_confirm_all(page: Page) -> None:
    page.get_by_label("Yes, confirm all of it").check()
    page.get_by_role("button", name="Continue").click()


def then_the_public_page_says_it_was_confirmed_today(page: Page) -> None:
    expect(page.get_by_role("heading", level=1, name="Bracknell Forest")).to_be_visible()
    expect(page.get_by_text("You confirmed Bracknell Forest's entry")).to_be_visible()
    expect(
        page.get_by_text(f"Last confirmed by the authority on {today_text()}").first
    ).to_be_visible()
    assert_accessible(page)


def test_editor_confirms_the_entry_from_the_reminder_link(
    page: Page, live_server, bracknell_with_a_contact
):
    link = given_the_editor_was_reminded(live_server)
    when_they_follow_the_link_and_sign_in(page, link)
    then_they_see_the_entry_and_the_question(page)
    when_they_continue_without_answering_they_are_asked_to(page)
    when_they_confirm_all(page)
    then_the_public_page_says_it_was_confirmed_today(page)


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()


def given_an_editor_changed_the_website(bracknell) -> None:
    from accounts.models import User

    bracknell.website = "https://wrong.example.org"
    bracknell._history_user = User.objects.get(email=EDITOR)
    bracknell._change_reason = "New website"
    bracknell.save()


def when_the_admin_opens_the_change_from_the_history(page: Page, live_server) -> None:
    sign_in(page, live_server, ADMIN)
    page.goto(live_server.url + "/authorities/bracknell-forest/")
    expect(page.get_by_text("Changed: New website")).to_be_visible()
    assert_accessible(page)
    open_the_revert_page_of_the_website_change(page)


def open_the_revert_page_of_the_website_change(page: Page) -> None:
    row = page.get_by_role("row", name=re.compile("Changed: New website"))
    row.get_by_role("link", name=re.compile(r"^Revert the change of")).click()


def then_they_see_what_reverting_changes(page: Page) -> None:
    expect(page.get_by_role("heading", level=1, name="Revert a change")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Website"))
    expect(row).to_contain_text("https://wrong.example.org")
    expect(row).to_contain_text("(empty)")
    assert_accessible(page)
    screenshot(page, "registry-revert")


def when_they_revert_it(page: Page) -> None:
    page.get_by_role("button", name="Revert this change").click()


def then_the_entry_is_back_and_the_revert_is_in_the_history(page: Page) -> None:
    expect(
        page.get_by_text("Reverted the change: Local authority: Bracknell Forest")
    ).to_be_visible()
    expect(page.get_by_text("https://wrong.example.org")).to_have_count(0)
    expect(page.get_by_text(re.compile("Changed: Reverted the change of"))).to_be_visible()
    assert_accessible(page)


def test_regional_admin_reverts_a_change_from_its_history_entry(
    page: Page, live_server, bracknell_with_a_contact
):
    given_an_editor_changed_the_website(bracknell_with_a_contact)
    when_the_admin_opens_the_change_from_the_history(page, live_server)
    then_they_see_what_reverting_changes(page)
    when_they_revert_it(page)
    then_the_entry_is_back_and_the_revert_is_in_the_history(page)


def test_confirming_and_reverting_work_without_javascript(
    page_without_javascript: Page, live_server, bracknell_with_a_contact
):
    page = page_without_javascript
    link = given_the_editor_was_reminded(live_server)
    when_they_follow_the_link_and_sign_in(page, link)
    then_they_see_the_entry_and_the_question(page)
    when_they_continue_without_answering_they_are_asked_to(page)
    when_they_confirm_all(page)
    then_the_public_page_says_it_was_confirmed_today(page)

    page.goto(live_server.url + "/accounts/sign-out/")
    page.get_by_role("button", name="Sign out").click()
    given_an_editor_changed_the_website(bracknell_with_a_contact)
    when_the_admin_opens_the_change_from_the_history(page, live_server)
    then_they_see_what_reverting_changes(page)
    when_they_revert_it(page)
    then_the_entry_is_back_and_the_revert_is_in_the_history(page)

"""Journey: an authority analyst creates their own API token, uses it from a script, and
revokes it. The key is on one page only, once (docs/adr/0006-hashed-api-tokens.md)."""

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
ANALYST = "analyst@bracknell-forest.example.org"
SUBMISSIONS = "/api/v1/kpi/submissions/"


def api_status(live_server, key: str) -> tuple[int, dict]:
    """What a script (no browser, no session) gets from the submissions API with the key."""
    request = urllib.request.Request(
        live_server.url + SUBMISSIONS, headers={"Authorization": f"Token {key}"}
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, {}


def given_an_analyst_with_a_submission() -> None:
    from kpi.models import Submission
    from tests.factories import LocalAuthorityFactory, UserFactory

    bracknell = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    UserFactory(email=ANALYST, role="authority_analyst", authority=bracknell)
    Submission.objects.create(
        authority=bracknell,
        quarter="2018-Q1",
        sha256="0" * 64,
        file_name="bracknell-2018-Q1.csv",
        status=Submission.Status.REJECTED,
    )


def when_they_sign_in_and_open_their_account(page: Page, live_server) -> None:
    page.goto(live_server.url + "/accounts/sign-in/?next=/accounts/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(ANALYST)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="API token")).to_be_visible()
    expect(page.get_by_text("You have no API token.")).to_be_visible()
    assert_accessible(page)


def when_they_create_a_token(page: Page) -> str:
    page.get_by_role("button", name="Create an API token").click()
    expect(page.get_by_role("heading", name="API token created")).to_be_visible()
    expect(page.get_by_text("It will not be shown again")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "api-token-created")
    return page.locator("#api-token-key").inner_text().strip()


def then_a_script_reads_their_submissions_with_it(live_server, key: str) -> None:
    from accounts.models import AccessLog

    status, body = api_status(live_server, key)
    assert status == 200
    assert [row["quarter"] for row in body["results"]] == ["2018-Q1"]
    assert AccessLog.objects.filter(action=AccessLog.Action.TOKEN_USE, user__email=ANALYST).exists()


def then_their_account_page_shows_its_last_use_but_not_the_key(
    page: Page, live_server, key: str
) -> None:
    page.goto(live_server.url + "/accounts/")
    expect(page.get_by_text("Not used yet")).to_have_count(0)
    expect(page.get_by_role("button", name="Revoke your token")).to_be_visible()
    assert key not in page.content()
    assert_accessible(page)
    screenshot(page, "api-token-account")


def when_they_revoke_it(page: Page) -> None:
    page.get_by_role("button", name="Revoke your token").click()
    expect(page.get_by_text("Your API token is revoked")).to_be_visible()
    assert_accessible(page)


def then_the_key_no_longer_works(live_server, key: str) -> None:
    assert api_status(live_server, key)[0] == 401


def test_analyst_creates_uses_and_revokes_their_own_api_token(page: Page, live_server):
    given_an_analyst_with_a_submission()
    when_they_sign_in_and_open_their_account(page, live_server)
    key = when_they_create_a_token(page)
    then_a_script_reads_their_submissions_with_it(live_server, key)
    then_their_account_page_shows_its_last_use_but_not_the_key(page, live_server, key)
    when_they_revoke_it(page)
    then_the_key_no_longer_works(live_server, key)

"""The journeys people take through the portal, in real Chromium, every page checked by axe.

Each test is a journey against a live server loaded with the region's real registry and
evidence data (the same loaders `make run` uses) and, for the KPI journeys, a generated
cohort file.
"""

import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def region():
    from evidence.region_data import load as load_evidence
    from models_registry.region_data import load as load_registry

    load_registry()
    load_evidence()


@pytest.fixture
def family_safeguarding_kpis(region):
    from kpi.services.toolkit import ensure_cohorts, load_definitions
    from models_registry.models import LocalAuthority

    load_definitions()
    return ensure_cohorts(authority=LocalAuthority.objects.get(slug="bracknell-forest"))


def person(email: str, role: str, authority_slug: str | None = None):
    from models_registry.models import LocalAuthority
    from tests.factories import UserFactory

    authority = LocalAuthority.objects.get(slug=authority_slug) if authority_slug else None
    return UserFactory(email=email, role=role, authority=authority)


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()


def generated_cohort_file(tmp_path, families: int, seed: int) -> str:
    from kpi.generator import CohortGenerator, write_csv
    from kpi.quarters import Quarter

    rows = CohortGenerator(
        authority_slug="bracknell-forest",
        quarter=Quarter.parse("2018-Q1"),
        families=families,
        seed=seed,
    ).rows()
    path = tmp_path / "bracknell-2018-Q1.csv"
    text = io.StringIO()
    write_csv(rows, text)
    path.write_text(text.getvalue(), encoding="utf-8")
    return str(path)


def focus_ring_is_visible(page: Page) -> bool:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== 'none';
        }"""
    )


def open_file_chooser_by_keyboard(page: Page):
    """Space opens a focused file input's chooser, Enter too; under load Chromium can drop
    the first key press, so try each in turn."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for key in ("Space", "Enter", "Space"):
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press(key)
            return chooser.value
        except PlaywrightTimeout:
            continue
    raise AssertionError("the focused file input never opened a file chooser")


def tab_to(page: Page, description: str, matches, limit: int = 150) -> None:
    """Press Tab until the focused element matches; every stop must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert focus_ring_is_visible(page), "focus must always be visible"
        if page.evaluate(matches):
            return
    raise AssertionError(f"Tab never reached {description}")


# --- Browsing -------------------------------------------------------------------------------


def test_newcomer_browses_from_home_to_a_model_and_an_authority(page: Page, live_server, region):
    page.goto(live_server.url + "/")
    table = page.get_by_role("table", name="Models in use across the region, Autumn 2019")
    expect(table).to_be_visible()
    assert_accessible(page)
    screenshot(page, "home")

    table.get_by_role("link", name="Family Safeguarding Model").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Family Safeguarding")
    expect(page.get_by_role("heading", name="Evidence", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "model-family-safeguarding")

    page.get_by_role("link", name="Bracknell Forest").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bracknell Forest")
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "authority-bracknell-forest")


def test_practitioner_compares_two_models_and_shares_the_link(
    page: Page, live_server, region, browser
):
    page.goto(live_server.url + "/compare/")
    assert_accessible(page)
    page.get_by_label("Family Safeguarding Model").check()
    page.get_by_label("Signs of Safety").check()
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("columnheader", name="Signs of Safety")).to_be_visible()
    assert "models=family-safeguarding" in page.url and "models=signs-of-safety" in page.url
    assert_accessible(page)
    screenshot(page, "compare-fsm-sos")

    shared = browser.new_context().new_page()
    shared.goto(page.url)
    expect(shared.get_by_role("columnheader", name="Family Safeguarding Model")).to_be_visible()
    shared.context.close()


def test_compare_by_keyboard_alone(page: Page, live_server, region):
    page.goto(live_server.url + "/compare/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    tab_to(
        page,
        "the Family Safeguarding box",
        "() => document.activeElement.value === 'family-safeguarding'",
    )
    page.keyboard.press("Space")
    tab_to(
        page, "the Signs of Safety box", "() => document.activeElement.value === 'signs-of-safety'"
    )
    page.keyboard.press("Space")
    tab_to(
        page, "the Compare button", "() => document.activeElement.textContent.trim() === 'Compare'"
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="Signs of Safety")).to_be_visible()
    assert_accessible(page)


def test_principal_social_worker_filters_the_authority_list(page: Page, live_server, region):
    page.goto(live_server.url + "/authorities/")
    assert_accessible(page)
    page.get_by_label("Uses model").select_option(label="Signs of Safety")
    page.get_by_role("button", name="Apply filters").click()
    assert "model=signs-of-safety" in page.url
    expect(page.get_by_role("link", name="Wokingham")).to_be_visible()
    expect(page.get_by_role("link", name="Bracknell Forest")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "authorities-signs-of-safety")


# --- Evidence ---------------------------------------------------------------------------------


def test_researcher_searches_the_evidence_and_opens_a_finding(page: Page, live_server, region):
    page.goto(live_server.url + "/evidence/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "evidence-map")

    page.goto(live_server.url + "/evidence/search/")
    page.get_by_label("Search the evidence").fill("entering care")
    page.get_by_role("button", name="Apply filters").click()
    assert "q=entering+care" in page.url
    assert_accessible(page)
    screenshot(page, "evidence-search")

    page.get_by_role("link", name="Families with a child entering care").click()
    expect(page.get_by_text("12")).not_to_have_count(0)
    expect(page.get_by_text("p11", exact=False).first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "evidence-finding")


# --- Editing --------------------------------------------------------------------------------


def test_authority_editor_edits_an_adoption_and_sees_it_in_history(page: Page, live_server, region):
    """Editors keep their entry on the portal's own pages; the admin site is not theirs
    (issue 22)."""
    person("editor@bracknell-forest.example.org", "authority_editor", "bracknell-forest")
    sign_in(page, live_server, "editor@bracknell-forest.example.org")

    page.goto(live_server.url + "/admin/models_registry/adoption/")
    expect(page.get_by_role("link", name="Bracknell Forest")).to_have_count(0)
    expect(page.get_by_role("link", name="Surrey")).to_have_count(0)  # not theirs to edit

    page.goto(live_server.url + "/your-authority/")
    page.get_by_role("link", name="Change how it is used (Family Safeguarding Model)").click()
    assert_accessible(page)
    page.get_by_label("Year relaunched").fill("2021")
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Changes saved")).to_be_visible()

    page.goto(live_server.url + "/authorities/bracknell-forest/")
    history = page.get_by_role("table", name="Changes to the models it uses")
    expect(history).to_contain_text("An authority editor, Bracknell Forest")
    assert_accessible(page)


# --- KPIs -----------------------------------------------------------------------------------


def test_analyst_uploads_a_generated_file_watches_it_checked_and_reads_the_dashboard(
    page: Page, live_server, family_safeguarding_kpis, tmp_path, settings
):
    from django.core import mail

    from kpi.models import Submission
    from kpi.services.imports import run_pending_import

    # Any file over ten rows goes to the background worker, so the page shows progress.
    settings.KPI_BACKGROUND_ROWS = 10
    person("analyst@bracknell-forest.example.org", "authority_analyst", "bracknell-forest")
    sign_in(page, live_server, "analyst@bracknell-forest.example.org")

    page.goto(live_server.url + "/kpi/submissions/upload/")
    assert_accessible(page)
    screenshot(page, "kpi-upload")
    page.get_by_label("Quarter").fill("2018-Q1")
    page.get_by_label("Cohort file").set_input_files(generated_cohort_file(tmp_path, 40, 3))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="Waiting to be checked")).to_be_visible()
    expect(page.get_by_role("link", name="Check progress")).to_be_visible()
    expect(page.get_by_text("We will email you when it is finished.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "kpi-submission-waiting")

    # The worker's turn (what `manage.py db_worker` runs); the page's script notices and
    # offers the result without reloading itself.
    submission = Submission.objects.latest("pk")
    run_pending_import(submission_id=submission.pk)
    page.get_by_role("link", name="See the result").click(timeout=30_000)
    expect(page.get_by_text("Accepted").first).to_be_visible()
    (email,) = mail.outbox  # the analyst is told, with a link to the same page
    assert page.url.removeprefix(live_server.url) in email.body
    assert_accessible(page)
    screenshot(page, "kpi-submission")

    page.goto(live_server.url + "/kpi/authorities/bracknell-forest/")
    table = page.get_by_role("table", name="Indicator 1 by quarter, all cohorts")
    expect(table).to_be_visible()
    expect(
        table.get_by_role("rowheader", name="Child protection plans active in the quarter")
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "kpi-dashboard-analyst")


def test_upload_by_keyboard_alone(page: Page, live_server, family_safeguarding_kpis, tmp_path):
    person("analyst@bracknell-forest.example.org", "authority_analyst", "bracknell-forest")
    sign_in(page, live_server, "analyst@bracknell-forest.example.org")
    page.goto(live_server.url + "/kpi/submissions/upload/")
    tab_to(page, "the quarter box", "() => document.activeElement.name === 'quarter'")
    page.keyboard.type("2018-Q1")
    tab_to(page, "the file input", "() => document.activeElement.type === 'file'")
    open_file_chooser_by_keyboard(page).set_files(generated_cohort_file(tmp_path, 10, 4))
    tab_to(
        page,
        "the upload button",
        "() => document.activeElement.textContent.trim() === 'Upload and check'",
    )
    page.keyboard.press("Enter")
    expect(page.get_by_text("Accepted").first).to_be_visible(timeout=30_000)


def test_anonymous_visitor_sees_c_for_suppressed_figures(
    page: Page, live_server, family_safeguarding_kpis, tmp_path
):
    from kpi.models import IndicatorValue
    from kpi.services.imports import import_submission
    from models_registry.models import LocalAuthority

    authority = LocalAuthority.objects.get(slug="bracknell-forest")
    # Six families: most figures rest on fewer than five people.
    content = io.BytesIO(Path(generated_cohort_file(tmp_path, 6, 11)).read_bytes())
    content.name = "small.csv"
    report = import_submission(authority=authority, quarter="2018-Q1", file=content, user=None)
    assert report.outcome == "accepted"
    assert IndicatorValue.objects.filter(suppressed=True).exists()

    page.goto(live_server.url + "/kpi/authorities/bracknell-forest/")
    expect(page.locator("abbr", has_text="c").first).to_be_visible()
    expect(page.get_by_text("means the figure is suppressed")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "kpi-dashboard-public")

    page.goto(live_server.url + "/kpi/compare/")
    assert_accessible(page)
    screenshot(page, "kpi-compare")


# --- Without JavaScript ----------------------------------------------------------------------


def test_compare_and_search_work_without_javascript(
    page_without_javascript: Page, live_server, region
):
    page = page_without_javascript
    page.goto(live_server.url + "/compare/")
    page.get_by_label("Family Safeguarding Model").check()
    page.get_by_label("Signs of Safety").check()
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("columnheader", name="Signs of Safety")).to_be_visible()

    page.goto(live_server.url + "/evidence/search/?q=entering+care")
    expect(page.get_by_role("link", name="Families with a child entering care")).to_be_visible()

    page.goto(live_server.url + "/authorities/?model=signs-of-safety")
    expect(page.get_by_role("link", name="Wokingham")).to_be_visible()

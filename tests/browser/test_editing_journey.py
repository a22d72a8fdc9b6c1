"""Journeys through "Your authority" (issue 22): an authority editor changes when their
authority started a model, citing a source, checks the answers and sees the change and its
history on the public page; every editing page also works without JavaScript, the
'changed by someone else' page included. Every page with JavaScript is checked by axe."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
EDITOR = "editor@bracknell-forest.example.org"
ADMIN = "admin@example.org"
SOURCE_KEY = "seslip-models-of-social-work-practice-2020"


@pytest.fixture
def registry():
    """The region's real registry (Bracknell Forest has used Family Safeguarding since
    2017), an editor at Bracknell Forest and a regional admin."""
    from models_registry.models import Adoption, LocalAuthority
    from models_registry.region_data import load
    from tests.factories import UserFactory

    load()
    bracknell = LocalAuthority.objects.get(slug="bracknell-forest")
    UserFactory(email=EDITOR, role="authority_editor", authority=bracknell)
    UserFactory(email=ADMIN, role="regional_admin")
    return Adoption.objects.select_related("practice_model").get(
        local_authority=bracknell, practice_model__slug="family-safeguarding"
    )


def sign_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()


def test_editor_changes_the_since_year_with_a_source(page: Page, live_server, registry):
    model_name = registry.practice_model.name
    # given an authority editor on their account page
    sign_in(page, live_server, EDITOR)
    page.goto(live_server.url + "/accounts/")
    assert_accessible(page)
    # when they open their authority's entry
    page.get_by_role("link", name="Your authority: Bracknell Forest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bracknell Forest")
    assert_accessible(page)
    screenshot(page, "your-authority")
    # and change how the model is used, first forgetting to say where it comes from
    page.get_by_role("link", name=f"Change how it is used ({model_name})").click()
    expect(page.get_by_label("Year started", exact=True)).to_have_value("2017")
    assert_accessible(page)
    page.get_by_label("Year started", exact=True).fill("2016")
    page.get_by_role("button", name="Continue").click()
    # then the error summary says what is missing
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select where this change comes from")
    assert_accessible(page)
    # when they name the document and the place in it
    page.get_by_label("A document in the sources catalogue").check()
    page.get_by_label("Document", exact=True).select_option(SOURCE_KEY)
    page.get_by_label("Where in the document").fill("§1.2")
    page.get_by_role("button", name="Continue").click()
    # then they check their answers
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("Was: 2017")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "your-authority-check")
    page.get_by_role("button", name="Save changes").click()
    # and the change is saved
    expect(page.get_by_role("heading", name="Changes saved")).to_be_visible()
    assert_accessible(page)
    # and live on the public page, with its history
    page.get_by_role("link", name="Bracknell Forest's public page").click()
    models = page.get_by_role("table", name="Models Bracknell Forest uses, oldest first")
    expect(models).to_contain_text("Since 2016")
    history = page.get_by_role("table", name="Changes to the models it uses")
    expect(history).to_contain_text("Changed year started; source: Models of Social Work")
    expect(history).to_contain_text("An authority editor, Bracknell Forest")
    assert_accessible(page)


def test_every_editing_page_works_without_javascript(
    page_without_javascript: Page, live_server, registry
):
    from models_registry.models import Adoption, Contact

    page = page_without_javascript
    model_name = registry.practice_model.name
    contact = Contact.objects.filter(local_authority=registry.local_authority).first()
    sign_in(page, live_server, ADMIN)
    # the list of authorities, an entry and its overview question page
    page.goto(live_server.url + "/your-authority/")
    page.get_by_role("link", name="Bracknell Forest").click()
    page.get_by_role("link", name="Change the overview").click()
    page.get_by_label("Context").fill("Sponsor of the SESLIP models of practice project.")
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Changes saved")).to_be_visible()
    # the Ofsted inspection's question page, a date in the future refused first
    page.get_by_role("link", name="Back to Bracknell Forest's entry").click()
    page.get_by_role("link", name="Change the Ofsted inspection").click()
    page.get_by_label("Ofsted judgement", exact=True).select_option(label="Good")
    page.get_by_label("Date of the inspection").fill("2999")
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("today or in the past")
    page.get_by_label("Date of the inspection").fill("June 2019")
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("June 2019")).to_be_visible()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Changes saved")).to_be_visible()
    # the notes question page
    page.get_by_role("link", name="Back to Bracknell Forest's entry").click()
    page.get_by_role("link", name=f"Change notes ({model_name})").click()
    page.get_by_label("Notes").fill("Spreading into front door services.")
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Changes saved")).to_be_visible()
    # a contact's question page, and someone else saving first
    page.get_by_role("link", name="Back to Bracknell Forest's entry").click()
    page.get_by_role("link", name=f"Change contact details ({contact.name}").click()
    page.get_by_label("Job title").fill("Head of Practice")
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    Contact.objects.filter(pk=contact.pk).update(version=contact.version + 1)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("This was changed by someone else since you opened it")).to_be_visible()
    expect(page.get_by_role("cell", name="Head of Practice")).to_be_visible()
    page.get_by_role("link", name="Start again from the saved version").first.click()
    expect(page.get_by_label("Job title")).to_have_value(contact.role)
    # the model's question page
    page.goto(f"{live_server.url}/your-authority/bracknell-forest/models/{registry.pk}/")
    page.get_by_label("Front door").uncheck()
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Changes saved")).to_be_visible()
    assert not Adoption.objects.get(pk=registry.pk).services.filter(slug="front-door").exists()


def test_editor_adds_a_contact_then_removes_it(page: Page, live_server, registry):
    from models_registry.models import Contact

    model_name = registry.practice_model.name
    # given an authority editor on their authority's entry
    sign_in(page, live_server, EDITOR)
    page.goto(live_server.url + "/your-authority/bracknell-forest/")
    # when they add a contact, first leaving out the name
    page.get_by_role("link", name="Add a contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a contact")
    assert_accessible(page)
    page.get_by_label("Contact for which practice model").select_option(label=model_name)
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    # then the error summary says what is missing
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the contact's full name")
    assert_accessible(page)
    # when they give the name and job title
    page.get_by_label("Full name").fill("Robin Example")
    page.get_by_label("Job title").fill("Practice lead")
    page.get_by_role("button", name="Continue").click()
    # then they check their answers and add the contact
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("Robin Example")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_role("heading", name="Contact added")).to_be_visible()
    assert_accessible(page)
    assert Contact.objects.filter(name="Robin Example").exists()
    # when they remove it again, from the entry
    page.get_by_role("link", name="Back to Bracknell Forest's entry").click()
    page.get_by_role("link", name=f"Remove (Robin Example ({model_name}))").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to remove Robin Example?"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Yes, remove Robin Example").click()
    # then the entry says so, and the contact is gone
    expect(page.get_by_text("Contact removed: Robin Example")).to_be_visible()
    assert_accessible(page)
    assert not Contact.objects.filter(name="Robin Example").exists()


def test_adding_a_model_and_removing_a_contact_work_without_javascript(
    page_without_javascript: Page, live_server, registry
):
    from models_registry.models import Adoption, Contact, PracticeModel

    page = page_without_javascript
    contact = Contact.objects.filter(local_authority=registry.local_authority).first()
    unused = (
        PracticeModel.objects.exclude(adoptions__local_authority=registry.local_authority)
        .order_by("name")
        .first()
    )
    sign_in(page, live_server, ADMIN)
    page.goto(live_server.url + "/your-authority/bracknell-forest/")
    page.get_by_role("link", name="Add a model you use").click()
    page.get_by_label("Practice model").select_option(label=unused.name)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Role", exact=True).select_option(label="Alongside other models")
    page.get_by_label("Stated by the authority").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Add model").click()
    expect(page.get_by_role("heading", name="Model added")).to_be_visible()
    assert Adoption.objects.filter(
        local_authority=registry.local_authority, practice_model=unused
    ).exists()
    page.get_by_role("link", name="Back to Bracknell Forest's entry").click()
    page.get_by_role("link", name=f"Remove ({contact.name} (").first.click()
    page.get_by_role("button", name=f"Yes, remove {contact.name}").click()
    expect(page.get_by_text(f"Contact removed: {contact.name}")).to_be_visible()
    assert not Contact.objects.filter(pk=contact.pk).exists()

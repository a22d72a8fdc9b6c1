"""The registry's pages: content, contacts only for signed-in users, history, escaping."""

import pytest

from models_registry.models import Adoption, Contact
from tests.factories import (
    AdoptionFactory,
    ContactFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/models/",
        "/models/family-safeguarding/",
        "/models/finding-safe-solutions/",
        "/compare/",
        "/compare/?models=family-safeguarding&models=signs-of-safety",
        "/authorities/",
        "/authorities/kent/",
        "/authorities/city-of-london/",
        "/themes/",
    ],
)
def test_every_page_renders_with_the_region_loaded(region, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_every_model_and_authority_page_opens(region, client):
    from models_registry.models import LocalAuthority, PracticeModel

    for slug in PracticeModel.objects.values_list("slug", flat=True):
        assert client.get(f"/models/{slug}/").status_code == 200
    for slug in LocalAuthority.objects.values_list("slug", flat=True):
        assert client.get(f"/authorities/{slug}/").status_code == 200


def test_unknown_model_and_authority_are_404(db, client):
    assert client.get("/models/nothing/").status_code == 404
    assert client.get("/authorities/nowhere/").status_code == 404


def test_model_page_shows_who_uses_it_with_role_and_since(region, client):
    body = client.get("/models/signs-of-safety/").content.decode()
    assert "Milton Keynes" in body
    assert "Since 2013, relaunched 2019" in body
    assert "Building on it" in body
    assert "Three Houses" in body


def test_authority_page_shows_models_timeline_and_ofsted(region, client):
    body = client.get("/authorities/hampshire/").content.decode()
    assert "The Hampshire (and Isle of Wight) Approach" in body
    assert "Outstanding" in body
    assert "ILACS inspection, June 2019" in body


def test_contacts_are_hidden_from_anonymous_users(region, client):
    for url in ("/models/signs-of-safety/", "/authorities/kent/"):
        body = client.get(url).content.decode()
        assert "Susan Ashmore" not in body
        assert "susan.ashmore@kent.gov.uk" not in body.lower()
        assert "Sign in to see the people to contact" in body


def test_contacts_are_shown_to_signed_in_members(region, client_for):
    client = client_for("member")
    for url in ("/models/signs-of-safety/", "/authorities/kent/"):
        body = client.get(url).content.decode()
        assert "Susan Ashmore" in body
        assert "mailto:Susan.ashmore@kent.gov.uk" in body


def test_history_is_visible_on_model_and_authority_pages(region, client):
    body = client.get("/models/family-safeguarding/").content.decode()
    assert "Changes to this model" in body
    assert "Initial data, from Models of Social Work Practice" in body
    assert "Data load" in body


@pytest.mark.parametrize("persona", ["anonymous", "member", "analyst_surrey"])
def test_history_shows_a_role_and_authority_never_an_email(
    region, client_for, editor_bracknell, admin, persona
):
    surrey = Adoption.objects.get(
        local_authority__slug="surrey", practice_model__slug="family-safeguarding"
    )
    surrey.notes = "Checked with Surrey"
    surrey._history_user = admin
    surrey.save()
    bracknell = Adoption.objects.get(
        local_authority__slug="bracknell-forest", practice_model__slug="family-safeguarding"
    )
    bracknell.notes = "Relaunched"
    bracknell._history_user = editor_bracknell
    bracknell.save()
    client = client_for(persona)

    urls = [
        "/",
        "/authorities/surrey/",
        "/authorities/bracknell-forest/",
        "/models/family-safeguarding/",
    ]

    pages = {url: client.get(url).content.decode() for url in urls}

    for url, body in pages.items():
        assert "admin@example.org" not in body, url
        assert "editor@bracknell-forest.example.org" not in body, url
    assert "The regional team" in pages["/authorities/surrey/"]
    assert "An authority editor, Bracknell Forest" in pages["/authorities/bracknell-forest/"]
    assert "An authority editor, Bracknell Forest" in pages["/"]
    assert "The regional team" in pages["/models/family-safeguarding/"]


def test_change_author_names_a_role_and_authority():
    from models_registry.presenters import change_author

    assert change_author("authority_editor", "Bracknell Forest") == (
        "An authority editor, Bracknell Forest"
    )
    assert change_author("authority_analyst", "Surrey") == "An authority analyst, Surrey"
    assert change_author("regional_admin", None) == "The regional team"
    assert change_author("regional_analyst", None) == "The regional team"
    assert change_author("member", None) == "A member"
    assert change_author("member", "Kent") == "A member, Kent"


def test_descriptions_are_escaped(db, client_for):
    hostile = '<script>alert("x")</script>'
    model = PracticeModelFactory(slug="hostile", name=f"Model {hostile}", overview=hostile)
    authority = LocalAuthorityFactory(slug="hostile-la", name=f"LA {hostile}", context=hostile)
    AdoptionFactory(local_authority=authority, practice_model=model, notes=hostile)
    ContactFactory(local_authority=authority, practice_model=model, name=hostile, role=hostile)
    client = client_for("member")
    for url in ("/models/hostile/", "/authorities/hostile-la/", "/models/", "/authorities/",
                "/compare/?models=hostile&models=hostile", "/"):  # fmt: skip
        body = client.get(url).content.decode()
        assert hostile not in body, url
    assert "&lt;script&gt;" in client.get("/models/hostile/").content.decode()


def test_compare_shows_models_side_by_side_in_url_order(region, client):
    body = client.get(
        "/compare/?models=signs-of-safety&models=family-safeguarding"
    ).content.decode()
    table = body.split('id="compare-table"', 1)[1]
    assert table.index("Signs of Safety") < table.index("Family Safeguarding Model")
    for label in ("Kind", "Origin", "Underpinnings", "Practice tools", "Services using it",
                  "Authorities", "DfE funding"):  # fmt: skip
        assert f'<th scope="row" class="govuk-table__header">{label}</th>' in table
    assert "Western Australia" in table
    assert "£1.9m" in table


@pytest.mark.parametrize(
    "query, message",
    [
        ("models=family-safeguarding", "Select at least 2 practice models to compare"),
        (
            "models=family-safeguarding&models=signs-of-safety&models=restorative-practice"
            "&models=connected-practice&models=project-crewe",
            "Select no more than 4 practice models to compare",
        ),
        ("models=nothing&models=signs-of-safety", "Select practice models from the list"),
    ],
)
def test_compare_reports_errors_in_a_govuk_error_summary(region, client, query, message):
    body = client.get(f"/compare/?{query}").content.decode()
    assert "govuk-error-summary" in body
    assert message in body
    assert "<title>Error:" in body
    assert 'id="compare-table"' not in body


def test_compare_without_a_choice_shows_the_form_only(region, client):
    body = client.get("/compare/").content.decode()
    assert "govuk-error-summary" not in body
    assert 'type="checkbox"' in body


def test_model_list_keeps_the_query_in_pagination_links(db, client):
    for n in range(25):
        PracticeModelFactory(slug=f"bespoke-{n:02d}", kind="bespoke")
    body = client.get("/models/?kind=bespoke").content.decode()
    assert "25 models found" in body
    assert 'href="?kind=bespoke&amp;page=2"' in body
    page_two = client.get("/models/?kind=bespoke&page=2").content.decode()
    assert "bespoke-2" not in page_two or "Previous" in page_two


def test_authority_list_filters_by_model_and_role(region, client):
    body = client.get("/authorities/?model=signs-of-safety&role=building_on").content.decode()
    assert "1 authority found" in body
    assert "/authorities/kent/" in body


def test_themes_page_lists_features_challenges_and_who_reports_them(region, client):
    body = client.get("/themes/").content.decode()
    assert "Cultural change" in body
    assert "ICT and recording systems" in body
    assert 'href="/models/team-around-the-relationship/"' in body


def test_contact_model_is_never_rendered_without_permission(region, client):
    assert Contact.objects.exists()
    compare = "/compare/?models=family-safeguarding&models=signs-of-safety"
    for url in ("/", "/models/", "/authorities/", "/themes/", compare):
        body = client.get(url).content.decode()
        assert "Ann-Marie Ali" not in body


@pytest.mark.parametrize(
    "persona, sees_contacts",
    [
        ("anonymous", False),
        ("member", True),
        ("editor_bracknell", True),
        ("analyst_bracknell", True),
        ("analyst_surrey", True),
        ("regional_analyst", True),
        ("admin", True),
    ],
)
def test_contacts_matrix(region, client_for, persona, sees_contacts):
    client = client_for(persona)
    for url in ("/models/family-safeguarding/", "/authorities/bracknell-forest/"):
        body = client.get(url).content.decode()
        assert ("Ann-Marie Ali" in body) is sees_contacts, (persona, url)


def test_themes_say_when_and_by_which_role_they_last_changed(region, client, editor_bracknell):
    from models_registry.models import Theme

    theme = Theme.objects.get(slug="cultural-change")
    theme.description = "Changing culture takes years."
    theme._history_user = editor_bracknell
    theme.save()
    body = client.get("/themes/").content.decode()
    assert "by An authority editor, Bracknell Forest" in body
    assert "@bracknell-forest.example.org" not in body
    assert "by Data load" in body


@pytest.mark.parametrize("url", ["/models/?tool=nope", "/authorities/?model=nope"])
def test_invalid_filter_is_reported_in_an_error_summary(region, client, url):
    response = client.get(url)
    assert response.status_code == 400  # the page, with the field's error (PortalFilterSet)
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "<title>Error:" in body


def test_themes_filter_by_kind_model_and_authority(region, client):
    body = client.get("/themes/?kind=challenge&model=signs-of-safety").content.decode()
    assert "Training costs and fidelity" in body
    assert "Relationship-based practice" not in body
    body = client.get("/themes/?authority=east-sussex").content.decode()
    assert "Sustaining change" in body
    assert "Persuading and funding partners" not in body

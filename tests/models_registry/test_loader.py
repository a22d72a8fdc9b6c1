"""load_region's registry loader: the seeds' data, exactly, and idempotently."""

import re
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from models_registry import presenters, region_data, selectors
from models_registry.models import (
    Adoption,
    Contact,
    LocalAuthority,
    PracticeModel,
    PracticeTool,
    Service,
    Theme,
    Underpinning,
)
from sources.models import Citation, Source
from sources.services import cite_fields

pytestmark = pytest.mark.django_db

# Seed 001, the table before section 1 ("models in use across the region in Autumn 2019"),
# row by row: model -> (only / primary model, alongside other models).
AUTUMN_2019_TABLE = [
    ("family-safeguarding", ["bracknell-forest", "surrey", "west-berkshire"],
     ["oxfordshire", "portsmouth"]),
    ("restorative-practice", ["southampton"], ["oxfordshire", "portsmouth"]),
    ("signs-of-safety",
     ["medway", "milton-keynes", "west-sussex", "windsor-and-maidenhead", "wokingham"],
     ["kent"]),
    ("strengthening-families", ["buckinghamshire"], []),
    ("systemic-practice", ["slough"], []),
    ("team-around-the-relationship", ["brighton-and-hove"], []),
    ("connected-practice", ["east-sussex"], []),
    ("hampshire-approach", ["hampshire", "isle-of-wight"], []),
    ("trauma-informed-model-of-care", [], ["portsmouth"]),
]  # fmt: skip

# The canonical slugs shared with the evidence and KPI loaders.
SOUTH_EAST_AUTHORITIES = [
    "bracknell-forest", "surrey", "west-berkshire", "oxfordshire", "portsmouth",
    "southampton", "medway", "milton-keynes", "west-sussex", "windsor-and-maidenhead",
    "wokingham", "kent", "buckinghamshire", "slough", "brighton-and-hove", "east-sussex",
    "hampshire", "isle-of-wight",
]  # fmt: skip
OTHER_AUTHORITIES = [
    "hertfordshire", "luton", "peterborough", "hackney", "harrow", "derbyshire",
    "kingston-upon-hull", "southwark", "leeds", "ealing", "stockport", "islington",
    "newcastle-upon-tyne", "cheshire-east", "hammersmith-and-fulham", "kensington-and-chelsea",
    "westminster", "city-of-london", "waltham-forest", "brent", "bristol", "leicestershire",
    "lincolnshire", "norfolk", "suffolk", "tower-hamlets", "wakefield", "lambeth", "croydon",
]  # fmt: skip
MODELS = [
    "family-safeguarding", "signs-of-safety", "restorative-practice", "strengthening-families",
    "systemic-practice", "team-around-the-relationship", "connected-practice",
    "hampshire-approach", "trauma-informed-model-of-care", "finding-safe-solutions",
    "motivational-interviewing", "reclaiming-social-work", "family-valued",
    "strengthening-practice", "doing-what-counts", "brighter-futures", "family-insights",
    "stockport-family", "project-crewe",
]  # fmt: skip


def _table_from_presenter():
    return [
        (
            row.model.slug,
            sorted(a.slug for a in row.primary),
            sorted(a.slug for a in row.alongside),
        )
        for row in presenters.region_table(selectors.survey_adoptions())
    ]


def _table_from_home_page(client):
    body = client.get("/").content.decode()
    table = body.split('id="region-table"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r'<tr class="govuk-table__row" data-model="([^"]+)">(.*?)</tr>',
                          table, flags=re.S):  # fmt: skip
        slug, cells = row
        primary, alongside = re.findall(r'data-column="\w+">(.*?)</td>', cells, flags=re.S)
        rows.append(
            (
                slug,
                sorted(re.findall(r'data-authority="([^"]+)"', primary)),
                sorted(re.findall(r'data-authority="([^"]+)"', alongside)),
            )
        )
    return rows


def test_autumn_2019_table_is_reproduced_exactly(region):
    assert _table_from_presenter() == AUTUMN_2019_TABLE


def test_home_page_shows_the_autumn_2019_table_exactly(region, client):
    assert _table_from_home_page(client) == AUTUMN_2019_TABLE


def test_table_cells_carry_the_seed_roles(region):
    roles = {
        (a.practice_model.slug, a.local_authority.slug): a.role
        for a in selectors.survey_adoptions()
    }
    assert len(roles) == 21
    assert roles[("signs-of-safety", "kent")] == Adoption.Role.BUILDING_ON
    assert roles[("family-safeguarding", "portsmouth")] == Adoption.Role.ALONGSIDE
    assert roles[("hampshire-approach", "isle-of-wight")] == Adoption.Role.ONLY_OR_PRIMARY


def test_every_canonical_slug_exists(region):
    assert set(LocalAuthority.objects.values_list("slug", flat=True)) == set(
        SOUTH_EAST_AUTHORITIES + OTHER_AUTHORITIES
    )
    assert set(
        LocalAuthority.objects.filter(region="South East").values_list("slug", flat=True)
    ) == set(SOUTH_EAST_AUTHORITIES)
    assert set(PracticeModel.objects.values_list("slug", flat=True)) == set(MODELS)


def test_south_east_authorities_have_their_gss_codes(region):
    codes = dict(LocalAuthority.objects.values_list("slug", "gss_code"))
    assert codes["bracknell-forest"] == "E06000036"
    assert codes["surrey"] == "E10000030"
    assert codes["isle-of-wight"] == "E06000046"
    assert codes["buckinghamshire"] == "E06000060"


def test_ofsted_judgements_only_where_a_seed_states_one(region):
    hampshire = LocalAuthority.objects.get(slug="hampshire")
    assert hampshire.ofsted_judgement == LocalAuthority.OfstedJudgement.OUTSTANDING
    assert "June 2019" in hampshire.ofsted_when
    assert LocalAuthority.objects.get(slug="east-sussex").ofsted_judgement == "outstanding"
    assert LocalAuthority.objects.get(slug="norfolk").ofsted_judgement == "inadequate"
    assert LocalAuthority.objects.get(slug="surrey").ofsted_judgement == ""
    for authority in LocalAuthority.objects.exclude(ofsted_judgement=""):
        assert authority.citations.filter(field="ofsted_judgement").exists(), authority


def test_adoption_dates_and_funding_follow_the_seeds(region):
    def adoption(authority, model):
        return Adoption.objects.get(local_authority__slug=authority, practice_model__slug=model)

    bracknell = adoption("bracknell-forest", "family-safeguarding")
    assert bracknell.dfe_amount == Decimal("1900000")
    assert bracknell.dfe_year == 2017
    assert adoption("west-berkshire", "family-safeguarding").dfe_amount == Decimal("2100000")
    milton_keynes = adoption("milton-keynes", "signs-of-safety")
    assert (milton_keynes.year_started, milton_keynes.year_relaunched) == (2013, 2019)
    assert adoption("west-sussex", "signs-of-safety").year_started == 2012
    assert adoption("wokingham", "signs-of-safety").year_started == 2014
    assert "September 2019" in adoption("isle-of-wight", "hampshire-approach").started_note
    assert adoption("kent", "finding-safe-solutions").status == Adoption.Status.IN_DEVELOPMENT
    assert PracticeModel.objects.get(slug="finding-safe-solutions").builds_on.slug == (
        "signs-of-safety"
    )
    assert all(a.citations.exists() for a in Adoption.objects.all())


def test_all_section_6_contacts_are_loaded(region):
    assert Contact.objects.count() == 17
    ashmore = Contact.objects.get(name="Susan Ashmore")
    assert (ashmore.local_authority.slug, ashmore.practice_model.slug) == (
        "kent",
        "signs-of-safety",
    )
    assert Contact.objects.filter(local_authority__slug="isle-of-wight").count() == 2
    assert Contact.objects.get(name="Nicola McGeown").email == "Nicola.mcgeown@eastsussex.gov.uk"


def test_themes_link_models_and_authorities(region):
    assert Theme.objects.filter(kind=Theme.Kind.FEATURE).count() >= 5
    challenges = set(Theme.objects.filter(kind=Theme.Kind.CHALLENGE).values_list("slug", flat=True))
    assert {
        "cultural-change",
        "consistency-and-turnover",
        "ict-and-recording",
        "sustaining-change",
        "evidencing-impact",
    } <= challenges
    relationship = Theme.objects.get(slug="relationship-based")
    assert relationship.practice_models.count() == 9
    # The overview says all models are relationship-based; it names no authority.
    assert relationship.authorities.count() == 0


def _counts():
    return {
        model.__name__: (model.objects.count(), model.history.count())
        if hasattr(model, "history")
        else (model.objects.count(), None)
        for model in (
            LocalAuthority, PracticeModel, Adoption, Contact, Theme, Underpinning, PracticeTool,
            Service,
        )
    }  # fmt: skip


def test_loading_twice_changes_nothing(region):
    before = _counts()
    summary = region_data.load()
    assert _counts() == before
    assert not summary.created
    assert not +summary.updated


def test_reloading_restores_an_edited_fact_and_records_it(region):
    adoption = Adoption.objects.get(
        local_authority__slug="surrey", practice_model__slug="family-safeguarding"
    )
    adoption.year_started = 2001
    adoption.save()
    summary = region_data.load()
    adoption.refresh_from_db()
    assert adoption.year_started == 2019
    assert summary.updated["adoptions"] == 1
    assert adoption.history.first().history_change_reason.startswith("Initial data, from ")


def test_reloading_keeps_what_a_person_changed_on_the_portal(region, admin):
    """`make run` loads the region every time it starts: it must not undo people's edits."""
    adoption = Adoption.objects.get(
        local_authority__slug="surrey", practice_model__slug="family-safeguarding"
    )
    services = list(adoption.services.all())
    assert services  # the files give it some
    adoption.year_started = 2001
    adoption._history_user = admin  # as the portal's pages, the API and reverts save
    adoption.save()
    adoption.services.set([])
    # The portal's edits cite what they changed; the data files' citations must not replace it.
    cite_fields(adoption, source=Source.objects.first(), locator="p. 99", fields=["year_started"])
    cited = _citations(adoption)
    surrey = LocalAuthority.objects.get(slug="surrey")
    surrey.website = "https://wrong.example.org"
    surrey.save()  # a change nobody made on the portal: the files win
    summary = region_data.load()
    adoption.refresh_from_db()
    assert adoption.year_started == 2001
    assert list(adoption.services.all()) == []
    assert _citations(adoption) == cited
    assert summary.kept["adoptions"] == 1
    (line,) = [line for line in summary.lines() if line.startswith("adoptions:")]
    assert line.endswith(" unchanged, 1 kept as changed on the portal")
    surrey.refresh_from_db()
    assert surrey.website != "https://wrong.example.org"
    assert summary.updated["local authorities"] == 1


def _citations(row) -> list[tuple]:
    return list(
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(row), object_id=row.pk
        ).values_list("source__key", "locator", "field")
    )


def test_load_region_command_runs_the_registry_loader(db):
    call_command("load_region", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _counts()
    call_command("load_region", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first
    assert first["LocalAuthority"][0] == 47

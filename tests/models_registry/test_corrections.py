"""The registry says no more than its sources: one test per class of corrected statement
(docs/data-review.md)."""

import pytest

from models_registry.models import Adoption, LocalAuthority, PracticeModel, Theme

pytestmark = pytest.mark.django_db


def adoption(authority: str, model: str) -> Adoption:
    return Adoption.objects.get(local_authority__slug=authority, practice_model__slug=model)


def test_kent_is_not_said_to_use_finding_safe_solutions_as_its_model(region):
    kent = adoption("kent", "finding-safe-solutions")
    assert kent.role == Adoption.Role.NOT_STATED
    assert kent.status == Adoption.Status.IN_DEVELOPMENT
    assert str(kent.as_at_dated) == "Autumn 2019"
    assert adoption("kent", "signs-of-safety").role == Adoption.Role.BUILDING_ON


def test_a_season_stays_a_season(region):
    surrey = adoption("surrey", "family-safeguarding")
    assert surrey.as_at_precision == "season"
    assert str(surrey.as_at_dated) == "Autumn 2019"


def test_a_year_stays_a_year(region):
    east_sussex = LocalAuthority.objects.get(slug="east-sussex")
    assert str(east_sussex.ofsted_dated) == "2018"
    assert str(LocalAuthority.objects.get(slug="hampshire").ofsted_dated) == "June 2019"


def test_the_api_gives_a_date_as_precise_as_its_source(region, client):
    body = client.get("/api/v1/local-authorities/east-sussex/").json()
    assert body["ofsted_date"] == {"text": "2018", "precision": "year", "value": "2018"}


def test_no_status_is_stated_where_no_source_gives_one(region):
    for authority, model in [
        ("bracknell-forest", "family-safeguarding"),
        ("west-berkshire", "family-safeguarding"),
        ("milton-keynes", "signs-of-safety"),
        ("luton", "family-safeguarding"),
        ("harrow", "reclaiming-social-work"),
    ]:
        assert adoption(authority, model).status == Adoption.Status.NOT_STATED
    surrey = adoption("surrey", "family-safeguarding")
    assert surrey.status == Adoption.Status.IMPLEMENTING
    assert surrey.citations.filter(field="status", locator="§1.2.4").exists()


def test_no_kind_is_stated_where_no_source_gives_one(region):
    kinds = dict(PracticeModel.objects.values_list("slug", "kind"))
    assert kinds["family-safeguarding"] == ""
    assert kinds["signs-of-safety"] == ""
    assert kinds["team-around-the-relationship"] == PracticeModel.Kind.BESPOKE
    assert kinds["strengthening-practice"] == PracticeModel.Kind.BESPOKE


def test_unknown_start_stays_unknown(region):
    hertfordshire = adoption("hertfordshire", "family-safeguarding")
    assert hertfordshire.year_started is None
    assert "August 2015" in hertfordshire.started_note


def test_themes_name_only_the_authorities_their_sources_name(region):
    # "A number of South East authorities" names none of them.
    assert not Theme.objects.get(slug="ict-and-recording").authorities.exclude(
        slug="brighton-and-hove"
    )
    assert not Theme.objects.get(slug="training-costs-and-fidelity").authorities.exists()
    assert not Theme.objects.get(slug="partner-funding").authorities.exists()


def test_every_registry_row_cites_a_source(region):
    for model in (LocalAuthority, PracticeModel, Adoption, Theme):
        uncited = model.objects.filter(citations__isnull=True)
        assert not uncited.exists(), list(uncited)

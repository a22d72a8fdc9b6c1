"""The shared FilterSets (pages and API use the same ones)."""

import pytest

from models_registry import selectors
from models_registry.filters import LocalAuthorityFilter, PracticeModelFilter
from models_registry.models import Adoption, PracticeModel
from tests.factories import (
    AdoptionFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
    PracticeToolFactory,
    UnderpinningFactory,
)

pytestmark = pytest.mark.django_db


def _models(**params):
    filterset = PracticeModelFilter(params, queryset=selectors.practice_models())
    assert filterset.is_valid(), filterset.errors
    return [model.slug for model in filterset.qs]


def _authorities(**params):
    filterset = LocalAuthorityFilter(params, queryset=selectors.local_authorities())
    assert filterset.is_valid(), filterset.errors
    return [authority.slug for authority in filterset.qs]


@pytest.fixture
def small_registry():
    systemic = UnderpinningFactory(slug="systemic", name="Systemic")
    houses = PracticeToolFactory(slug="three-houses", name="Three Houses")
    alpha = PracticeModelFactory(slug="alpha", name="Alpha", kind=PracticeModel.Kind.BESPOKE)
    beta = PracticeModelFactory(slug="beta", name="Beta")
    gamma = PracticeModelFactory(slug="gamma", name="Gamma")
    alpha.underpinnings.add(systemic)
    beta.tools.add(houses)
    one, two, three = (LocalAuthorityFactory(slug=s, name=s.title()) for s in ("one", "two", "x"))
    AdoptionFactory(local_authority=one, practice_model=alpha)
    AdoptionFactory(
        local_authority=one,
        practice_model=beta,
        role=Adoption.Role.ALONGSIDE,
        dfe_programme=Adoption.FundingProgramme.INNOVATION_PROGRAMME,
        dfe_amount=1000,
    )
    AdoptionFactory(local_authority=two, practice_model=beta, status=Adoption.Status.EMBEDDED)
    AdoptionFactory(local_authority=three, practice_model=beta)
    return {"alpha": alpha, "beta": beta, "gamma": gamma}


def test_models_filter_by_kind_underpinning_and_tool(small_registry):
    assert _models(kind="bespoke") == ["alpha"]
    assert _models(underpinning="systemic") == ["alpha"]
    assert _models(tool="three-houses") == ["beta"]


def test_models_filter_by_funding(small_registry):
    assert _models(funding="any") == ["beta"]
    assert _models(funding="innovation_programme") == ["beta"]
    assert _models(funding="partners_in_practice") == []
    assert _models(funding="none") == ["alpha", "gamma"]


def test_models_filter_and_sort_by_authority_count(small_registry):
    assert _models(min_authorities="2") == ["beta"]
    assert _models(max_authorities="0") == ["gamma"]
    assert _models(sort="-authorities") == ["beta", "alpha", "gamma"]
    assert _models(sort="-name") == ["gamma", "beta", "alpha"]


def test_unknown_slug_is_a_validation_error_not_a_crash(small_registry):
    filterset = PracticeModelFilter({"tool": "no-such-tool"}, queryset=selectors.practice_models())
    assert not filterset.is_valid()


def test_authority_filters_apply_to_the_same_adoption(small_registry):
    assert _authorities(model="beta") == ["one", "two", "x"]
    assert _authorities(model="beta", role="only_or_primary") == ["two", "x"]
    # "one" uses alpha as primary and beta alongside: never beta as primary.
    assert "one" not in _authorities(model="beta", role="only_or_primary")
    assert _authorities(model="beta", status="embedded") == ["two"]
    assert _authorities(role="alongside") == ["one"]


def test_authorities_sort_by_number_of_models(small_registry):
    assert _authorities(sort="-models")[0] == "one"

"""Evidence test fixtures: the registry rows the seed evidence needs, and a loaded library."""

import pytest

from evidence import region_data
from tests.conftest import module_data
from tests.factories import LocalAuthorityFactory, PracticeModelFactory


def _create_seed_registry() -> None:
    model_slugs, authority_slugs = region_data.required_slugs()
    for slug in sorted(model_slugs | {"strengthening-families"}):
        PracticeModelFactory(slug=slug, name=slug.replace("-", " ").capitalize())
    for slug in sorted(authority_slugs):
        LocalAuthorityFactory(slug=slug, name=slug.replace("-", " ").title())


@pytest.fixture
def seed_registry(db):
    """Stand-in for the registry loader: one row per canonical slug the evidence refers to."""
    _create_seed_registry()


def _load_with_its_registry():
    _create_seed_registry()
    return region_data.load()


@pytest.fixture(scope="module")
def _evidence_for_the_module(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker, _load_with_its_registry) as report:
        yield report


@pytest.fixture
def loaded_evidence(_evidence_for_the_module, db):
    """The seed registry and the evidence library, loaded once for the module; each test's
    changes are rolled back (tests/conftest.py, module_data)."""
    return _evidence_for_the_module

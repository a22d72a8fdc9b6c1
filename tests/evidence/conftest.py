"""Evidence test fixtures: the registry rows the seed evidence needs, and a loaded library."""

import pytest

from evidence import region_data
from tests.factories import LocalAuthorityFactory, PracticeModelFactory


@pytest.fixture
def seed_registry(db):
    """Stand-in for the registry loader: one row per canonical slug the evidence refers to."""
    model_slugs, authority_slugs = region_data.required_slugs()
    for slug in sorted(model_slugs | {"strengthening-families"}):
        PracticeModelFactory(slug=slug, name=slug.replace("-", " ").capitalize())
    for slug in sorted(authority_slugs):
        LocalAuthorityFactory(slug=slug, name=slug.replace("-", " ").title())


@pytest.fixture
def loaded_evidence(seed_registry):
    return region_data.load()

import pytest

from models_registry import region_data
from tests.conftest import module_data


@pytest.fixture(scope="module")
def _region_for_the_module(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker, region_data.load) as report:
        yield report


@pytest.fixture
def region(_region_for_the_module, db):
    """The region's real data, as `make run` loads it: loaded once for the module, and each
    test's changes rolled back (tests/conftest.py, module_data)."""
    return _region_for_the_module

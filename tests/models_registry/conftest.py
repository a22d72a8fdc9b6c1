import pytest

from models_registry import region_data


@pytest.fixture
def region(db):
    """The region's real data, as `make run` loads it."""
    return region_data.load()

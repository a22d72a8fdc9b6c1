import pytest

from models_registry import region_data as registry_data
from network import region_data


@pytest.fixture
def network_data(db):
    """The registry and the reference group's real data, as `load_region` loads them."""
    registry_data.load()
    return region_data.load()


@pytest.fixture
def conference(network_data):
    from network.models import Event

    return Event.objects.get(slug="models-of-social-work-practice-conference-2020")


@pytest.fixture
def meeting(network_data):
    from network.models import Meeting

    return Meeting.objects.get(slug="2020-02-19")

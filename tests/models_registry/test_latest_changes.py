"""The home page's "Latest changes" lists what people changed, not the initial data load."""

import pytest

from models_registry import selectors
from models_registry.models import Adoption

pytestmark = pytest.mark.django_db


def test_the_initial_load_is_history_but_not_news(region, client):
    surrey = Adoption.objects.get(
        local_authority__slug="surrey", practice_model__slug="family-safeguarding"
    )
    first = surrey.history.earliest()
    assert first.history_change_reason.startswith("Initial data, from Models of Social Work")
    assert selectors.latest_changes() == []
    assert "Nobody has changed the registry" in client.get("/").content.decode()


def test_a_person_s_change_is_news(region, admin):
    surrey = Adoption.objects.get(
        local_authority__slug="surrey", practice_model__slug="family-safeguarding"
    )
    surrey.notes = "Checked with Surrey"
    surrey._history_user = admin
    surrey.save()
    [change] = selectors.latest_changes()
    assert change.what == "Surrey using Family Safeguarding Model"

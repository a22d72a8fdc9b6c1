import pytest

from seslip.govuk_components import shared_environment

pytestmark = pytest.mark.django_db


def test_components_compile_once_and_are_reused_across_requests(client, settings):
    # Render twice: the second request must not be answered from the response cache.
    settings.RESPONSE_CACHE = {**settings.RESPONSE_CACHE, "ENABLED": False}
    client.get("/accessibility/")
    before = shared_environment().from_string.cache_info()
    client.get("/accessibility/")
    after = shared_environment().from_string.cache_info()
    assert after.misses == before.misses
    assert after.hits > before.hits


def test_components_still_render_escaped(client):
    body = client.get("/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in body

import pytest
from django.urls import path

from seslip.navigation import PRIMARY_NAVIGATION

pytestmark = pytest.mark.django_db


def test_frame_has_service_name_navigation_and_skip_link(client):
    body = client.get("/").content.decode()
    assert "South East Practice Models Portal" in body
    assert '<a href="#main-content" class="govuk-skip-link"' in body
    assert 'id="main-content"' in body
    assert 'aria-label="Main"' in body
    for item in PRIMARY_NAVIGATION:
        assert f'href="{item.path}"' in body
        assert item.label in body
    assert "govuk-phase-banner" in body
    assert 'href="/accessibility/"' in body
    assert 'href="/privacy/"' in body


def test_current_section_is_marked_in_navigation(client):
    body = client.get("/accessibility/").content.decode()
    assert body.count("govuk-service-navigation__item--active") == 0
    body = client.get("/api/").content.decode()
    assert body.count("govuk-service-navigation__item--active") == 1


def test_frame_is_brand_neutral(client):
    from django.contrib.staticfiles import finders

    body = client.get("/").content.decode()
    assert "govuk-logo" not in body
    assert "crown" not in body.lower()
    with open(finders.find("css/portal.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert "GDS Transport" not in css
    assert "@font-face" not in css


def test_frame_has_no_inline_script_and_loads_nothing_from_elsewhere(client):
    body = client.get("/").content.decode()
    assert "<script>" not in body
    assert "http://" not in body.split("<body")[0]
    assert "https://" not in body.split("<body")[0]


@pytest.mark.parametrize("url", ["/accessibility/", "/privacy/", "/api/"])
def test_information_pages_render_in_frame(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert 'href="#main-content"' in response.content.decode()


def test_unknown_page_is_404_in_frame(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert 'href="#main-content"' in body


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", boom)]


@pytest.mark.urls("tests.seslip.test_frame")
def test_server_error_is_500_in_frame_without_stack_trace(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "deliberate failure" not in body
    assert "Traceback" not in body


def test_api_docs_are_served_from_local_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in body
    assert "cdn" not in body.lower()
    assert "<script>" not in body.replace(" ", "")


def test_api_page_gives_working_examples_for_this_host(client):
    body = client.get("/api/").content.decode()
    assert "http://testserver/api/v1/kpi/values/?la=bracknell-forest" in body
    assert "pd.read_csv(url)" in body
    assert "Authorization: Token" in body


def test_api_docs_allow_only_their_own_inline_style_by_hash(client):
    import base64
    import hashlib
    import re

    response = client.get("/api/docs/")
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    for style in re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S):
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/evidence/evaluations/no.such.thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}

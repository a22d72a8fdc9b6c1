"""The API answers JSON (or CSV) to a browser too, and every page link into it is a
download (issue 23: DRF's browsable API was outside the portal's frame, its CSP and axe)."""

import re

import pytest

from kpi.services import loader as kpi_data
from models_registry import region_data as registry_data

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
API_LINK = re.compile(r"<a [^>]*href=\"(/api/v1/[^\"]*)\"[^>]*>")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/local-authorities/",
        "/api/v1/kpi/values/",
        "/api/v1/kpi/indicators/",
        "/api/v1/evidence/findings/",
    ],
)
def test_a_browser_gets_json_not_the_browsable_api(client, url):
    response = client.get(url, HTTP_ACCEPT=BROWSER_ACCEPT)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_asking_for_the_browsable_api_by_name_is_refused(client):
    assert client.get("/api/v1/local-authorities/", {"format": "api"}).status_code == 404


@pytest.mark.parametrize("url", ["/api/", "/kpi/authorities/bracknell-forest/"])
def test_every_api_link_on_a_page_is_a_download(client, url):
    registry_data.load()
    kpi_data.load()
    page = client.get(url).content.decode()

    links = API_LINK.findall(page)
    assert links
    for tag in re.findall(r"<a [^>]*href=\"/api/v1/[^\"]*\"[^>]*>", page):
        assert " download" in tag, tag
    for link in links:
        response = client.get(link.replace("&amp;", "&"), HTTP_ACCEPT=BROWSER_ACCEPT)
        assert response.status_code == 200, link
        assert response["Content-Type"].split(";")[0] in ("application/json", "text/csv"), link

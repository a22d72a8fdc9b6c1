"""A filter value holding "%" (found by tests/api/test_schema_fuzz.py: `?model=®%y` on
/api/v1/adoptions/) is an unknown value like any other: a 400 naming it, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/adoptions/", "/authorities/"])
def test_an_unknown_value_with_a_percent_sign_is_a_400_naming_it(client, url):
    response = client.get(url, {"model": "®%y%(x)s"})
    assert response.status_code == 400
    assert "®%y%(x)s" in response.content.decode() or "\\u00ae%y%(x)s" in response.content.decode()

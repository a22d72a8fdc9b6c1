"""Response headers on every kind of page: CSP without inline script, Permissions-Policy,
Referrer-Policy, no framing, no sniffing."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/accounts/sign-in/", "/accounts/password-reset/", "/privacy/", "/api/schema/"]


@pytest.mark.parametrize("path", PAGES)
def test_content_security_policy_allows_only_our_own_origin(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize("path", PAGES)
def test_permissions_and_referrer_policies_are_sent(client, path):
    response = client.get(path)
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_headers_are_on_error_pages_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Content-Security-Policy" in response.headers
    assert "Permissions-Policy" in response.headers


def test_our_pages_carry_no_inline_script_or_style(client_for):
    for persona, path in [
        ("anonymous", "/accounts/sign-in/"),
        ("anonymous", "/accounts/password-reset/"),
        ("member", "/accounts/"),
        ("member", "/accounts/sign-out/"),
        ("admin", "/accounts/access-log/"),
    ]:
        body = client_for(persona).get(path).content.decode()
        assert "<script>" not in body.replace(" ", "")
        assert " style=" not in body
        assert " onclick=" not in body

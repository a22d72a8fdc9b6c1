"""Every persona against every accounts page: the expected status, in one table."""

import pytest

from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

SIGNED_IN = [persona for persona in PERSONAS if persona != "anonymous"]

# path -> {persona: status}; personas not named get the "*" status.
MATRIX = {
    "/accounts/sign-in/": {"anonymous": 200, "*": 302},
    "/accounts/sign-out/": {"*": 200},
    "/accounts/password-reset/": {"*": 200},
    "/accounts/": {"anonymous": 302, "*": 200},
    "/accounts/access-log/": {"anonymous": 302, "admin": 200, "admin_user": 200, "*": 403},
    # Only the superuser uses the admin site; everyone else, regional admins and editors
    # included (issue 22), is sent to its sign-in page.
    "/admin/accounts/accesslog/": {"admin_user": 200, "*": 302},
    "/admin/accounts/user/": {"admin_user": 200, "*": 302},
    "/admin/accounts/apitoken/": {"admin_user": 200, "*": 302},
}

CASES = [
    (path, persona, statuses.get(persona, statuses["*"]))
    for path, statuses in MATRIX.items()
    for persona in (*PERSONAS, "admin_user")
]


@pytest.mark.parametrize(("path", "persona", "expected"), CASES)
def test_role_matrix(client_for, path, persona, expected):
    assert client_for(persona).get(path).status_code == expected


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_account_page_shows_role_and_authority(client_for, request, persona):
    user = request.getfixturevalue(persona)
    body = client_for(persona).get("/accounts/").content.decode()
    assert user.get_role_display() in body
    if user.authority:
        assert user.authority.name in body
    assert ("Read the access log" in body) is (persona == "admin")

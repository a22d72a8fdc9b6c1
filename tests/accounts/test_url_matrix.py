"""The role × URL matrix (issue 16, "Tests that prove it"), generated from the URL
configuration rather than a hand-kept list.

Every URL pattern Django resolves (each page, every API route of the DRF routers, and every
admin changelist, add, change, delete and history URL of every registered model) is filled
with the ids and slugs of Bracknell Forest's records (tests/accounts/url_matrix_world.py)
and requested as each persona: anonymous, each role at Bracknell Forest and at Surrey, and
the superuser (the only one the admin site lets in, issue 22);
delete confirmations and the other forms that change something are POSTed too (and rolled
back). The status must be the one tests/accounts/url_matrix_expected.py gives, record-level
and aggregate-return pages must be sent no-store, and no answer may contain what that persona
may not see: a family, person or referral key, a value or name from a cohort file or its
error report, the file's hash, an API key, a draft finding's text, or, to anyone not
signed in, a person's email address. A URL pattern the table does not name fails the test.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests.accounts.url_matrix_expected import (
    ADMIN_MODELS,
    DELETE_POST,
    DELETE_REFUSED,
    EXPECTED,
    NO_STORE_PREFIXES,
    POSTS,
    SUPERUSER,
)
from tests.accounts.url_matrix_world import MATRIX_PERSONAS, build_world, fill, may_see

pytestmark = pytest.mark.django_db

HOW_TO_ADD = (
    "Add each to EXPECTED in tests/accounts/url_matrix_expected.py with the status every "
    "persona should get (or, for an admin model, to ADMIN_MODELS)."
)


def walk_urls(resolver=None, prefix: str = "") -> list[tuple[str, str | None]]:
    """(route, name) of every URL pattern, each route joined as Django joins them."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            found.extend(walk_urls(pattern, prefix + str(pattern.pattern)))
        elif isinstance(pattern, URLPattern):
            found.append((prefix + str(pattern.pattern), pattern.name))
    return found


def expected_status(table: dict, variant: str, persona: str) -> int:
    statuses = table
    if any(isinstance(value, dict) for value in table.values()):
        statuses = table.get(variant, table.get("*"))
        assert statuses is not None, f"no expected outcome for the {variant!r} variant"
    if persona == SUPERUSER and SUPERUSER not in statuses:
        persona = "admin"
    return statuses.get(persona, statuses.get("*"))


@dataclass
class Request:
    method: str
    route: str
    variant: str
    path: str
    data: dict
    expected: int


def requests_for(persona: str, world) -> list[Request]:
    planned = []
    for route, _name in walk_urls():
        for variant, path in fill(route, world):
            status = expected_status(EXPECTED[route], variant, persona)
            planned.append(Request("GET", route, variant, path, {}, status))
            post = post_for(route, variant, persona, status)
            if post is not None:
                data, post_status = post
                planned.append(Request("POST", route, variant, path, data, post_status))
    return planned


def post_for(route: str, variant: str, persona: str, get_status: int):
    if route in POSTS:
        data, table = POSTS[route]
        return data, expected_status(table, variant, persona)
    model = delete_route_model(route)
    if model is None:
        return None
    # An allowed delete redirects to the list; a delete refused because record-level rows
    # hang from the object shows the refusal again; anything else refuses as the GET did.
    if get_status == 200:
        return DELETE_POST, 200 if model in DELETE_REFUSED else 302
    return DELETE_POST, get_status


def delete_route_model(route: str) -> str | None:
    for model in ADMIN_MODELS:
        if route == f"admin/{model}/<path:object_id>/delete/":
            return model
    return None


@pytest.fixture
def editor_surrey(surrey):
    from tests.factories import UserFactory

    return UserFactory(email="editor@surrey.example.org", role="authority_editor", authority=surrey)


@pytest.fixture
def world(request, settings, tmp_path):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        # Where the world's queued task result says it was queued, as the worker's is.
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
    settings.KPI_KEY_SECRET = "test-kpi-key-secret"
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world(request)


def test_every_url_pattern_has_an_expected_outcome():
    routes = {route for route, _name in walk_urls()}
    missing = sorted(routes - EXPECTED.keys())
    assert not missing, (
        f"{len(missing)} URL pattern(s) have no expected outcome: {missing}. {HOW_TO_ADD}"
    )
    stale = sorted(EXPECTED.keys() - routes)
    assert not stale, f"Expected outcomes for URL patterns that no longer exist: {stale}"
    assert not (POSTS.keys() - routes), "POSTS names URL patterns that do not exist"


@pytest.mark.parametrize("persona", MATRIX_PERSONAS)
def test_every_url_as_every_persona(client, client_for, world, persona):
    client = client_for(persona)
    client.raise_request_exception = False
    secrets = {text: who for text, who in world.secrets.items() if not may_see(persona, who)}
    problems = []
    for planned in requests_for(persona, world):
        with transaction.atomic():
            if planned.method == "GET":
                response = client.get(planned.path)
            else:
                response = client.post(planned.path, planned.data)
            transaction.set_rollback(True)
        where = f"{planned.method} {planned.path} ({planned.route}"
        where += f", {planned.variant})" if planned.variant else ")"
        if response.status_code != planned.expected:
            problems.append(f"{where}: {response.status_code}, expected {planned.expected}")
        if response.status_code == 200 and planned.route.startswith(NO_STORE_PREFIXES):
            cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
            if not {"no-store", "private"} <= cache_control:
                problems.append(f"{where}: not sent no-store ({response.get('Cache-Control')})")
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        shown = sorted(secret for secret in secrets if secret in text)
        if shown:
            problems.append(f"{where} shows {persona} what they may not see: {shown}")
    assert not problems, f"{persona}:\n" + "\n".join(problems)

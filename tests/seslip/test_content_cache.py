"""Signed-in users' pages and token holders' API lists (seslip/content_cache.py): the main
content is kept per audience until the data changes, never shared across audiences that
see the data differently, and never kept when it drew a CSRF token or logged an access."""

from contextlib import contextmanager

import pytest
from django.http import HttpResponse
from django.template import Engine
from django.test import RequestFactory

from accounts.services import create_api_token
from kpi.models import IndicatorValue
from seslip import content_cache
from seslip.response_cache import do_not_cache
from tests.factories import ContactFactory, PracticeModelFactory
from tests.kpi.dashboards.test_dashboards import with_quarters

pytestmark = pytest.mark.django_db


@contextmanager
def mock_template(template):
    """render_page's templates by name: `template` whatever the name (a Django Template)."""
    from django.template import loader

    class Wrapped:
        def render(self, context=None, request=None):
            from django.template.context import make_context

            return template.render(make_context(context, request))

    original = loader.get_template
    loader.get_template = lambda name, using=None: Wrapped()
    try:
        yield
    finally:
        loader.get_template = original


MODEL_PAGE = "/models/family-safeguarding/"


@pytest.fixture
def model():
    return PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")


def test_a_signed_in_repeat_reads_no_data_but_the_session(
    client_for, model, django_assert_num_queries
):
    client = client_for("member")
    first = client.get(MODEL_PAGE)
    # The session, its user and the data version: nothing of the page's own.
    with django_assert_num_queries(3):
        second = client.get(MODEL_PAGE)
    main = first.content.split(b"<main")[1]
    assert second.content.split(b"<main")[1] == main
    assert b"Family Safeguarding" in main


def test_a_change_is_shown_to_signed_in_users_at_once(client_for, model):
    client = client_for("member")
    client.get(MODEL_PAGE)
    model.overview = "A new overview, just saved."
    model.save()
    assert "A new overview, just saved." in client.get(MODEL_PAGE).content.decode()


def test_what_only_signed_in_users_see_is_not_shown_to_anonymous_visitors(client_for, model):
    ContactFactory(practice_model=model, name="Ada Contact")
    assert "Ada Contact" in client_for("member").get(MODEL_PAGE).content.decode()
    assert "Ada Contact" not in client_for("anonymous").get(MODEL_PAGE).content.decode()
    # And the other way round: a signed-in person never gets the anonymous content.
    assert "Ada Contact" in client_for("editor_bracknell").get(MODEL_PAGE).content.decode()


def test_kpi_figures_kept_for_an_analyst_are_not_shown_to_another_authoritys(
    client_for, bracknell, analyst_bracknell, analyst_surrey
):
    with_quarters(bracknell, 1)
    assert IndicatorValue.objects.filter(suppressed=True, people__gt=0, cohort="all").exists()
    page = "/kpi/authorities/bracknell-forest/"
    own = client_for("analyst_bracknell").get(page).content.decode()
    assert ">c</abbr>" not in own
    other = client_for("analyst_surrey").get(page).content.decode()
    assert ">c</abbr>" in other
    assert ">c</abbr>" not in client_for("regional_analyst").get(page).content.decode()


def test_each_person_gets_their_own_frame(client_for, model):
    client_for("member").get(MODEL_PAGE)
    editor = client_for("editor_bracknell").get(MODEL_PAGE).content.decode()
    frame = editor.split("<main")[0]
    assert "editor@bracknell-forest.example.org" in frame
    assert "member@example.org" not in editor


def test_api_list_is_kept_per_audience_and_still_logs_every_token_use(
    client, analyst_bracknell, model
):
    from accounts.models import AccessLog

    key = create_api_token(user=analyst_bracknell).key
    first = client.get("/api/v1/practice-models/", HTTP_AUTHORIZATION=f"Token {key}")
    second = client.get("/api/v1/practice-models/", HTTP_AUTHORIZATION=f"Token {key}")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert second["Content-Type"] == "application/json"
    assert AccessLog.objects.filter(action=AccessLog.Action.TOKEN_USE).count() == 2
    model.name = "Family Safeguarding, renamed"
    model.save()
    third = client.get("/api/v1/practice-models/", HTTP_AUTHORIZATION=f"Token {key}")
    assert third.json()["results"][0]["name"] == "Family Safeguarding, renamed"


def test_api_errors_are_not_kept(client, analyst_bracknell, model):
    key = create_api_token(user=analyst_bracknell).key
    for _ in range(2):
        response = client.get(
            "/api/v1/practice-models/?kind=no-such-kind", HTTP_AUTHORIZATION=f"Token {key}"
        )
        assert response.status_code == 400


def _page_twice(request, template_text: str = "{{ value }}") -> tuple[list[str], list[int]]:
    """Render a page through render_page twice; returns the bodies and build() calls."""
    calls: list[int] = []

    def build():
        calls.append(1)
        return {"value": f"drawn {len(calls)}"}, 200

    template = Engine.get_default().from_string(
        '{% load content_cache %}{% page_block "content" %}' + template_text + "{% endpage_block %}"
    )
    with mock_template(template):
        bodies = [
            content_cache.render_page(request, "any.html", build).content.decode() for _ in range(2)
        ]
    return bodies, calls


def test_a_page_is_kept_once_drawn_and_not_built_again(rf_user):
    bodies, calls = _page_twice(rf_user)
    assert bodies == ["drawn 1", "drawn 1"]
    assert len(calls) == 1


def test_a_page_that_drew_a_csrf_token_is_not_kept(rf_user):
    bodies, _ = _page_twice(rf_user, "{{ value }} {% csrf_token %}")
    assert bodies[0].startswith("drawn 1") and bodies[1].startswith("drawn 2")
    assert "csrfmiddlewaretoken" in bodies[0]
    # The response still sets the CSRF cookie the token belongs to.
    assert rf_user.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_page_of_a_request_whose_access_was_logged_is_not_kept(rf_user):
    do_not_cache(rf_user)
    bodies, _ = _page_twice(rf_user)
    assert bodies == ["drawn 1", "drawn 2"]


def test_a_page_with_a_pending_message_is_drawn_afresh_and_not_kept(rf_user):
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage

    rf_user._messages = CookieStorage(rf_user)
    messages.success(rf_user, "Your change was reverted.")
    _, calls = _page_twice(rf_user)
    assert len(calls) == 2
    del rf_user._messages
    _, calls = _page_twice(rf_user)
    assert len(calls) == 1  # nothing was kept while the message was pending


def test_a_list_that_logs_an_access_while_made_is_not_kept(rf_user):
    calls = []

    def compute():
        calls.append(1)
        do_not_cache(rf_user)
        return 200, HttpResponse(b"x")

    content_cache.cached_list_data(rf_user, compute)
    content_cache.cached_list_data(rf_user, compute)
    assert len(calls) == 2
    assert content_cache.access_logged(rf_user)


@pytest.fixture
def rf_user(member):
    request = RequestFactory().get("/somewhere/")
    request.user = member
    return request

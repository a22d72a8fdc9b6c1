"""Signed-in users' pages and token holders' API lists (seslip/content_cache.py): the main
content is kept per audience until the data changes, never shared across audiences that
see the data differently, and never kept when it drew a CSRF token or logged an access."""

import pytest
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from accounts.services import create_api_token
from kpi.models import IndicatorValue
from seslip import content_cache
from seslip.response_cache import do_not_cache
from tests.factories import ContactFactory, PracticeModelFactory
from tests.kpi.dashboards.test_dashboards import with_quarters

pytestmark = pytest.mark.django_db

MODEL_PAGE = "/models/family-safeguarding/"


@pytest.fixture
def model():
    return PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")


def test_a_signed_in_repeat_reads_no_data_but_the_session(
    client_for, model, django_assert_num_queries
):
    client = client_for("member")
    first = client.get(MODEL_PAGE)
    # The session, its user, the model's name (the page's 404) and the data version.
    with django_assert_num_queries(4):
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


def _render_twice(template_text: str, request) -> list[str]:
    template = Template(
        "{% load content_cache %}{% content_cached key %}"
        + template_text
        + "{% endcontent_cached %}"
    )
    key = content_cache.key(request)
    calls = []

    def value():
        calls.append(1)
        return f"drawn {len(calls)}"

    context = {"key": key, "request": request, "value": value}
    return [template.render(Context(context)) for _ in range(2)]


def test_content_is_kept_once_drawn_and_its_values_not_computed_again(rf_user):
    assert _render_twice("{{ value }}", rf_user) == ["drawn 1", "drawn 1"]


def test_content_that_drew_a_csrf_token_is_not_kept(rf_user):
    from django.middleware.csrf import get_token

    template = Template(
        "{% load content_cache %}{% content_cached key %}{{ value }} {{ token }}"
        "{% endcontent_cached %}"
    )
    calls = []

    def value():
        calls.append(1)
        return f"drawn {len(calls)}"

    context = {
        "key": content_cache.key(rf_user),
        "request": rf_user,
        "value": value,
        "token": lambda: get_token(rf_user),
    }
    first = template.render(Context(context))
    second = template.render(Context(context))
    assert first.startswith("drawn 1") and second.startswith("drawn 2")
    # The response still sets the CSRF cookie the token belongs to.
    assert rf_user.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_content_of_a_request_whose_access_was_logged_is_not_kept(rf_user):
    do_not_cache(rf_user)
    assert _render_twice("{{ value }}", rf_user) == ["drawn 1", "drawn 2"]


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

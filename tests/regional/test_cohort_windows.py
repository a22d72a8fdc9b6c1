"""Family Safeguarding cohort windows on the regional team's pages (issue 22): the
authorities using Family Safeguarding or with windows, analysts or submissions (every
authority on asking) with the toolkit's windows each has and who gave them, and giving an
authority with none the toolkit's six, recorded in the cohorts' history."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from kpi.definitions import COHORT_WINDOWS, FAMILY_SAFEGUARDING_MODEL
from kpi.models import Cohort, Submission
from kpi.quarters import QuarterError, check_return_quarter
from kpi.services.toolkit import ensure_cohorts
from models_registry.models import Adoption
from regional import cohort_windows
from tests.factories import (
    AdoptionFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("regional:cohort-windows")


def give_url(authority) -> str:
    return reverse("regional:give-cohort-windows", kwargs={"slug": authority.slug})


@pytest.fixture
def starting(db):
    """An authority that starts using Family Safeguarding after the region was loaded."""
    return LocalAuthorityFactory(slug="reading", name="Reading")


# --- The list ------------------------------------------------------------------------------


def test_the_list_says_which_windows_each_authority_has(client_for, admin, bracknell, starting):
    ensure_cohorts(authority=bracknell)
    UserFactory(email="analyst@reading.example.org", role="authority_analyst", authority=starting)

    page = client_for("admin").get(LIST)

    assert page.status_code == 200
    rows = {row.authority.slug: row for row in page.context["rows"]}
    assert rows["bracknell-forest"].text == "Cohorts 1 to 6"
    assert not rows["bracknell-forest"].may_be_given
    assert rows["reading"].text == "None"
    assert (rows["reading"].analysts, rows["reading"].waiting) == (1, True)
    body = page.content.decode()
    assert "Cohorts 1 to 6" in body
    assert "Waiting for windows" in body
    # The only "Give" link is Reading's: Bracknell Forest has its windows.
    assert give_url(starting) in body
    assert give_url(bracknell) not in body


def test_the_list_counts_analysts_and_submissions(client_for, admin, bracknell, starting):
    ensure_cohorts(authority=bracknell)
    UserFactory(email="a@bracknell.example.org", role="authority_analyst", authority=bracknell)
    UserFactory(email="b@bracknell.example.org", role="authority_analyst", authority=bracknell)
    UserFactory(email="e@bracknell.example.org", role="authority_editor", authority=bracknell)
    UserFactory(
        email="gone@bracknell.example.org",
        role="authority_analyst",
        authority=bracknell,
        is_active=False,
    )
    Submission.objects.create(authority=bracknell, quarter="2018-Q1", sha256="x")

    rows = {row.authority.slug: row for row in cohort_windows.authorities_with_windows()}

    assert (rows["bracknell-forest"].analysts, rows["bracknell-forest"].submissions) == (2, 1)
    assert (rows["reading"].analysts, rows["reading"].submissions) == (0, 0)
    assert not rows["reading"].waiting  # nobody there is waiting to upload


@pytest.mark.parametrize(
    ("numbers", "text"),
    [
        ((), "None"),
        ((1,), "Cohort 1"),
        ((1, 2, 3, 4, 5, 6), "Cohorts 1 to 6"),
        ((2, 3), "Cohorts 2 to 3"),
        ((1, 2, 4), "3 of Cohorts 1 to 4"),
    ],
)
def test_the_windows_an_authority_has_read_as_words(starting, numbers, text):
    for window in COHORT_WINDOWS:
        if window.number in numbers:
            Cohort.objects.create(
                authority=starting, number=window.number, start=window.start, end=window.end
            )

    (row,) = cohort_windows.authorities_with_windows()

    assert row.text == text
    assert row.may_be_given == (not numbers)


def test_windows_other_than_the_toolkits_are_counted_and_kept(starting):
    Cohort.objects.create(
        authority=starting, number=7, name="Cohort 7", start=date(2021, 4, 1), end=date(2021, 6, 30)
    )

    (row,) = cohort_windows.authorities_with_windows()

    assert row.text == "1 other window"
    assert not row.may_be_given


@pytest.mark.parametrize("query", ["", "?show=all"])
@pytest.mark.parametrize("authorities", [2, 12])
def test_the_list_takes_the_same_queries_however_many_authorities(
    client_for, admin, authorities, query, django_assert_num_queries
):
    family_safeguarding = PracticeModelFactory(slug=FAMILY_SAFEGUARDING_MODEL)
    for n in range(authorities):
        authority = LocalAuthorityFactory()
        if n % 2:
            cohort_windows.give_toolkit_windows(authority=authority, user=admin)
        elif n % 3:
            ensure_cohorts(authority=authority)  # loaded: a history without a person
        AdoptionFactory(local_authority=authority, practice_model=family_safeguarding)
        UserFactory(role="authority_analyst", authority=authority)
        Submission.objects.create(authority=authority, quarter="2018-Q1", sha256=str(n))
        LocalAuthorityFactory()  # one the short list leaves out
    client = client_for("admin")
    client.get(LIST)  # the session and the user's first reads out of the way

    # The session, the user, one query for every authority's row and one for the
    # windows' history.
    with django_assert_num_queries(4):
        page = client.get(LIST + query)

    assert len(page.context["rows"]) == (2 * authorities if query else authorities)
    with_history = sum(1 for n in range(authorities) if n % 2 or n % 3)
    assert len([row for row in page.context["rows"] if row.given]) == with_history


# --- Which authorities the list shows ----------------------------------------------------


@pytest.fixture
def region(db):
    """Authorities each on the short list for one reason, and two that are not."""
    family_safeguarding = PracticeModelFactory(
        name="Family Safeguarding", slug=FAMILY_SAFEGUARDING_MODEL
    )
    other_model = PracticeModelFactory(name="Signs of Safety", slug="signs-of-safety")
    for slug, role in (
        ("fs-primary", Adoption.Role.ONLY_OR_PRIMARY),
        ("fs-alongside", Adoption.Role.ALONGSIDE),
        ("fs-building-on", Adoption.Role.BUILDING_ON),
        ("fs-role-not-stated", Adoption.Role.NOT_STATED),
    ):
        AdoptionFactory(
            local_authority=LocalAuthorityFactory(slug=slug, name=slug),
            practice_model=family_safeguarding,
            role=role,
        )
    ensure_cohorts(authority=LocalAuthorityFactory(slug="has-windows", name="has-windows"))
    UserFactory(role="authority_analyst", authority=LocalAuthorityFactory(slug="has-analyst"))
    Submission.objects.create(
        authority=LocalAuthorityFactory(slug="has-submission"), quarter="2018-Q1", sha256="s"
    )
    AdoptionFactory(
        local_authority=LocalAuthorityFactory(slug="other-model-only"), practice_model=other_model
    )
    LocalAuthorityFactory(slug="nothing-at-all")
    # An analyst whose account is closed does not put an authority on the list.
    UserFactory(
        role="authority_analyst",
        authority=LocalAuthorityFactory(slug="closed-analyst"),
        is_active=False,
    )


SHORT_LIST = {
    "fs-primary",
    "fs-alongside",
    "fs-building-on",
    "fs-role-not-stated",
    "has-windows",
    "has-analyst",
    "has-submission",
}
EVERY = SHORT_LIST | {"other-model-only", "nothing-at-all", "closed-analyst"}


def slugs(page) -> set[str]:
    return {row.authority.slug for row in page.context["rows"]}


def test_the_list_shows_the_authorities_using_family_safeguarding_or_with_windows_or_people(
    client_for, admin, region
):
    page = client_for("admin").get(LIST)

    assert page.status_code == 200
    assert slugs(page) == SHORT_LIST
    body = page.content.decode()
    assert "Listed below: the authorities that use Family Safeguarding" in body
    assert "already has cohort windows, analysts or submissions (7 of the 10 the portal knows)" in (
        body
    )
    assert f'<a class="govuk-link" href="{LIST}?show=all">Show all 10 authorities</a>' in body
    assert "Cohort windows of 7 of the 10 authorities" in body
    # Give links only for those listed: the authority using nothing is not offered one.
    assert page.context["page"].all_count == 10
    assert "/nothing-at-all/give/" not in body


def test_show_all_lists_every_authority_and_links_back(client_for, admin, region):
    page = client_for("admin").get(LIST, {"show": "all"})

    assert slugs(page) == EVERY
    body = page.content.decode()
    assert "Listed below: all 10 authorities the portal knows." in body
    assert f'<a class="govuk-link" href="{LIST}">Show only the authorities' in body
    assert "?show=all" not in body
    assert "/nothing-at-all/give/" in body


@pytest.mark.parametrize(
    "query",
    [
        "?show=",
        "?show=ALL",
        "?show=al",
        "?show=all%20",
        "?show=1",
        "?show=%3Cscript%3E",
        "?show[]=all",
        "?shows=all",
        "?show=" + "a" * 5000,
        "?show=%C3%A9",
        "?page=2&sort=name",
    ],
)
def test_junk_in_the_query_is_the_short_list(client_for, admin, region, query):
    page = client_for("admin").get(LIST + query)

    assert page.status_code == 200
    assert slugs(page) == SHORT_LIST
    assert "<script>" not in page.content.decode()


def test_show_all_given_twice_is_still_every_authority(client_for, admin, region):
    assert slugs(client_for("admin").get(LIST + "?show=junk&show=all")) == EVERY


# --- Who gave the windows, and when -------------------------------------------------------


def test_the_list_says_who_gave_each_authoritys_windows_and_when(client_for, admin, starting):
    admin.first_name, admin.last_name = "Ada", "Lovelace"
    admin.save()
    loaded = LocalAuthorityFactory(slug="loaded", name="Loaded")
    before_history = LocalAuthorityFactory(slug="before-history", name="Before history")
    nameless = UserFactory(email="nameless@example.org", role="regional_admin")
    unnamed = LocalAuthorityFactory(slug="unnamed", name="Unnamed")
    with time_machine.travel(datetime(2026, 11, 2, 10, 0, tzinfo=UTC), tick=False):
        cohort_windows.give_toolkit_windows(authority=starting, user=admin)
        ensure_cohorts(authority=loaded)  # load_region: no person
        ensure_cohorts(authority=before_history)
        cohort_windows.give_toolkit_windows(authority=unnamed, user=nameless)
    Cohort.history.filter(authority_id=before_history.pk).delete()

    page = client_for("admin").get(LIST)

    rows = {row.authority.slug: row for row in page.context["rows"]}
    assert rows["reading"].given.by == "Ada Lovelace"
    assert rows["reading"].given.on.date() == date(2026, 11, 2)
    assert rows["loaded"].given.by == ""
    assert rows["before-history"].given is None
    assert rows["unnamed"].given.by == "nameless@example.org"
    body = page.content.decode()
    assert "2 November 2026 by Ada Lovelace" in body
    assert "2 November 2026 by someone not recorded" in body
    assert "2 November 2026 by nameless@example.org" in body
    assert ">Not recorded</td>" in body


def test_the_first_windows_given_are_the_ones_shown(admin, starting):
    admin.first_name = "First"
    admin.save()
    later = UserFactory(email="later@example.org", first_name="Later", role="regional_admin")
    with time_machine.travel(datetime(2026, 11, 2, 10, 0, tzinfo=UTC), tick=False):
        cohort_windows.give_toolkit_windows(authority=starting, user=admin)
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=UTC), tick=False):
        seventh = Cohort(
            authority=starting,
            number=7,
            name="Cohort 7",
            start=date(2021, 4, 1),
            end=date(2021, 6, 30),
        )
        seventh._history_user = later
        seventh.save()

    given = cohort_windows.windows_given()[starting.pk]

    assert (given.on.date(), given.by) == (date(2026, 11, 2), "First")


def test_an_authority_without_windows_shows_no_giving(client_for, admin, starting):
    UserFactory(role="authority_analyst", authority=starting)

    page = client_for("admin").get(LIST)

    (row,) = page.context["rows"]
    assert row.given is None
    assert "Not recorded" not in page.content.decode().split("<tbody")[1]


# --- Giving an authority the toolkit's windows ---------------------------------------------


def test_the_confirmation_states_the_toolkit_windows_and_changes_nothing(
    client_for, admin, starting
):
    page = client_for("admin").get(give_url(starting))

    assert page.status_code == 200
    body = page.content.decode()
    assert "Are you sure you want to give Reading the toolkit's cohort windows?" in body
    assert "1 October 2017" in body  # Cohort 1's first day, from COHORT_WINDOWS
    assert "31 March 2020" in body  # Cohort 6's last day
    for window in COHORT_WINDOWS:
        assert window.name in body
    assert 'method="post"' in body
    assert "csrfmiddlewaretoken" in body
    assert not Cohort.objects.exists()


def test_giving_creates_exactly_the_six_toolkit_windows(client_for, admin, starting):
    response = client_for("admin").post(give_url(starting))

    assert response.status_code == 302
    assert response["Location"] == LIST
    windows = list(
        Cohort.objects.filter(authority=starting)
        .order_by("number")
        .values_list("number", "name", "start", "end")
    )
    assert windows == [(w.number, w.name, w.start, w.end) for w in COHORT_WINDOWS]
    assert Cohort.objects.count() == 6


def test_giving_says_so_in_a_banner_on_the_list(client_for, admin, starting):
    page = client_for("admin").post(give_url(starting), follow=True)

    body = page.content.decode()
    assert "govuk-notification-banner--success" in body
    assert "Reading has the toolkit&#x27;s cohort windows now, Cohorts 1 to 6." in body


def test_the_windows_given_are_in_their_history_as_the_admins(client_for, admin, starting):
    client_for("admin").post(give_url(starting))

    history = Cohort.history.filter(authority_id=starting.pk)
    assert history.count() == 6
    assert {entry.history_user_id for entry in history} == {admin.pk}
    assert {entry.history_change_reason for entry in history} == {cohort_windows.GIVEN_REASON}
    assert {entry.history_type for entry in history} == {"+"}


def test_giving_twice_changes_nothing_the_second_time(client_for, admin, starting):
    client = client_for("admin")
    client.post(give_url(starting), follow=True)
    before = list(Cohort.objects.values_list("pk", "start", "end"))

    second = client.post(give_url(starting), follow=True)

    assert list(Cohort.objects.values_list("pk", "start", "end")) == before
    assert Cohort.history.count() == 6
    body = second.content.decode()
    assert "Reading already has cohort windows, so nothing was changed." in body
    assert "govuk-notification-banner--success" not in body


def test_an_authority_with_some_windows_keeps_them_as_they_are(client_for, admin, starting):
    own = Cohort.objects.create(
        authority=starting, number=1, name="Cohort 1", start=date(2021, 4, 1), end=date(2021, 6, 30)
    )

    page = client_for("admin").get(give_url(starting))
    client_for("admin").post(give_url(starting))

    assert "Reading already has cohort windows" in page.content.decode()
    assert 'method="post"' not in page.content.decode()
    assert list(Cohort.objects.all()) == [own]
    own.refresh_from_db()
    assert (own.start, own.end) == (date(2021, 4, 1), date(2021, 6, 30))


def test_an_analyst_of_an_authority_given_windows_may_return_its_first_quarter(admin, starting):
    with pytest.raises(QuarterError, match="Family Safeguarding cohort windows"):
        check_return_quarter(
            "2017-Q4", today=date(2026, 12, 3), first_window=None, authority_name="Reading"
        )

    cohort_windows.give_toolkit_windows(authority=starting, user=admin)

    first = Cohort.objects.filter(authority=starting).order_by("start").first()
    quarter = check_return_quarter(
        "2017-Q4", today=date(2026, 12, 3), first_window=first.start, authority_name="Reading"
    )
    assert str(quarter) == "2017-Q4"


def test_the_region_loaded_again_records_no_history(bracknell):
    ensure_cohorts(authority=bracknell)
    ensure_cohorts(authority=bracknell)

    assert Cohort.history.count() == 6


# --- Who may, and what else is refused ---------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["member", "editor_bracknell", "analyst_bracknell", "regional_analyst"]
)
def test_everyone_but_regional_admins_is_refused(client_for, persona, starting):
    client = client_for(persona)

    assert client.get(LIST).status_code == 403
    assert client.get(give_url(starting)).status_code == 403
    assert client.post(give_url(starting)).status_code == 403
    assert not Cohort.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, starting):
    response = client.post(give_url(starting))

    assert response.status_code == 302
    assert "next=" in response["Location"]
    assert not Cohort.objects.exists()


def test_the_service_refuses_anyone_but_the_regional_team(editor_bracknell, starting):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        cohort_windows.give_toolkit_windows(authority=starting, user=editor_bracknell)
    assert not Cohort.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(admin, starting):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)

    assert client.post(give_url(starting)).status_code == 403
    assert not Cohort.objects.exists()


@pytest.mark.parametrize("slug", ["no-such-authority", "x" * 500, "reading-"])
def test_an_unknown_authority_is_not_found(client_for, admin, starting, slug):
    client = client_for("admin")
    url = reverse("regional:give-cohort-windows", kwargs={"slug": slug})

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Cohort.objects.exists()


@pytest.mark.parametrize(
    "path", ["/regional/cohort-windows/r%C3%A9ading/give/", "/regional/cohort-windows/a/b/give/"]
)
def test_junk_in_the_address_is_not_found(client_for, admin, path):
    assert client_for("admin").get(path).status_code == 404


def test_only_get_and_post_are_answered(client_for, admin, starting):
    client = client_for("admin")

    assert client.put(give_url(starting)).status_code == 405
    assert client.post(LIST).status_code == 405
    assert not Cohort.objects.exists()


def test_fields_posted_with_the_give_are_ignored(client_for, admin, surrey, starting):
    response = client_for("admin").post(
        give_url(starting), {"authority": "surrey", "number": "99", "start": "9999-99-99"}
    )

    assert response.status_code == 302
    assert sorted(Cohort.objects.values_list("authority__slug", "number")) == [
        ("reading", n) for n in range(1, 7)
    ]


def test_a_nul_character_posted_is_a_bad_request_that_gives_nothing(client_for, admin, starting):
    response = client_for("admin").post(give_url(starting), {"authority": "\x00"})

    assert response.status_code == 400
    assert not Cohort.objects.exists()


# --- Where the way in is -----------------------------------------------------------------


def test_the_regional_start_page_links_the_cohort_windows_page(client_for, admin, starting):
    UserFactory(email="analyst@reading.example.org", role="authority_analyst", authority=starting)

    body = client_for("admin").get(reverse("regional:home")).content.decode()

    assert f'href="{LIST}"' in body
    assert "1 authority has analysts or returns but no cohort windows." in body


def test_the_upload_refusal_points_at_the_regional_page():
    with pytest.raises(QuarterError) as refused:
        check_return_quarter(
            "2018-Q1", today=date(2026, 12, 3), first_window=None, authority_name="Reading"
        )

    message = str(refused.value)
    assert "admin site" not in message
    assert "regional team's pages (Family Safeguarding cohort windows)" in message


def test_an_authority_given_windows_gets_its_dashboard_on_the_kpi_page(client, admin, starting):
    assert "Reading" not in client.get(reverse("kpi:home")).content.decode()

    cohort_windows.give_toolkit_windows(authority=starting, user=admin)

    assert "Reading" in client.get(reverse("kpi:home")).content.decode()

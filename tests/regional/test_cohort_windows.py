"""Family Safeguarding cohort windows on the regional team's pages (issue 22): every
authority with the toolkit's windows it has, and giving an authority with none the
toolkit's six, recorded in the cohorts' history."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kpi.definitions import COHORT_WINDOWS
from kpi.models import Cohort, Submission
from kpi.quarters import QuarterError, check_return_quarter
from kpi.services.toolkit import ensure_cohorts
from regional import cohort_windows
from tests.factories import LocalAuthorityFactory, UserFactory

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


@pytest.mark.parametrize("authorities", [2, 12])
def test_the_list_takes_the_same_queries_however_many_authorities(
    client_for, admin, authorities, django_assert_num_queries
):
    for n in range(authorities):
        authority = LocalAuthorityFactory()
        if n % 2:
            ensure_cohorts(authority=authority)
        UserFactory(role="authority_analyst", authority=authority)
        Submission.objects.create(authority=authority, quarter="2018-Q1", sha256=str(n))
    client = client_for("admin")
    client.get(LIST)  # the session and the user's first reads out of the way

    # The session, the user, and one query for every authority's row.
    with django_assert_num_queries(3):
        page = client.get(LIST)

    assert len(page.context["rows"]) == authorities


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

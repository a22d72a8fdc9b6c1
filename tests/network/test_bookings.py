"""Bookings: the allowance, workshop capacity and waiting lists, cancellation, scoping,
emails and the regional admin's export."""

import csv
import io
import threading

import pytest
from django.core import mail
from django.db import connection

from network import services
from network.models import Booking, Event, WorkshopPlace
from tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db

A = services.AttendeeRequest


def book(event, authority, user, *attendees):
    return services.book_places(
        event=event, authority=authority, attendees=list(attendees), user=user
    )


def test_editor_books_up_to_the_allowance_and_no_further(open_event, editor_bracknell, runs):
    authority = editor_bracknell.authority
    result = book(
        open_event,
        authority,
        editor_bracknell,
        A(
            "Ann One",
            "one@bf.example.org",
            (runs("signs-of-safety", 1), runs("family-safeguarding", 2)),
        ),
        A("Ben Two", "two@bf.example.org"),
    )
    assert result.ok and len(result.bookings) == 2
    refused = book(
        open_event,
        authority,
        editor_bracknell,
        A("Cat Three", "three@bf.example.org"),
        A("Dan Four", "four@bf.example.org"),
    )
    assert refused.problems == ["Bracknell Forest has 1 of its 3 places left; you asked for 2."]
    assert book(open_event, authority, editor_bracknell, A("Cat", "three@bf.example.org")).ok
    assert Booking.objects.filter(local_authority=authority, status="confirmed").count() == 3


def test_full_workshop_run_puts_the_next_attendee_on_its_waiting_list(
    open_event, admin, bracknell, surrey, runs
):
    run = runs("signs-of-safety", 1)
    book(open_event, bracknell, admin, A("One", "1@x.org", (run,)), A("Two", "2@x.org", (run,)))
    result = book(open_event, surrey, admin, A("Three", "3@x.org", (run,)))
    assert [place.status for place in result.waiting] == [WorkshopPlace.Status.WAITING]
    assert run.places.filter(status="confirmed").count() == 2


def test_cancellation_promotes_the_first_on_the_waiting_list(
    open_event, admin, bracknell, surrey, runs
):
    run = runs("signs-of-safety", 1)
    first = book(
        open_event, bracknell, admin, A("One", "1@x.org", (run,)), A("Two", "2@x.org", (run,))
    )
    book(open_event, surrey, admin, A("Three", "3@x.org", (run,)))
    book(open_event, surrey, admin, A("Four", "4@x.org", (run,)))
    promoted = services.cancel_booking(booking=first.bookings[0], user=admin)
    assert [p.booking.attendee_name for p in promoted] == ["Three"]
    statuses = dict(run.places.values_list("booking__attendee_name", "status"))
    assert statuses == {
        "One": "cancelled",
        "Two": "confirmed",
        "Three": "confirmed",
        "Four": "waiting",
    }


def test_booking_choices_must_be_one_workshop_per_run(open_event, editor_bracknell, runs):
    result = book(
        open_event,
        editor_bracknell.authority,
        editor_bracknell,
        A("One", "1@x.org", (runs("signs-of-safety", 1), runs("family-safeguarding", 1))),
    )
    assert result.problems == ["One: choose one workshop for each run."]
    assert not Booking.objects.exists()


def test_editor_cannot_book_for_another_authority(open_event, editor_bracknell, surrey):
    result = book(open_event, surrey, editor_bracknell, A("One", "1@x.org"))
    assert result.problems == ["You cannot book places for this authority."]
    assert not Booking.objects.exists()


def test_a_cancelled_event_takes_no_bookings(conference, admin, bracknell):
    result = book(conference, bracknell, admin, A("One", "1@x.org"))
    assert result.problems == ["Models of Social Work Practice conference is not open for booking."]


def test_booking_and_cancellation_are_emailed(
    open_event, editor_bracknell, runs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = book(
            open_event,
            editor_bracknell.authority,
            editor_bracknell,
            A("Ann One", "ann@bf.example.org", (runs("signs-of-safety", 1),)),
        )
    (message,) = mail.outbox
    assert message.subject == "Place booked: Learning day"
    assert set(message.to) == {"ann@bf.example.org", editor_bracknell.email}
    assert "Signs Of Safety: workshop, run 1: confirmed" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(booking=result.bookings[0], user=editor_bracknell)
    assert mail.outbox[-1].subject == "Place cancelled: Learning day"


# --- Pages ------------------------------------------------------------------------------


def form_data(*attendees):
    data = {}
    for index, (name, email, run_1, run_2) in enumerate(attendees, start=1):
        data[f"attendee-{index}-name"] = name
        data[f"attendee-{index}-email"] = email
        data[f"attendee-{index}-run_1"] = str(run_1.pk) if run_1 else ""
        data[f"attendee-{index}-run_2"] = str(run_2.pk) if run_2 else ""
    return data


def test_editor_books_three_places_on_the_page(client_for, open_event, runs):
    client = client_for("editor_bracknell")
    page = client.get(f"/network/events/{open_event.slug}/book/")
    assert "has <strong>3</strong> of its 3 places left" in page.content.decode()
    sos, fsm = "signs-of-safety", "family-safeguarding"
    response = client.post(
        f"/network/events/{open_event.slug}/book/",
        form_data(
            ("Ann One", "ann@bf.example.org", runs(sos, 1), runs(fsm, 2)),
            ("Ben Two", "ben@bf.example.org", runs(fsm, 1), runs(sos, 2)),
            ("Cat Three", "cat@bf.example.org", runs(sos, 1), None),
        ),
    )
    assert response.status_code == 302
    assert Booking.objects.filter(local_authority__slug="bracknell-forest").count() == 3
    body = client.get(response["Location"]).content.decode()
    assert "3 places booked for Bracknell Forest" in body
    assert "Ann One" in body and "Cat Three" in body


def test_booking_page_shows_errors_without_booking(client_for, open_event, runs):
    client = client_for("editor_bracknell")
    response = client.post(
        f"/network/events/{open_event.slug}/book/",
        form_data(("Ann", "", runs("signs-of-safety", 1), None)),
    )
    assert response.status_code == 400
    assert "Enter the attendee&#x27;s email address" in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("analyst_bracknell", 403),
        ("regional_analyst", 403),
        ("editor_bracknell", 200),
        ("admin", 200),
    ],
)
def test_who_may_book_and_see_bookings(client_for, open_event, persona, expected):
    client = client_for(persona)
    assert client.get(f"/network/events/{open_event.slug}/book/").status_code == expected
    assert client.get(f"/network/events/{open_event.slug}/bookings/").status_code == expected


def test_editor_sees_only_their_authoritys_attendees(client_for, open_event, admin, surrey):
    book(open_event, surrey, admin, A("Surrey Person", "sp@surrey.example.org"))
    surrey_booking = Booking.objects.get()
    client = client_for("editor_bracknell")
    body = client.get(f"/network/events/{open_event.slug}/bookings/").content.decode()
    assert "Surrey Person" not in body
    response = client.post(f"/network/bookings/{surrey_booking.pk}/cancel/")
    assert response.status_code == 404
    surrey_booking.refresh_from_db()
    assert surrey_booking.status == "confirmed"


def test_regional_admin_exports_bookings_as_safe_csv(
    client_for, open_event, admin, bracknell, runs
):
    book(
        open_event,
        bracknell,
        admin,
        A("=HYPERLINK(1)", "x@bf.example.org", (runs("signs-of-safety", 2),)),
    )
    response = client_for("admin").get(f"/network/events/{open_event.slug}/bookings.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["authority", "attendee", "email"]
    assert rows[1][0] == "Bracknell Forest"
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert "run 2 (Confirmed)" in rows[1][4]
    assert (
        client_for("editor_bracknell")
        .get(f"/network/events/{open_event.slug}/bookings.csv")
        .status_code
        == 403
    )


def test_booking_list_query_count_is_flat(
    client_for, open_event, admin, runs, django_assert_max_num_queries
):
    for index in range(3):
        authority = LocalAuthorityFactory()
        book(
            open_event,
            authority,
            admin,
            *[
                A(f"P{index}{n}", f"p{index}{n}@x.org", (runs("signs-of-safety", 1),))
                for n in range(3)
            ],
        )
    client = client_for("admin")
    with django_assert_max_num_queries(14):
        assert client.get(f"/network/events/{open_event.slug}/bookings/").status_code == 200


# --- Concurrency (PostgreSQL: two connections really race) ------------------------------


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_connections_racing_for_the_last_workshop_place_exactly_one_wins(
    open_event, admin, bracknell, surrey, runs
):
    run = runs("signs-of-safety", 1)
    book(open_event, bracknell, admin, A("First", "first@x.org", (run,)))
    barrier = threading.Barrier(2)
    outcomes = []

    def race(authority, email):
        try:
            barrier.wait()
            result = book(open_event, authority, admin, A(email, email, (run,)))
            outcomes.append(result)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=race, args=(bracknell, "a@x.org")),
        threading.Thread(target=race, args=(surrey, "b@x.org")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result.ok for result in outcomes) and len(outcomes) == 2
    assert run.places.filter(status="confirmed").count() == 2
    assert run.places.filter(status="waiting").count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_connections_racing_for_an_authoritys_last_place_exactly_one_wins(
    open_event, admin, bracknell
):
    book(open_event, bracknell, admin, A("One", "1@x.org"), A("Two", "2@x.org"))
    barrier = threading.Barrier(2)
    outcomes = []

    def race(email):
        try:
            barrier.wait()
            outcomes.append(book(open_event, bracknell, admin, A(email, email)))
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(f"{n}@race.org",)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result.ok for result in outcomes) == [False, True]
    assert Booking.objects.filter(event=open_event, local_authority=bracknell).count() == 3
    assert Event.objects.get(pk=open_event.pk).status == Event.Status.OPEN

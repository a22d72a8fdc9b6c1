"""Confirmation cycles (issue 22): what is overdue, confirming, the reminders with a frozen
clock, and what the public pages say."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from models_registry import confirmations
from models_registry.models import ConfirmationReminder, Contact, LocalAuthority
from tests.factories import ContactFactory, UserFactory

pytestmark = pytest.mark.django_db

# Noon in London, so the frozen day is the same in UTC and in the portal's time zone.
MARCH_3_2027 = datetime.datetime(2027, 3, 3, 12, tzinfo=datetime.UTC)


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T12:00:00+00:00"), tick=False)


@pytest.fixture
def contact(bracknell):
    return ContactFactory(local_authority=bracknell, name="Pat Principal")


def test_never_confirmed_is_overdue_and_six_months_later_is_overdue():
    today = datetime.date(2027, 9, 3)
    assert confirmations.is_overdue(None, today=today)
    assert confirmations.is_overdue(datetime.date(2027, 3, 3), today=today)
    assert not confirmations.is_overdue(datetime.date(2027, 3, 4), today=today)


def test_the_period_comes_from_the_setting(settings):
    settings.REGISTRY_CONFIRMATION_MONTHS = 12
    today = datetime.date(2027, 9, 3)
    assert not confirmations.is_overdue(datetime.date(2027, 3, 3), today=today)
    assert confirmations.is_overdue(datetime.date(2026, 9, 3), today=today)


def test_confirming_dates_the_entry_and_every_contact_and_records_it_in_the_history(
    bracknell, contact, editor_bracknell
):
    with at("2027-03-03"):
        done = confirmations.confirm_entry(authority=bracknell, user=editor_bracknell)
    assert done.contacts == 1
    for entry in (LocalAuthority.objects.get(pk=bracknell.pk), Contact.objects.get(pk=contact.pk)):
        assert entry.last_confirmed == datetime.date(2027, 3, 3)
        assert entry.confirmed_by == editor_bracknell
        latest = entry.history.order_by("-history_id").first()
        assert latest.history_change_reason == confirmations.CONFIRMED_REASON
        assert latest.history_user == editor_bracknell


def test_only_overdue_authorities_are_listed_with_their_overdue_contacts(
    bracknell, surrey, contact
):
    ContactFactory(local_authority=surrey, last_confirmed=datetime.date(2027, 1, 10))
    LocalAuthority.objects.filter(pk=surrey.pk).update(last_confirmed=datetime.date(2027, 1, 10))
    listed = confirmations.overdue_by_authority(today=datetime.date(2027, 3, 3))
    assert [(o.authority.name, o.entry_overdue, [c.name for c in o.contacts]) for o in listed] == [
        ("Bracknell Forest", True, ["Pat Principal"])
    ]
    # Six months after Surrey's confirmation, Surrey is overdue too.
    listed = confirmations.overdue_by_authority(today=datetime.date(2027, 7, 10))
    assert [o.authority.name for o in listed] == ["Bracknell Forest", "Surrey"]


def test_an_overdue_contact_alone_makes_its_authority_overdue(bracknell):
    LocalAuthority.objects.filter(pk=bracknell.pk).update(last_confirmed=datetime.date(2027, 3, 1))
    ContactFactory(local_authority=bracknell, name="Old Contact")
    (listed,) = confirmations.overdue_by_authority(today=datetime.date(2027, 3, 3))
    assert not listed.entry_overdue
    assert [c.name for c in listed.contacts] == ["Old Contact"]


# --- Reminders, with a frozen clock --------------------------------------------------------


def test_reminders_go_to_the_authoritys_editors_with_the_link_once_a_period(
    bracknell, surrey, contact, editor_bracknell, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    second = UserFactory(
        email="second.editor@bracknell-forest.example.org",
        role="authority_editor",
        authority=bracknell,
    )
    UserFactory(
        email="gone@bracknell-forest.example.org",
        role="authority_editor",
        authority=bracknell,
        is_active=False,
    )
    UserFactory(
        email="analyst@bracknell-forest.example.org", role="authority_analyst", authority=bracknell
    )
    with at("2027-03-03"):
        call_command("send_confirmation_reminders", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == sorted([editor_bracknell.email, second.email])
    message = mail.outbox[0]
    assert message.subject == "Is Bracknell Forest's entry still correct?"
    assert "https://portal.example.org/authorities/bracknell-forest/confirm/" in message.body
    assert "contact Pat Principal" in message.body
    assert "every 6 months" in message.body
    assert ConfirmationReminder.objects.filter(local_authority=bracknell).count() == 1

    # The next day, and the day before the period ends: nothing more.
    for day in ("2027-03-04", "2027-09-02"):
        with at(day):
            report = confirmations.send_reminders()
        assert report.reminded == {}
        assert report.already_reminded == ["Bracknell Forest"]
    assert len(mail.outbox) == 2
    # A period after the first reminder, still unconfirmed: reminded again.
    with at("2027-09-03"):
        report = confirmations.send_reminders()
    assert list(report.reminded) == ["Bracknell Forest"]
    assert len(mail.outbox) == 4


def test_a_confirmed_authority_is_not_reminded_until_its_period_has_passed(
    bracknell, contact, editor_bracknell
):
    with at("2027-03-03"):
        confirmations.confirm_entry(authority=bracknell, user=editor_bracknell)
    with at("2027-09-02"):
        assert confirmations.send_reminders().reminded == {}
    assert mail.outbox == []
    with at("2027-09-03"):
        report = confirmations.send_reminders()
    assert report.reminded == {"Bracknell Forest": [editor_bracknell.email]}
    assert "last confirmed on 3 March 2027" in mail.outbox[0].body


def test_an_authority_without_editors_is_reported_and_reminded_once_it_has_one(bracknell):
    with at("2027-03-03"):
        out = io.StringIO()
        call_command("send_confirmation_reminders", stdout=out)
    assert "no authority editor to remind: Bracknell Forest" in out.getvalue()
    assert mail.outbox == []
    assert not ConfirmationReminder.objects.exists()
    UserFactory(
        email="new.editor@bracknell-forest.example.org",
        role="authority_editor",
        authority=bracknell,
    )
    with at("2027-03-04"):
        assert list(confirmations.send_reminders().reminded) == ["Bracknell Forest"]


# --- Pages -----------------------------------------------------------------------------------


def test_public_page_says_when_the_authority_last_confirmed_and_when_overdue(
    client, bracknell, editor_bracknell
):
    with at("2027-03-03"):
        assert (
            "Not confirmed since it was listed" in client.get("/authorities/bracknell-forest/").text
        )
        confirmations.confirm_entry(authority=bracknell, user=editor_bracknell)
    with at("2027-09-02"):
        page = client.get("/authorities/bracknell-forest/").text
        assert "Last confirmed by the authority on 3 March 2027" in page
    with at("2027-09-03"):
        page = client.get("/authorities/bracknell-forest/").text
        assert "Not confirmed since 3 March 2027" in page
        assert "Last confirmed by" not in page


def test_contacts_say_when_they_were_last_confirmed(client_for, bracknell, contact, admin):
    with at("2027-03-03"):
        confirmations.confirm_entry(authority=bracknell, user=admin)
        page = client_for("member").get("/authorities/bracknell-forest/").text
    assert page.count("Last confirmed by the regional team on 3 March 2027") == 2


def test_editor_confirms_all_from_the_confirmation_page(client_for, bracknell, contact):
    with at("2027-03-03"):
        # Signed in on the frozen day: a session lasts a working day.
        client = client_for("editor_bracknell")
        page = client.get("/authorities/bracknell-forest/confirm/")
        assert page.status_code == 200
        assert "Is Bracknell Forest's entry still correct?" in page.text
        assert "Pat Principal" in page.text
        refused = client.post("/authorities/bracknell-forest/confirm/", {})
        assert refused.status_code == 400
        assert "Select yes if the entry is still correct" in refused.text
        done = client.post("/authorities/bracknell-forest/confirm/", {"still_correct": "yes"})
    assert done.status_code == 302 and done.url == "/authorities/bracknell-forest/"
    assert LocalAuthority.objects.get(pk=bracknell.pk).last_confirmed == datetime.date(2027, 3, 3)
    assert Contact.objects.get(pk=contact.pk).last_confirmed == datetime.date(2027, 3, 3)


def test_no_sends_the_editor_to_change_the_entry_and_confirms_nothing(client_for, bracknell):
    response = client_for("editor_bracknell").post(
        "/authorities/bracknell-forest/confirm/", {"still_correct": "no"}
    )
    assert response.status_code == 302
    assert response.url == "/your-authority/bracknell-forest/"
    assert LocalAuthority.objects.get(pk=bracknell.pk).last_confirmed is None


def test_another_authoritys_editor_cannot_confirm(client_for, bracknell, surrey):
    from tests.factories import UserFactory as Users

    editor = Users(email="e@surrey.example.org", role="authority_editor", authority=surrey)
    client = client_for("anonymous")
    client.force_login(editor)
    assert (
        client.post("/authorities/bracknell-forest/confirm/", {"still_correct": "yes"}).status_code
        == 403
    )
    assert LocalAuthority.objects.get(pk=bracknell.pk).last_confirmed is None


def test_overdue_page_and_csv_list_entries_and_contacts_by_authority(
    client_for, bracknell, surrey, contact
):
    LocalAuthority.objects.filter(pk=surrey.pk).update(last_confirmed=datetime.date(2027, 3, 1))
    with at("2027-03-03"):
        client = client_for("admin")
        page = client.get("/registry/overdue/")
        download = client.get("/registry/overdue.csv")
    assert page.status_code == 200
    assert "Bracknell Forest" in page.text and "Pat Principal" in page.text
    assert "Surrey" not in page.text
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows == [
        ["authority", "what", "practice_model", "contact", "last_confirmed", "last_reminded"],
        ["Bracknell Forest", "entry", "", "", "", ""],
        ["Bracknell Forest", "contact", contact.practice_model.name, "Pat Principal", "", ""],
    ]
    assert download["Content-Disposition"] == 'attachment; filename="overdue-confirmations.csv"'


def test_overdue_page_is_for_the_regional_team_only(client_for, bracknell):
    for persona in ("member", "editor_bracknell", "analyst_bracknell", "regional_analyst"):
        assert client_for(persona).get("/registry/overdue/").status_code == 403
        assert client_for(persona).get("/registry/overdue.csv").status_code == 403


def test_confirming_moves_the_version_so_a_form_opened_before_cannot_undo_it(
    bracknell, contact, editor_bracknell
):
    from seslip.locking import save_if_unchanged

    opened = LocalAuthority.objects.get(pk=bracknell.pk)
    confirmations.confirm_entry(authority=bracknell, user=editor_bracknell)
    opened.website = "https://stale.example.org"
    assert not save_if_unchanged(opened, read_version=opened.version, apply=lambda a: a.save())
    assert LocalAuthority.objects.get(pk=bracknell.pk).last_confirmed is not None
    assert Contact.objects.get(pk=contact.pk).version == contact.version + 1

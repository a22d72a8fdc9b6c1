"""Reverting a registry change from its history entry, and the regional team's daily digest
of the day's changes (issue 22), for every kind of registry change: children's services and
the evidence library's outcome domains too."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from evidence.models import OutcomeDomain
from models_registry import reverts
from models_registry.models import Adoption, LocalAuthority, RegistryDigest, Service
from tests.factories import (
    AdoptionFactory,
    FindingFactory,
    OutcomeDomainFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def at(moment: str):
    return time_machine.travel(datetime.datetime.fromisoformat(moment), tick=False)


def change(obj, user, reason="Corrected", **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
    return obj.history.order_by("-history_id").first()


def revert_path(record) -> str:
    return f"/registry/changes/{reverts.kind_of(record)}/{record.history_id}/revert/"


def test_regional_admin_reverts_a_change_and_the_revert_is_in_the_history(
    client_for, bracknell, editor_bracknell, admin
):
    record = change(bracknell, editor_bracknell, website="https://wrong.example.org")
    client = client_for("admin")
    page = client.get(revert_path(record))
    assert page.status_code == 200
    assert "https://wrong.example.org" in page.text  # the value now, beside the one restored
    done = client.post(revert_path(record))
    assert done.status_code == 302 and done.url == "/authorities/bracknell-forest/"
    bracknell.refresh_from_db()
    assert bracknell.website == ""
    latest = bracknell.history.order_by("-history_id").first()
    assert latest.history_user == admin
    assert latest.history_change_reason.startswith("Reverted the change of ")
    assert "Reverted the change of" in client.get("/authorities/bracknell-forest/").text


def test_reverting_restores_links_too(bracknell, editor_bracknell, admin):
    early_help, front_door = ServiceFactory(name="Early help"), ServiceFactory(name="Front door")
    with at("2027-03-01T09:00:00+00:00"):
        adoption = AdoptionFactory(local_authority=bracknell, year_started=2014)
        adoption.services.set([early_help])
    with at("2027-03-02T09:00:00+00:00"):
        # One save as a page makes it: the row, then its links (each an entry of its own).
        record = change(adoption, editor_bracknell, year_started=2015)
        adoption.services.set([front_door])
        record = adoption.history.order_by("-history_id").first()
    reverts.revert_change(record=record, user=admin)
    adoption = Adoption.objects.get(pk=adoption.pk)
    assert adoption.year_started == 2014
    assert list(adoption.services.all()) == [early_help]


def test_reverting_a_creation_deletes_and_reverting_that_deletion_creates_it_again(
    bracknell, admin
):
    adoption = AdoptionFactory(local_authority=bracknell, year_started=2016)
    created = adoption.history.order_by("history_id").first()
    assert created.history_type == "+"
    assert reverts.revert_change(record=created, user=admin) is None
    assert not Adoption.objects.filter(pk=adoption.pk).exists()
    deleted = Adoption.history.filter(id=adoption.pk).order_by("-history_id").first()
    assert deleted.history_type == "-"
    assert deleted.history_user == admin
    again = reverts.revert_change(record=deleted, user=admin)
    assert again.pk == adoption.pk and again.year_started == 2016


def test_a_change_to_something_deleted_since_cannot_be_reverted(client_for, bracknell, admin):
    adoption = AdoptionFactory(local_authority=bracknell)
    record = change(adoption, admin, year_started=2011)
    adoption.delete()
    response = client_for("admin").post(revert_path(record))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Revert its deletion first" in response.text


def test_only_the_regional_team_may_revert(client_for, bracknell, editor_bracknell):
    record = change(bracknell, editor_bracknell, website="https://wrong.example.org")
    for persona in ("member", "editor_bracknell", "analyst_bracknell", "regional_analyst"):
        assert client_for(persona).post(revert_path(record)).status_code == 403
    assert client_for("anonymous").post(revert_path(record)).status_code == 302
    bracknell.refresh_from_db()
    assert bracknell.website == "https://wrong.example.org"


def test_unknown_changes_are_not_found(client_for, bracknell):
    client = client_for("admin")
    assert client.get("/registry/changes/user/1/revert/").status_code == 404
    assert client.get("/registry/changes/localauthority/999999/revert/").status_code == 404


def test_revert_links_are_shown_to_the_regional_team_only(client_for, bracknell, editor_bracknell):
    record = change(bracknell, editor_bracknell, website="https://wrong.example.org")
    assert revert_path(record) in client_for("admin").get("/authorities/bracknell-forest/").text
    for persona in ("anonymous", "member", "editor_bracknell"):
        page = client_for(persona).get("/authorities/bracknell-forest/").text
        assert revert_path(record) not in page


# --- The daily digest --------------------------------------------------------------------------


@pytest.fixture
def changes_on_march_3(bracknell, editor_bracknell):
    with at("2027-03-03T09:30:00+00:00"):
        change(bracknell, editor_bracknell, reason="New website", website="https://bf.example.org")
    with at("2027-03-04T09:30:00+00:00"):
        change(bracknell, editor_bracknell, reason="Next day", context="Next day's context")
    return bracknell


def test_digest_lists_the_days_changes_with_who_why_and_links(changes_on_march_3, admin, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    UserFactory(email="second.admin@example.org", role="regional_admin")
    UserFactory(email="former.admin@example.org", role="regional_admin", is_active=False)
    with at("2027-03-04T06:00:00+00:00"):
        call_command("send_registry_digest", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.org", "second.admin@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Registry changes on 3 March 2027: 1"
    record = changes_on_march_3.history.get(history_change_reason="New website")
    assert message.body.splitlines()[:7] == [
        "Changes to the South East Practice Models Portal's registry on 3 March 2027: 1.",
        "",
        "1. Local authority: Bracknell Forest",
        "   Changed: New website",
        "   By An authority editor, Bracknell Forest, 3 March 2027 at 9:30am",
        "   See it: https://portal.example.org/authorities/bracknell-forest/",
        f"   Revert it: https://portal.example.org{revert_path(record)}",
    ]
    assert "Next day" not in message.body


def test_digest_is_sent_once_per_day(changes_on_march_3, admin):
    for _run in range(2):
        call_command("send_registry_digest", day="2027-03-03", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert RegistryDigest.objects.get(day=datetime.date(2027, 3, 3)).changes == 1


def test_a_day_without_changes_sends_nothing(bracknell, admin):
    out = io.StringIO()
    call_command("send_registry_digest", day="2027-05-01", stdout=out)
    assert mail.outbox == []
    assert "0 changes on 2027-05-01; nothing sent." in out.getvalue()


def test_digest_refuses_a_day_that_is_not_a_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--day"):
        call_command("send_registry_digest", day="yesterday", stdout=io.StringIO())


def test_revert_is_in_the_history_and_so_in_the_digest(bracknell, editor_bracknell, admin):
    with at("2027-03-03T09:30:00+00:00"):
        record = change(bracknell, editor_bracknell, website="https://wrong.example.org")
    with at("2027-03-03T10:00:00+00:00"):
        reverts.revert_change(record=record, user=admin)
    call_command("send_registry_digest", day="2027-03-03", stdout=io.StringIO())
    assert "Changed: Reverted the change of 3 March 2027 at 9:30am" in mail.outbox[0].body
    assert LocalAuthority.objects.get(pk=bracknell.pk).website == ""


def test_reverting_a_change_keeps_later_changes_to_other_fields(bracknell, editor_bracknell, admin):
    with at("2027-03-01T09:00:00+00:00"):
        record = change(bracknell, editor_bracknell, website="https://wrong.example.org")
    with at("2027-03-02T09:00:00+00:00"):
        change(bracknell, editor_bracknell, context="A later, unrelated change")
    plan = reverts.plan_revert(record)
    assert [(d.field, d.now, d.after) for d in plan.differences] == [
        ("Website", "https://wrong.example.org", "(empty)")
    ]
    reverts.revert_change(record=record, user=admin)
    bracknell.refresh_from_db()
    assert (bracknell.website, bracknell.context) == ("", "A later, unrelated change")


# --- Children's services and outcome domains -----------------------------------------------

#: kind: (factory, a field, its value before the change, after it, what the kind is called,
#: the public page that shows it)
LISTS = {
    "service": (ServiceFactory, "position", 10, 15, "Children's service", "/models/"),
    "outcomedomain": (
        OutcomeDomainFactory,
        "short_name",
        "Care",
        "In care",
        "Outcome domain",
        "/evidence/",
    ),
}


def test_changes_to_a_childrens_service_and_an_outcome_domain_are_in_that_days_digest(
    admin, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    service = ServiceFactory(name="Early help")
    domain = OutcomeDomainFactory(name="Children entering care", short_name="Care")
    with at("2027-03-03T09:30:00+00:00"):
        renamed = change(service, admin, reason="Renamed by the regional team", name="Help")
    with at("2027-03-03T10:15:00+00:00"):
        shortened = change(domain, admin, reason="Shorter heading", short_name="In care")
    with at("2027-03-04T09:30:00+00:00"):
        change(service, admin, reason="Next day", position=5)
    call_command("send_registry_digest", day="2027-03-03", stdout=io.StringIO())
    [message] = mail.outbox
    assert message.subject == "Registry changes on 3 March 2027: 2"
    base = "https://portal.example.org"
    assert message.body.splitlines()[2:14] == [
        "1. Children's service: Help",
        "   Changed: Renamed by the regional team",
        "   By The regional team, 3 March 2027 at 9:30am",
        f"   See it: {base}/models/",
        f"   Revert it: {base}/registry/changes/service/{renamed.history_id}/revert/",
        "",
        "2. Outcome domain: Children entering care",
        "   Changed: Shorter heading",
        "   By The regional team, 3 March 2027 at 10:15am",
        f"   See it: {base}/evidence/",
        f"   Revert it: {base}/registry/changes/outcomedomain/{shortened.history_id}/revert/",
        "",
    ]
    assert "Next day" not in message.body


@pytest.mark.parametrize("kind", LISTS)
def test_regional_admin_reverts_a_change_to_a_list_entry_and_the_revert_is_in_its_history(
    client_for, admin, kind
):
    factory, field, before, after, called, page_url = LISTS[kind]
    entry = factory(**{field: before})
    with at("2027-03-03T09:30:00+00:00"):
        record = change(entry, admin, **{field: after})
    version = type(entry).objects.get(pk=entry.pk).version
    client = client_for("admin")
    page = client.get(revert_path(record))
    assert page.status_code == 200
    assert f"{called}: {entry.name}" in page.text.replace("&#x27;", "'")
    assert "Revert this change" in page.text and str(after) in page.text
    done = client.post(revert_path(record))
    assert done.status_code == 302 and done.url == page_url
    entry = type(entry).objects.get(pk=entry.pk)
    assert getattr(entry, field) == before
    assert entry.version == version + 1  # a form opened before the revert is refused
    latest = entry.history.order_by("-history_id").first()
    assert latest.history_user == admin
    assert latest.history_change_reason == "Reverted the change of 3 March 2027 at 9:30am"


def test_reverting_a_childrens_services_creation_deletes_it_and_that_can_be_reverted(
    client_for, admin
):
    service = ServiceFactory(name="Front door")
    client = client_for("admin")
    created = service.history.get()
    page = client.get(revert_path(created)).text.replace("&#x27;", "'")
    assert "This change created the children's service." in page
    assert client.post(revert_path(created)).url == "/models/"
    assert not Service.objects.filter(pk=service.pk).exists()
    deleted = Service.history.filter(id=service.pk).order_by("-history_id").first()
    assert deleted.history_type == "-" and deleted.history_user == admin
    assert client.post(revert_path(deleted)).url == "/models/"
    assert Service.objects.get(pk=service.pk).name == "Front door"


def test_an_outcome_domain_findings_are_filed_under_is_not_deleted_by_a_revert(client_for, admin):
    domain = OutcomeDomainFactory()
    FindingFactory(outcome_domain=domain)
    response = client_for("admin").post(revert_path(domain.history.get()))
    assert response.status_code == 200
    assert "Other records depend on it (findings), so it cannot be deleted." in response.text
    assert OutcomeDomain.objects.filter(pk=domain.pk).exists()


def test_a_service_an_adoption_uses_is_not_deleted_by_a_revert_nor_its_link_dropped(
    client_for, bracknell, admin
):
    service = ServiceFactory(name="Early help")
    adoption = AdoptionFactory(local_authority=bracknell)
    adoption.services.set([service])
    client = client_for("admin")
    created = service.history.get()
    page = client.get(revert_path(created)).text
    assert "Other records depend on it (adoptions), so it cannot be deleted." in page
    response = client.post(revert_path(created))
    assert response.status_code == 200
    assert "Other records depend on it (adoptions), so it cannot be deleted." in response.text
    assert list(adoption.services.all()) == [service]

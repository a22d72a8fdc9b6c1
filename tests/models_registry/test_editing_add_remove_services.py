"""Adding an adoption or a contact to an authority's entry and removing one
(models_registry/editing/services.py: add_row, remove_row): with where it comes from, in
the history and the day's digest, refused when stale, and revertible by a regional admin."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from models_registry import digest, reverts
from models_registry.editing.services import Provenance, add_row, remove_row
from models_registry.models import Adoption, AuthorityStatement, Contact, Service
from sources.models import Citation
from tests.factories import (
    AdoptionFactory,
    ContactFactory,
    PracticeModelFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def model():
    return PracticeModelFactory(name="Family Safeguarding", slug="family-safeguarding")


def test_an_added_adoption_cites_its_source_for_each_stated_field(
    bracknell, model, editor_bracknell
):
    source = SourceFactory(key="bf-report", title="Bracknell Forest's annual report")
    service = Service.objects.create(name="Children in need", slug="children-in-need")
    adoption = add_row(
        authority=bracknell,
        model=Adoption,
        values={
            "practice_model": model,
            "role": Adoption.Role.ONLY_OR_PRIMARY,
            "status": Adoption.Status.EMBEDDED,
            "year_started": 2017,
            "started_note": "",
            "services": [service],
        },
        provenance=Provenance(source=source, locator="p 4", by=editor_bracknell),
    )
    assert list(adoption.services.all()) == [service]
    cited = set(Citation.objects.filter(object_id=adoption.pk).values_list("field", flat=True))
    assert cited == {"practice_model", "role", "status", "year_started", "services"}
    record = adoption.history.get(history_type="+")
    assert record.history_user == editor_bracknell
    assert record.history_change_reason == ("Added; source: Bracknell Forest's annual report, p 4")


def test_an_added_contact_stated_by_the_authority_is_its_own_report(
    bracknell, model, editor_bracknell
):
    contact = add_row(
        authority=bracknell,
        model=Contact,
        values={"practice_model": model, "name": "Sam Jones", "role": "", "email": ""},
        provenance=Provenance(source=None, locator="", by=editor_bracknell),
    )
    statements = AuthorityStatement.objects.filter(object_id=contact.pk)
    assert {s.field for s in statements} == {"practice_model", "name"}
    assert {s.stated_by_role for s in statements} == {"Authority editor"}
    reason = contact.history.get(history_type="+").history_change_reason
    assert reason.startswith("Added; stated by the authority (authority editor) on ")


def test_a_second_adoption_of_the_same_model_is_refused(bracknell, model, editor_bracknell):
    AdoptionFactory(local_authority=bracknell, practice_model=model)
    with pytest.raises(ValidationError):
        add_row(
            authority=bracknell,
            model=Adoption,
            values={"practice_model": model, "role": Adoption.Role.ALONGSIDE},
            provenance=Provenance(source=None, locator="", by=editor_bracknell),
        )
    assert Adoption.objects.count() == 1
    assert AuthorityStatement.objects.count() == 0


def test_a_removal_is_in_the_history_and_the_days_digest(bracknell, model, editor_bracknell):
    contact = ContactFactory(local_authority=bracknell, practice_model=model, name="Sam Jones")
    pk = contact.pk
    assert remove_row(row=contact, read_version=contact.version, by=editor_bracknell)
    assert not Contact.objects.filter(pk=pk).exists()
    record = Contact.history.get(id=pk, history_type="-")
    assert record.history_user == editor_bracknell
    assert record.history_change_reason.startswith("Removed; stated by the authority")
    entries = digest.changes_on(timezone.localdate())
    assert any(
        entry.action == "Deleted" or "Removed" in entry.reason
        for entry in entries
        if "Sam Jones" in entry.what
    )


def test_a_stale_removal_removes_nothing(bracknell, model, editor_bracknell):
    contact = ContactFactory(local_authority=bracknell, practice_model=model)
    Contact.objects.filter(pk=contact.pk).update(version=3)
    assert not remove_row(row=contact, read_version=1, by=editor_bracknell)
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert not Contact.history.filter(id=contact.pk, history_type="-").exists()


def test_a_regional_admin_reverts_a_removed_contact(bracknell, model, editor_bracknell, admin):
    contact = ContactFactory(
        local_authority=bracknell, practice_model=model, name="Sam Jones", role="Head of service"
    )
    pk = contact.pk
    remove_row(row=contact, read_version=contact.version, by=editor_bracknell)
    record = Contact.history.get(id=pk, history_type="-")
    restored = reverts.revert_change(record=record, user=admin)
    assert restored is not None and restored.pk == pk
    assert (restored.name, restored.role) == ("Sam Jones", "Head of service")


def test_a_regional_admin_reverts_a_removed_adoption_with_its_services(
    bracknell, model, editor_bracknell, admin
):
    service = Service.objects.create(name="Children in need", slug="children-in-need")
    adoption = AdoptionFactory(local_authority=bracknell, practice_model=model, year_started=2017)
    adoption.services.set([service])
    pk = adoption.pk
    remove_row(row=adoption, read_version=adoption.version, by=editor_bracknell)
    assert not Adoption.objects.filter(pk=pk).exists()
    record = Adoption.history.get(id=pk, history_type="-")
    assert reverts.revert_change(record=record, user=admin) is not None
    restored = Adoption.objects.get(pk=pk)
    assert restored.year_started == 2017
    assert list(restored.services.all()) == [service]


def _cite(row, source, field: str, locator: str) -> Citation:
    return Citation.objects.create(subject=row, source=source, field=field, locator=locator)


def test_reverting_a_removed_adoption_brings_back_its_citations(
    bracknell, model, editor_bracknell, admin
):
    source = SourceFactory(key="bf-report", title="Bracknell Forest's annual report")
    adoption = AdoptionFactory(local_authority=bracknell, practice_model=model, year_started=2017)
    _cite(adoption, source, "", "§1")
    _cite(adoption, source, "year_started", "p 4")
    pk = adoption.pk
    remove_row(row=adoption, read_version=adoption.version, by=editor_bracknell)
    assert not Citation.objects.filter(object_id=pk, source=source).exists()
    record = Adoption.history.get(id=pk, history_type="-")
    plan = reverts.plan_revert(record)
    assert any(d.field == "Citations" and "p 4" in d.after for d in plan.differences)
    reverts.revert_change(record=record, user=admin)
    restored = Adoption.objects.get(pk=pk)
    assert sorted(restored.citations.values_list("field", "locator")) == [
        ("", "§1"),
        ("year_started", "p 4"),
    ]


def test_reverting_a_removed_contact_brings_back_its_citations_once(
    bracknell, model, editor_bracknell, admin
):
    source = SourceFactory(key="bf-report", title="Bracknell Forest's annual report")
    contact = ContactFactory(local_authority=bracknell, practice_model=model, name="Sam Jones")
    _cite(contact, source, "role", "p 9")
    pk = contact.pk
    remove_row(row=contact, read_version=contact.version, by=editor_bracknell)
    reverts.revert_change(record=Contact.history.get(id=pk, history_type="-"), user=admin)
    assert list(Contact.objects.get(pk=pk).citations.values_list("field", "locator")) == [
        ("role", "p 9")
    ]
    # removed and brought back again: the citation once, not twice
    contact = Contact.objects.get(pk=pk)
    remove_row(row=contact, read_version=contact.version, by=editor_bracknell)
    record = Contact.history.filter(id=pk, history_type="-").latest("history_id")
    reverts.revert_change(record=record, user=admin)
    assert Contact.objects.get(pk=pk).citations.count() == 1

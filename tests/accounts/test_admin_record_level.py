"""Record-level cohort data never reaches the admin site (issue 16, finding 1).

The tests walk every ModelAdmin registered on the admin site, not a hand-kept list, over a
database holding a real accepted cohort import (families, people, referrals, plans,
previous plans, periods of care, measures) and a rejected file's error report, and look for
any trace of those rows in every changelist, add, change, delete and history page.
"""

import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.db.models import ForeignKey, OneToOneField
from django.urls import reverse

from accounts.models import AccessLog
from kpi.models import Family, Person, Submission
from models_registry.models import Contact, LocalAuthority
from seslip.access import is_record_level_model, record_level_models
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

RECORD_LEVEL = sorted(record_level_models(), key=lambda model: model._meta.label)
REJECTED_FILE = "rule_bad_category_of_need.csv"


class NamedBytes(io.BytesIO):
    def __init__(self, content: bytes, name: str):
        super().__init__(content)
        self.name = name


@pytest.fixture
def cohort_data(settings, tmp_path, bracknell, analyst_bracknell):
    """An accepted generated cohort for Bracknell Forest and a rejected file with an error
    report; returns every string that would betray a record-level row if shown."""
    from pathlib import Path

    from kpi.generator import CohortGenerator, write_csv
    from kpi.quarters import Quarter
    from kpi.services.imports import import_submission
    from kpi.services.toolkit import ensure_cohorts

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.KPI_KEY_SECRET = "test-kpi-key-secret"
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_cohorts(authority=bracknell)
    text = io.StringIO()
    write_csv(
        CohortGenerator(
            authority_slug="bracknell-forest",
            quarter=Quarter.parse("2018-Q1"),
            families=12,
            seed=16,
        ).rows(),
        text,
    )
    accepted = import_submission(
        authority=bracknell,
        quarter="2018-Q1",
        file=NamedBytes(text.getvalue().encode(), "bracknell-secret-cohort.csv"),
        user=analyst_bracknell,
    )
    assert accepted.outcome == "accepted", accepted
    rejected_bytes = (Path(__file__).parents[1] / "kpi" / "files" / REJECTED_FILE).read_bytes()
    rejected = import_submission(
        authority=bracknell,
        quarter="2018-Q2",
        file=NamedBytes(rejected_bytes, "bracknell-rejected.csv"),
        user=analyst_bracknell,
    )
    assert rejected.outcome == "rejected", rejected
    for model in RECORD_LEVEL:
        assert model.objects.exists(), f"the fixture holds no {model.__name__} rows"
    markers = set()
    for model in RECORD_LEVEL:
        for row in model.objects.all():
            markers.add(str(row))
            key_hash = getattr(row, "key_hash", "")
            if key_hash:
                markers.add(key_hash)
    for submission in Submission.objects.all():
        markers.update({submission.file_name, submission.sha256})
        markers.update(
            str(problem["value"]) for problem in submission.problems if problem.get("value")
        )
    markers.discard("")
    return markers


def admin_urls(model_admin: admin.ModelAdmin) -> list[str]:
    """The changelist and add pages, and each object's change, delete and history page."""
    prefix = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    urls = [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
    for obj in model_admin.model._default_manager.all():
        for view in ("change", "delete", "history"):
            urls.append(reverse(f"{prefix}_{view}", args=[obj.pk]))
    return urls


def leaks(body: str, markers: set[str]) -> list[str]:
    return sorted(marker for marker in markers if marker in body)


def test_no_record_level_model_is_registered_on_the_admin_site():
    registered = [model for model in admin.site._registry if is_record_level_model(model)]
    assert registered == []


@pytest.mark.parametrize("model", RECORD_LEVEL, ids=lambda model: model.__name__)
def test_the_admin_site_refuses_to_register_a_record_level_model(model):
    site = type(admin.site)()  # the project's admin site class, not its registry
    with pytest.raises(ImproperlyConfigured, match="record-level"):
        site.register(model)
    assert not site.is_registered(model)


def test_every_model_that_points_at_record_level_rows_is_record_level_itself():
    """A new table of per-person rows (with a link to a family or person, or a keyed hash)
    cannot be forgotten in KpiConfig.record_level_models."""
    for model in apps.get_models():
        links = [
            field.related_model
            for field in model._meta.get_fields()
            if isinstance(field, ForeignKey | OneToOneField) and field.concrete
        ]
        has_hash = any(field.name == "key_hash" for field in model._meta.get_fields())
        if has_hash or any(is_record_level_model(related) for related in links):
            assert is_record_level_model(model), model._meta.label


@pytest.mark.parametrize("persona", ["admin_user"])
def test_no_admin_page_shows_any_trace_of_record_level_rows(client, request, cohort_data, persona):
    client.force_login(request.getfixturevalue(persona))
    problems = []
    for model_admin in admin.site._registry.values():
        for url in admin_urls(model_admin):
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), url
            found = leaks(response.content.decode(), cohort_data)
            if found:
                problems.append(f"{url}: {found[:3]}")
    assert problems == []


def test_no_delete_of_any_registered_object_lists_record_level_rows(rf, admin_user, cohort_data):
    """Every ModelAdmin's cascade listing, for every object in the database."""
    request = rf.get("/admin/")
    request.user = admin_user
    problems = []
    for model_admin in admin.site._registry.values():
        for obj in model_admin.model._default_manager.all():
            listing = model_admin.get_deleted_objects([obj], request)
            found = leaks(repr(listing), cohort_data)
            if found:
                problems.append(f"{model_admin.opts.label} #{obj.pk}: {found[:3]}")
    assert problems == []


def authority_with_cohort_data():
    return LocalAuthority.objects.get(slug="bracknell-forest")


def test_deleting_what_record_level_rows_hang_from_is_refused_without_listing_them(
    client, admin_user, cohort_data
):
    """An authority: record-level rows hang from it (a cohort is never deleted in the
    admin site at all; see the read-only test below)."""
    target = authority_with_cohort_data()
    opts = type(target)._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[target.pk])
    client.force_login(admin_user)
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Cannot delete" in body
    assert "Record-level cohort data" in body
    assert leaks(body, cohort_data) == []
    counts = {m: m.objects.count() for m in RECORD_LEVEL}
    client.post(url, {"post": "yes"})
    assert type(target).objects.filter(pk=target.pk).exists()
    assert {m: m.objects.count() for m in RECORD_LEVEL} == counts


def test_the_bulk_delete_action_refuses_too(client, admin_user, cohort_data):
    authorities = LocalAuthority.objects.filter(kpi_cohorts__families__isnull=False).distinct()
    assert authorities.exists()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:models_registry_localauthority_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [a.pk for a in authorities],
            "post": "yes",
        },
    )
    assert response.status_code == 200
    assert "Record-level cohort data" in response.content.decode()
    assert leaks(response.content.decode(), cohort_data) == []
    assert Family.objects.exists()
    assert LocalAuthority.objects.filter(pk__in=[a.pk for a in authorities]).count() == (
        authorities.count()
    )


@pytest.mark.parametrize("model", ["indicatordefinition", "fielddefinition", "cohort"])
def test_the_toolkits_definitions_and_cohorts_are_read_only_in_the_admin(
    client, admin_user, cohort_data, model
):
    """They are the toolkit's data, loaded from kpi/definitions.py: shown, never edited."""
    from django.apps import apps

    from kpi.services.toolkit import load_definitions

    load_definitions()
    target = apps.get_model("kpi", model).objects.first()
    client.force_login(admin_user)
    change = reverse(f"admin:kpi_{model}_change", args=[target.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    before = {f.name: getattr(target, f.attname) for f in target._meta.concrete_fields}
    assert client.post(change, {"name": "Changed by hand", "title": "x"}).status_code == 403
    target.refresh_from_db()
    assert {f.name: getattr(target, f.attname) for f in target._meta.concrete_fields} == before
    assert client.get(reverse(f"admin:kpi_{model}_add")).status_code == 403
    assert client.get(reverse(f"admin:kpi_{model}_delete", args=[target.pk])).status_code == 403
    changelist = client.get(reverse(f"admin:kpi_{model}_changelist")).content.decode()
    assert "delete_selected" not in changelist


# --- Submissions: metadata only, no delete, every read logged ---------------------------


@pytest.mark.parametrize("persona", ["admin_user"])
def test_submission_admin_shows_authority_quarter_status_and_dates_only(
    client, request, cohort_data, persona
):
    submission = Submission.objects.get(status="accepted")
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("admin:kpi_submission_changelist"),
        reverse("admin:kpi_submission_change", args=[submission.pk]),
    ):
        body = client.get(url).content.decode()
        assert "Bracknell Forest" in body
        assert "2018-Q1" in body
        for hidden in (
            "bracknell-secret-cohort.csv",
            submission.sha256,
            "Row count",
            "Person count",
        ):
            assert hidden not in body, (url, hidden)
        for number in (submission.row_count, submission.family_count, submission.person_count):
            assert f">{number}<" not in body, (url, number)


@pytest.mark.parametrize("persona", ["admin_user"])
def test_nobody_deletes_a_submission_in_the_admin(client, request, cohort_data, persona):
    submission = Submission.objects.get(status="accepted")
    client.force_login(request.getfixturevalue(persona))
    url = reverse("admin:kpi_submission_delete", args=[submission.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:kpi_submission_changelist")).content.decode()
    assert "delete_selected" not in changelist
    client.post(
        reverse("admin:kpi_submission_changelist"),
        {"action": "delete_selected", "_selected_action": [submission.pk], "post": "yes"},
    )
    assert Submission.objects.filter(pk=submission.pk).exists()
    assert Person.objects.filter(submission=submission).exists()


def test_admin_reads_of_submissions_are_in_the_access_log(
    client, admin_user, cohort_data, bracknell
):
    submission = Submission.objects.get(status="accepted")
    client.force_login(admin_user)
    change = reverse("admin:kpi_submission_change", args=[submission.pk])
    changelist = reverse("admin:kpi_submission_changelist")
    client.get(changelist)
    client.get(change)
    entries = AccessLog.objects.filter(user=admin_user).order_by("pk")
    assert [(entry.target, entry.authority) for entry in entries] == [
        (changelist, bracknell),
        (change, bracknell),
    ]


# --- Deletes in the admin site are logged -----------------------------------------------


def test_an_admin_delete_of_a_registry_entry_is_in_the_access_log(client, admin_user, bracknell):
    contact = ContactFactory(local_authority=bracknell, name="Jo Example")
    client.force_login(admin_user)
    url = reverse("admin:models_registry_contact_delete", args=[contact.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    entry = AccessLog.objects.get(user=admin_user)
    assert entry.action == AccessLog.Action.ADMIN_DELETE
    assert entry.authority == bracknell
    assert f"models_registry.contact #{contact.pk}" in entry.target
    assert "Jo Example" in entry.target


def test_a_bulk_admin_delete_logs_each_object(client, admin_user, bracknell):
    contacts = ContactFactory.create_batch(2, local_authority=bracknell)
    client.force_login(admin_user)
    client.post(
        reverse("admin:models_registry_contact_changelist"),
        {"action": "delete_selected", "_selected_action": [c.pk for c in contacts], "post": "yes"},
    )
    assert not Contact.objects.filter(pk__in=[c.pk for c in contacts]).exists()
    assert AccessLog.objects.filter(action=AccessLog.Action.ADMIN_DELETE).count() == 2

"""The reference group's entries cite the sources catalogue, as every other fact does (issue
19: "Cite sources as the portal does for every other fact"; docs/adr/0008)."""

import importlib
import shutil

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from network import region_data
from network.models import (
    Action,
    Attendance,
    Decision,
    Event,
    Meeting,
    Member,
    MinuteSection,
    ReferenceGroup,
    Resource,
    Session,
    WorkshopRun,
)
from sources import services as catalogue
from sources.datafiles import DataFileInvalid, valid_locator
from sources.models import Citation

pytestmark = pytest.mark.django_db

MINUTES = "seslip-reference-group-2020"
REPORT = "seslip-models-of-social-work-practice-2020"
CITED_MODELS = (
    ReferenceGroup, Member, Meeting, MinuteSection, Attendance, Decision, Action, Event,
    Session, WorkshopRun, Resource,
)  # fmt: skip


def cited(row) -> list[tuple[str, str, str]]:
    return [(c.source.key, c.locator, c.field) for c in row.citations.all()]


@pytest.mark.parametrize("model", CITED_MODELS, ids=lambda model: model.__name__)
def test_every_loaded_entry_cites_a_catalogue_source_at_a_valid_place(network_data, model):
    rows = list(model.objects.prefetch_related("citations__source"))
    assert rows
    for row in rows:
        citations = row.citations.all()
        assert citations, row
        assert all(valid_locator(c.locator) for c in citations), cited(row)


def test_attendance_cites_the_minutes_lists_and_actions_their_next_step(meeting):
    attended = meeting.attendance.filter(kind="attended").first()
    apologies = meeting.attendance.filter(kind="apologies").first()
    assert cited(attended) == [(MINUTES, "minutes §1", "")]
    assert cited(apologies) == [(MINUTES, "minutes §2", "")]
    assert cited(meeting.actions.get(number=4)) == [(MINUTES, "minutes §6.4", "")]
    assert cited(meeting.sections.get(number=5)) == [(MINUTES, "minutes §5", "")]


def test_the_cancellation_is_cited_to_the_reports_foreword_for_the_status(conference):
    assert cited(conference) == [
        (MINUTES, "minutes §3, minutes §5", ""),
        (REPORT, "foreword", "status"),
    ]
    assert [c.locator for c in conference.entry_citations] == ["minutes §3, minutes §5"]


def test_reloading_keeps_the_same_citations(network_data):
    before = sorted(Citation.objects.values_list("pk", flat=True))
    region_data.load()
    assert sorted(Citation.objects.values_list("pk", flat=True)) == before


@pytest.fixture
def data_copy(tmp_path):
    shutil.copytree(region_data.DATA_DIR, tmp_path, dirs_exist_ok=True)
    return tmp_path


def test_a_citation_of_an_unknown_source_fails_with_file_line_and_field(registry_rows, data_copy):
    path = data_copy / "events.toml"
    text = path.read_text()
    path.write_text(text.replace('at = "foreword"', 'at = "foreword", for = "x"', 1))
    path.write_text(path.read_text().replace(f'source = "{REPORT}"', 'source = "seed-001"', 1))
    line = next(
        number
        for number, content in enumerate(path.read_text().splitlines(), start=1)
        if "seed-001" in content
    )
    with pytest.raises(DataFileInvalid) as raised:
        region_data.load(data_dir=data_copy)
    assert [str(error) for error in raised.value.errors] == [
        f"events.toml, line {line}, field 'status_cite': unknown source 'seed-001'"
    ]
    assert not Event.objects.exists()  # nothing is kept from a failed load


def test_an_entry_without_a_citation_or_with_a_made_up_locator_fails(registry_rows, data_copy):
    path = data_copy / "resources.toml"
    lines = path.read_text().splitlines()
    first_cite = next(n for n, line in enumerate(lines) if line.startswith("cite = "))
    del lines[first_cite]
    path.write_text("\n".join(lines) + "\n")
    group = data_copy / "reference_group.toml"
    group.write_text(group.read_text().replace('at = "minutes §6.1"', 'at = "next steps"'))
    with pytest.raises(DataFileInvalid) as raised:
        region_data.load(data_dir=data_copy)
    messages = [str(error) for error in raised.value.errors]
    assert len(messages) == 2
    assert messages[0].startswith("reference_group.toml, line ")
    assert "field 'cite': locator 'next steps'" in messages[0]
    first_entry = lines.index("[[resource]]") + 1  # the table whose citation was deleted
    assert messages[1] == (
        f"resources.toml, line {first_entry}, field 'cite': a fact needs at least one citation"
    )


def test_pages_link_each_citation_to_its_source_page(client_for, meeting, conference):
    client = client_for("member")
    body = client.get(f"/network/meetings/{meeting.slug}/").content.decode()
    link = f'<a class="govuk-link" href="/sources/{MINUTES}/">'
    assert (
        f"{link}SESLIP Models of Social Work Practice Reference Group Meeting</a>, minutes §6.1"
        in body
    )
    for locator in ("minutes §1", "minutes §2", "minutes §3", "minutes §4", "minutes §6.6"):
        assert f"Reference Group Meeting</a>, {locator}" in body, locator
    group = client.get("/network/").content.decode()
    assert f"{link}SESLIP Models of Social Work Practice Reference Group Meeting</a>, " in group
    event = client.get(conference.get_absolute_url()).content.decode()
    assert "Reference Group Meeting</a>, minutes §5" in event  # the programme


def test_the_api_gives_citation_objects_for_every_part_of_a_meeting(client_for, meeting):
    data = client_for("member").get("/api/v1/network/meetings/2020-02-19/").json()
    expected = {
        "source": MINUTES,
        "title": "SESLIP Models of Social Work Practice Reference Group Meeting",
        "locator": "minutes §3",
        "field": "",
        "source_url": f"http://testserver/api/v1/sources/{MINUTES}/",
    }
    assert data["citations"] == [expected]
    assert data["sections"][0]["citations"][0]["locator"] == "minutes §4"
    assert data["decisions"][0]["citations"][0]["locator"] == "minutes §5"
    assert data["actions"][0]["citations"][0]["locator"] == "minutes §6.1"
    assert {a["citations"][0]["locator"] for a in data["attendance"]} == {
        "minutes §1",
        "minutes §2",
    }


def test_the_event_api_cites_the_programme_and_its_runs(client, conference):
    data = client.get(f"/api/v1/network/events/{conference.slug}/").json()
    for session in data["programme"]:
        assert session["citations"], session["slug"]
        for run in session["runs"]:
            assert run["citations"][0]["locator"] == "minutes §5"


def test_the_sources_page_lists_public_entries_and_only_counts_members(client, network_data):
    body = client.get(f"/sources/{MINUTES}/").content.decode()
    assert "Models of Social Work Practice conference" in body  # an event has a public page
    for signed_in_only in ("Sonia Johnson", "Karly Middleton", "Action 1:", "Call for evidence"):
        assert signed_in_only not in body, signed_in_only


MIGRATION = importlib.import_module("network.migrations.0002_citations_from_the_sources_catalogue")


@pytest.mark.parametrize(
    ("key", "old", "new"),
    [
        (MINUTES, "§1 and §2", "minutes §1, minutes §2"),
        (MINUTES, "§6.4", "minutes §6.4"),
        (REPORT, "Foreword", "foreword"),
        (REPORT, "§4.1.2, footnote 9", "§4.1.2, footnote 9"),
        (
            "innovation-programme-learning-summary-3",
            "Resources projects have found useful",
            'section "Resources projects have found useful"',
        ),
    ],
)
def test_the_migration_writes_old_locators_as_the_catalogue_does(key, old, new):
    assert MIGRATION.catalogue_locator(key, old) == new
    assert valid_locator(new)


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_old_strings_to_citations():
    catalogue.load()
    call_command("migrate", "network", "0001", verbosity=0)
    try:
        old = MigrationExecutor(connection).loader.project_state(("network", "0001_initial")).apps
        group = old.get_model("network", "ReferenceGroup").objects.create(
            name="Group",
            slug="group",
            source_title="SESLIP Models of Social Work Practice Reference Group: minutes of "
            "the meeting of 19 February 2020",
            source_locator="§3",
        )
        event = old.get_model("network", "Event").objects.create(
            title="Conference",
            slug="conference",
            date="2020-06-08",
            status="cancelled",
            source_title="SESLIP, Models of Social Work Practice (2020)",
            source_locator="Foreword",
            status_source_title="SESLIP, Models of Social Work Practice (2020)",
            status_source_locator="Foreword",
        )
    finally:
        call_command("migrate", "network", verbosity=0)
    ContentType.objects.clear_cache()
    assert cited(ReferenceGroup.objects.get(pk=group.pk)) == [(MINUTES, "minutes §3", "")]
    assert cited(Event.objects.get(pk=event.pk)) == [
        (REPORT, "foreword", ""),
        (REPORT, "foreword", "status"),
    ]

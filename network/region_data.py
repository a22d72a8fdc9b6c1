"""Load the reference group, its meeting of 19 February 2020, the conference and the
resources from network/data/*.toml.

Every entry cites the sources catalogue (`cite = [{ source = "<key>", at = "<locator>" }]`,
as the registry's and the evidence library's files do; docs/adr/0008-sources-and-citations.md)
and the citations are checked before anything is written: an entry without a citation, an
unknown source or a locator no document uses fails `load_region` with the file, the line
and the field.

Idempotent like the other loaders: rows are matched on natural keys and saved only when a
value differs. What people change on the portal afterwards (an action's status, an event's
booking status) is set only when the row is created, so a re-run never undoes it.
Authorities and models are registry slugs: the registry loader runs first.
"""

import logging
from collections import Counter
from pathlib import Path
from typing import IO, Any, TypeVar

from django.db import models, transaction

from models_registry.models import LocalAuthority, PracticeModel
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
from seslip.loading import save_if_changed, set_if_changed
from sources import services as catalogue
from sources.datafiles import DataFile, DataFileInvalid
from sources.models import Source
from sources.services import CitationSpec, known_source_keys, read_citations, set_citations

RowT = TypeVar("RowT", bound=models.Model)

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
INITIAL_DATA_REASON = "Initial data, from {sources}"
MINUTES_SOURCE = "seslip-reference-group-2020"
PRESENTATION_MINUTES = 20
WORKSHOP_MINUTES = 45
WORKSHOP_RUNS = 2
ACTION_STATUS_NOTE = (
    "No document records the outcome; the conference was cancelled because of the "
    "Covid-19 pandemic."
)


class RegionDataError(ValueError):
    """The data files name something the registry does not have."""


class _Loader:
    def __init__(self, files: dict[str, DataFile]):
        self.files = files
        self.source_keys = known_source_keys()
        self.counts: Counter = Counter()
        self.authorities = {a.slug: a for a in LocalAuthority.objects.all()}
        self.models = {m.slug: m for m in PracticeModel.objects.all()}
        self.titles: dict[str, str] = {}
        # Nested tables ([[meeting.section]]) are numbered across the file, as the line
        # index counts them, so an error points at the right entry.
        self.positions: Counter = Counter()

    def authority(self, slug: str) -> LocalAuthority:
        try:
            return self.authorities[slug]
        except KeyError:
            raise RegionDataError(f"No local authority with slug {slug!r}") from None

    def model(self, slug: str) -> PracticeModel:
        try:
            return self.models[slug]
        except KeyError:
            raise RegionDataError(f"No practice model with slug {slug!r}") from None

    def citations(
        self,
        file: str,
        table: str,
        entry: dict[str, Any],
        *,
        key: str = "cite",
        supports: str = "",
    ) -> list[CitationSpec]:
        """The entry's citations, checked; problems are collected with their line. With
        `supports`, each citation supports that field only (an event's status)."""
        position = self.positions[(file, table, key)]
        self.positions[(file, table, key)] += 1
        specs = read_citations(
            self.files[file], table, position, entry, source_keys=self.source_keys, key=key
        )
        return [CitationSpec(s.source, s.locator, s.field or supports) for s in specs]

    def upsert(
        self,
        model: type[RowT],
        lookup: dict,
        values: dict,
        citations: list[CitationSpec],
        create_values: dict | None = None,
    ) -> RowT:
        named = dict.fromkeys(self.titles.get(spec.source, spec.source) for spec in citations)
        reason = INITIAL_DATA_REASON.format(sources="; ".join(named))[:100]
        row, status = save_if_changed(
            model, lookup, values, create_values=create_values, change_reason=reason
        )
        set_citations(row, citations)
        self.counts[(model._meta.verbose_name_plural, status)] += 1
        return row


FILES = ("reference_group.toml", "events.toml", "resources.toml")


def load(*, stdout: IO[str] | None = None, data_dir: Path = DATA_DIR) -> Counter:
    files = {name: DataFile.read(data_dir / name) for name in FILES}
    with transaction.atomic():
        catalogue.load()
        loader = _Loader(files)
        loader.titles = {s.key: s.display_title for s in Source.objects.select_related("cited_in")}
        group, meetings = _load_group(loader, files["reference_group.toml"].data)
        _load_events(loader, files["events.toml"].data, group, meetings)
        _load_resources(loader, files["resources.toml"].data)
        # A citation problem anywhere undoes the whole load, listing every problem at once.
        errors = [error for datafile in files.values() for error in datafile.errors]
        if errors:
            raise DataFileInvalid(errors)
    if stdout is not None:
        for (kind, status), count in sorted(loader.counts.items()):
            stdout.write(f"  {kind}: {count} {status}\n")
    return loader.counts


GROUP_FILE, EVENTS_FILE, RESOURCES_FILE = FILES


def _load_group(loader: _Loader, data: dict):
    entry = data["group"]
    group = loader.upsert(
        ReferenceGroup,
        {"slug": entry["slug"]},
        {"name": entry["name"], "purpose": entry["purpose"]},
        loader.citations(GROUP_FILE, "group", entry),
    )
    members = {}
    for entry in data["member"]:
        authority = loader.authority(entry["authority"]) if "authority" in entry else None
        members[entry["name"]] = loader.upsert(
            Member,
            {"group": group, "name": entry["name"]},
            {
                "role": entry.get("role", Member.Role.MEMBER),
                "local_authority": authority,
                "organisation": entry.get("organisation", ""),
                "job_title": entry.get("job_title", ""),
                "note": entry.get("note", ""),
            },
            loader.citations(GROUP_FILE, "member", entry),
        )
    meetings = {}
    for entry in data["meeting"]:
        meetings[entry["slug"]] = _load_meeting(loader, entry, group, members)
    return group, meetings


def _member(members: dict, name: str) -> Member:
    try:
        return members[name]
    except KeyError:
        raise RegionDataError(f"No group member named {name!r}") from None


def _minutes(locator: str) -> list[CitationSpec]:
    return [CitationSpec(MINUTES_SOURCE, locator)]


def _load_meeting(loader: _Loader, entry: dict, group, members) -> Meeting:
    meeting = loader.upsert(
        Meeting,
        {"slug": entry["slug"]},
        {
            "group": group,
            "title": entry["title"],
            "date": entry["date"],
            "purpose": entry["purpose"],
        },
        loader.citations(GROUP_FILE, "meeting", entry),
    )
    # The minutes list attendees in their §1 and apologies in their §2.
    for kind, key, locator in (
        (Attendance.Kind.ATTENDED, "attended", "minutes §1"),
        (Attendance.Kind.APOLOGIES, "apologies", "minutes §2"),
    ):
        for position, (name, listed_as) in enumerate(entry[key], start=1):
            loader.upsert(
                Attendance,
                {"meeting": meeting, "member": _member(members, name), "kind": kind},
                {
                    "listed_as": listed_as,
                    "position": position,
                    "note": _member(members, name).note,
                },
                _minutes(locator),
            )
    for section in entry.get("section", []):
        loader.upsert(
            MinuteSection,
            {"meeting": meeting, "number": section["number"]},
            {"heading": section["heading"], "body": section["body"]},
            loader.citations(GROUP_FILE, "meeting.section", section),
        )
    for position, decision in enumerate(entry.get("decision", []), start=1):
        loader.upsert(
            Decision,
            {"meeting": meeting, "position": position},
            {"text": decision["text"]},
            loader.citations(GROUP_FILE, "meeting.decision", decision),
        )
    for action_entry in entry.get("action", []):
        action = loader.upsert(
            Action,
            {"meeting": meeting, "number": action_entry["number"]},
            {
                "description": action_entry["description"],
                "owner_note": action_entry.get("owner_note", ""),
                "due_date": action_entry.get("due"),
                "due_precision": action_entry.get("due_precision", "day"),
            },
            loader.citations(GROUP_FILE, "meeting.action", action_entry),
            create_values={
                "status": Action.Status.NOT_RECORDED,
                "status_note": ACTION_STATUS_NOTE,
            },
        )
        set_if_changed(
            action.owners, [_member(members, name) for name in action_entry.get("owners", [])]
        )
    return meeting


def _load_events(loader: _Loader, data: dict, group, meetings) -> None:
    for entry in data["event"]:
        citations = loader.citations(EVENTS_FILE, "event", entry)
        status_citations = loader.citations(
            EVENTS_FILE, "event", entry, key="status_cite", supports="status"
        )
        event = loader.upsert(
            Event,
            {"slug": entry["slug"]},
            {
                "group": group,
                "planned_at": meetings.get(entry.get("planned_at")),
                "title": entry["title"],
                "date": entry["date"],
                "aim": entry.get("aim", ""),
                "status_note": entry.get("status_note", ""),
                "places_per_authority": entry.get("places_per_authority"),
                "costs_note": entry.get("costs_note", ""),
                "bookings_administered_by": (
                    loader.authority(entry["bookings_administered_by"])
                    if "bookings_administered_by" in entry
                    else None
                ),
                "bookings_note": entry.get("bookings_note", ""),
            },
            [*citations, *status_citations],
            create_values={"status": entry.get("status", Event.Status.PLANNED)},
        )
        _load_programme(loader, entry, event)


def _load_programme(loader: _Loader, entry: dict, event: Event) -> None:
    """Presentations first (morning), then the possible talk, the workshops (afternoon, two
    runs each) and the close, in the minutes' order. The model sessions cite the minutes'
    §5, where the programme was agreed."""
    agreed = _minutes("minutes §5")
    position = 0
    model_entries = entry.get("model", [])
    others = {other["slug"]: other for other in entry.get("other", [])}
    other_citations = {
        slug: loader.citations(EVENTS_FILE, "event.other", item) for slug, item in others.items()
    }

    def session(slug: str, values: dict, citations: list[CitationSpec], authorities=()):
        nonlocal position
        position += 1
        row = loader.upsert(
            Session, {"event": event, "slug": slug}, {"position": position, **values}, citations
        )
        set_if_changed(row.presenting_authorities, authorities)
        return row

    def other(slug: str) -> None:
        item = others[slug]
        session(
            slug,
            {
                "kind": item["kind"],
                "part": item["part"],
                "title": item["title"],
                "duration_minutes": item.get("duration_minutes"),
                "practice_model": None,
                "brief": "",
                "tentative": item.get("tentative", False),
                "note": item.get("note", ""),
            },
            other_citations[slug],
        )

    for item in model_entries:
        authorities = [loader.authority(slug) for slug in item["authorities"]]
        session(
            f"presentation-{item['model']}",
            {
                "kind": Session.Kind.PRESENTATION,
                "part": Session.Part.MORNING,
                "title": f"{item['title']}: presentation",
                "duration_minutes": PRESENTATION_MINUTES,
                "practice_model": loader.model(item["model"]),
                "brief": entry.get("brief", ""),
                "tentative": False,
                "note": "",
            },
            agreed,
            authorities,
        )
    for slug in others:
        if others[slug]["part"] == "unplaced":
            other(slug)
    for item in model_entries:
        authorities = [loader.authority(slug) for slug in item["authorities"]]
        workshop = session(
            f"workshop-{item['model']}",
            {
                "kind": Session.Kind.WORKSHOP,
                "part": Session.Part.AFTERNOON,
                "title": f"{item['title']}: workshop",
                "duration_minutes": WORKSHOP_MINUTES,
                "practice_model": loader.model(item["model"]),
                "brief": "Authorities' experience of using the model, discussed in more depth.",
                "tentative": False,
                "note": "Runs twice, so that participants can attend more than one workshop.",
            },
            agreed,
            authorities,
        )
        for number in range(1, WORKSHOP_RUNS + 1):
            loader.upsert(WorkshopRun, {"session": workshop, "number": number}, {}, agreed)
    for slug in others:
        if others[slug]["part"] != "unplaced":
            other(slug)


def _load_resources(loader: _Loader, data: dict) -> None:
    for position, entry in enumerate(data["resource"], start=1):
        resource = loader.upsert(
            Resource,
            {"slug": entry["slug"]},
            {
                "title": entry["title"],
                "kind": entry["kind"],
                "url": entry.get("url", ""),
                "description": entry.get("description", ""),
                "position": position,
            },
            loader.citations(RESOURCES_FILE, "resource", entry),
        )
        set_if_changed(resource.practice_models, [loader.model(s) for s in entry.get("models", [])])
        set_if_changed(
            resource.authorities, [loader.authority(s) for s in entry.get("authorities", [])]
        )

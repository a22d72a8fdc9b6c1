"""Load the reference group, its meeting of 19 February 2020, the conference and the
resources from network/data/*.toml.

Idempotent like the other loaders: rows are matched on natural keys and saved only when a
value differs. What people change on the portal afterwards (an action's status, an event's
booking status) is set only when the row is created, so a re-run never undoes it.
Authorities and models are registry slugs: the registry loader runs first.
"""

import logging
import tomllib
from collections import Counter
from pathlib import Path
from typing import IO, TypeVar

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

RowT = TypeVar("RowT", bound=models.Model)

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
CHANGE_REASON = "Loaded from the source documents by load_region"
PRESENTATION_MINUTES = 20
WORKSHOP_MINUTES = 45
WORKSHOP_RUNS = 2
ACTION_STATUS_NOTE = (
    "No document records the outcome; the conference was cancelled because of the "
    "Covid-19 pandemic."
)


class RegionDataError(ValueError):
    """The data files name something the registry does not have."""


def _read(name: str, data_dir: Path) -> dict:
    with (data_dir / name).open("rb") as handle:
        return tomllib.load(handle)


class _Loader:
    def __init__(self, data_dir: Path):
        self.sources = {
            key: entry["title"] for key, entry in _read("sources.toml", data_dir).items()
        }
        self.counts: Counter = Counter()
        self.authorities = {a.slug: a for a in LocalAuthority.objects.all()}
        self.models = {m.slug: m for m in PracticeModel.objects.all()}

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

    def cite(self, entry: dict, default_source: str = "") -> dict:
        key = entry.get("source", default_source)
        return {
            "source_title": self.sources[key] if key else "",
            "source_locator": entry.get("locator", ""),
        }

    def upsert(
        self,
        model: type[RowT],
        lookup: dict,
        values: dict,
        create_values: dict | None = None,
    ) -> RowT:
        row, status = save_if_changed(
            model, lookup, values, create_values=create_values, change_reason=CHANGE_REASON
        )
        self.counts[(model._meta.verbose_name_plural, status)] += 1
        return row


def load(*, stdout: IO[str] | None = None, data_dir: Path = DATA_DIR) -> Counter:
    with transaction.atomic():
        loader = _Loader(data_dir)
        group_data = _read("reference_group.toml", data_dir)
        group, meetings = _load_group(loader, group_data)
        _load_events(loader, _read("events.toml", data_dir), group, meetings)
        _load_resources(loader, _read("resources.toml", data_dir))
    if stdout is not None:
        for (kind, status), count in sorted(loader.counts.items()):
            stdout.write(f"  {kind}: {count} {status}\n")
    return loader.counts


def _load_group(loader: _Loader, data: dict):
    entry = data["group"]
    group = loader.upsert(
        ReferenceGroup,
        {"slug": entry["slug"]},
        {"name": entry["name"], "purpose": entry["purpose"], **loader.cite(entry)},
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
                **loader.cite(entry),
            },
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


def _load_meeting(loader: _Loader, entry: dict, group, members) -> Meeting:
    meeting = loader.upsert(
        Meeting,
        {"slug": entry["slug"]},
        {
            "group": group,
            "title": entry["title"],
            "date": entry["date"],
            "purpose": entry["purpose"],
            **loader.cite(entry),
        },
    )
    source = entry["source"]
    for kind, key, locator in (
        (Attendance.Kind.ATTENDED, "attended", "§1"),
        (Attendance.Kind.APOLOGIES, "apologies", "§2"),
    ):
        for position, (name, listed_as) in enumerate(entry[key], start=1):
            loader.upsert(
                Attendance,
                {"meeting": meeting, "member": _member(members, name), "kind": kind},
                {
                    "listed_as": listed_as,
                    "position": position,
                    "note": _member(members, name).note,
                    **loader.cite({"source": source, "locator": locator}),
                },
            )
    for section in entry.get("section", []):
        loader.upsert(
            MinuteSection,
            {"meeting": meeting, "number": section["number"]},
            {
                "heading": section["heading"],
                "body": section["body"],
                **loader.cite(section, source),
            },
        )
    for position, decision in enumerate(entry.get("decision", []), start=1):
        loader.upsert(
            Decision,
            {"meeting": meeting, "position": position},
            {"text": decision["text"], **loader.cite(decision, source)},
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
                **loader.cite(action_entry, source),
            },
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
                "status_source_title": loader.sources.get(entry.get("status_source", ""), ""),
                "status_source_locator": entry.get("status_locator", ""),
                "places_per_authority": entry.get("places_per_authority"),
                "costs_note": entry.get("costs_note", ""),
                "bookings_administered_by": (
                    loader.authority(entry["bookings_administered_by"])
                    if "bookings_administered_by" in entry
                    else None
                ),
                "bookings_note": entry.get("bookings_note", ""),
                **loader.cite(entry),
            },
            create_values={"status": entry.get("status", Event.Status.PLANNED)},
        )
        _load_programme(loader, entry, event)


def _load_programme(loader: _Loader, entry: dict, event: Event) -> None:
    """Presentations first (morning), then the possible talk, the workshops (afternoon, two
    runs each) and the close, in the minutes' order."""
    source = entry["source"]
    cite = loader.cite({"source": source, "locator": "§5"})
    position = 0
    model_entries = entry.get("model", [])
    others = {other["slug"]: other for other in entry.get("other", [])}

    def session(slug: str, values: dict, authorities=()) -> Session:
        nonlocal position
        position += 1
        row = loader.upsert(
            Session, {"event": event, "slug": slug}, {"position": position, **values}
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
                **loader.cite(item, source),
            },
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
                **cite,
            },
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
                **cite,
            },
            authorities,
        )
        for number in range(1, WORKSHOP_RUNS + 1):
            loader.upsert(WorkshopRun, {"session": workshop, "number": number}, cite)
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
                **loader.cite(entry),
            },
        )
        set_if_changed(resource.practice_models, [loader.model(s) for s in entry.get("models", [])])
        set_if_changed(
            resource.authorities, [loader.authority(s) for s in entry.get("authorities", [])]
        )

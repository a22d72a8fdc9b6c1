"""Loading the sources catalogue (sources/data/sources.toml) and attaching citations.

`load()` runs first in `load_region`: the registry and evidence loaders look sources up by
key. `read_citations()` validates the `cite = [...]` lists of any data file, and
`set_citations()` writes them to any row, idempotently.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Max

from seslip.loading import changed_on_the_portal, save_if_changed, set_if_changed
from sources.datafiles import LOCATOR_HELP, DataFile, valid_locator
from sources.models import Citation, Source
from sources.values import DateFormatError, parse_precise_date

logger = logging.getLogger(__name__)

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "sources.toml"
TABLE = "source"
_FIELDS = {
    "key", "title", "description", "cited_in", "author", "publisher", "date",
    "date_precision", "kind", "producer", "independent_of_model_owner", "independence_note",
    "url", "note", "portal_document", "cites",
}  # fmt: skip


@dataclass(frozen=True)
class CitationSpec:
    """A citation as a data file writes it: `{ source = "key", at = "§1.2", for = "field" }`."""

    source: str
    locator: str
    field: str = ""


@dataclass(frozen=True)
class CatalogueLoadSummary:
    sources: int
    created: int
    updated: int
    unchanged: int
    #: Documents that differ from the catalogue but that a person has changed since.
    kept: int = 0

    def __str__(self) -> str:
        kept = f", {self.kept} kept as changed on the portal" if self.kept else ""
        return (
            f"Sources: {self.sources} documents ({self.created} created, {self.updated} "
            f"updated, {self.unchanged} unchanged{kept})."
        )


def known_source_keys(path: Path = CATALOGUE_FILE) -> set[str]:
    return {entry.get("key", "") for entry in DataFile.read(path).entries(TABLE)}


def read_citations(
    datafile: DataFile,
    table: str,
    position: int,
    entry: dict[str, Any],
    *,
    source_keys: set[str],
    fields: Iterable[str] = (),
    key: str = "cite",
    required: bool = True,
) -> list[CitationSpec]:
    """Validate an entry's citations; problems are recorded on `datafile` with their line."""
    raw = entry.get(key)
    if raw is None:
        if required:
            datafile.error(table, position, key, "a fact needs at least one citation")
        return []
    if not isinstance(raw, list) or (required and not raw):
        datafile.error(table, position, key, "write a list of { source = ..., at = ... }")
        return []
    allowed_fields = set(fields)
    specs = []
    for item in raw:
        if not isinstance(item, dict) or set(item) - {"source", "at", "for"}:
            datafile.error(table, position, key, f"{item!r}: use the keys source, at, for")
            continue
        source, locator, supports = item.get("source", ""), item.get("at", ""), item.get("for", "")
        if source not in source_keys:
            datafile.error(table, position, key, f"unknown source {source!r}")
            continue
        if not valid_locator(locator):
            datafile.error(table, position, key, f"locator {locator!r}: {LOCATOR_HELP}")
            continue
        if supports and allowed_fields and supports not in allowed_fields:
            datafile.error(table, position, key, f"'for = {supports!r}' names no field here")
            continue
        specs.append(CitationSpec(source=source, locator=locator, field=supports))
    return specs


def set_citations(row: models.Model, specs: Iterable[CitationSpec]) -> bool:
    """Make `row`'s citations exactly `specs` (in order), unless a person has changed the
    row on the portal since, citing what they changed (seslip.loading); True when anything
    changed."""
    specs = list(dict.fromkeys(specs))
    content_type = ContentType.objects.get_for_model(row, for_concrete_model=False)
    current = list(
        Citation.objects.filter(content_type=content_type, object_id=row.pk)
        .select_related("source")
        .order_by("position")
    )
    wanted = [(spec.source, spec.locator, spec.field) for spec in specs]
    if [(c.source.key, c.locator, c.field) for c in current] == wanted:
        return False
    if changed_on_the_portal(row):
        return False
    sources = {s.key: s for s in Source.objects.filter(key__in={spec.source for spec in specs})}
    Citation.objects.filter(content_type=content_type, object_id=row.pk).delete()
    Citation.objects.bulk_create(
        Citation(
            source=sources[spec.source],
            locator=spec.locator,
            field=spec.field,
            content_type=content_type,
            object_id=row.pk,
            position=position,
        )
        for position, spec in enumerate(specs)
    )
    return True


def _validated_entries(datafile: DataFile) -> list[dict[str, Any]]:
    entries = datafile.entries(TABLE)
    keys = [entry.get("key", "") for entry in entries]
    kinds = set(Source.Kind.values)
    for position, entry in enumerate(entries):
        values: dict[str, Any] = {}
        for name in sorted(set(entry) - _FIELDS):
            datafile.error(TABLE, position, name, "unknown field")
        key = entry.get("key", "")
        if not key:
            datafile.error(TABLE, position, "key", "required")
        elif keys.count(key) > 1:
            datafile.error(TABLE, position, "key", f"{key!r} is used twice")
        if entry.get("kind") not in kinds:
            datafile.error(TABLE, position, "kind", f"one of {', '.join(sorted(kinds))}")
        if not entry.get("producer"):
            datafile.error(TABLE, position, "producer", "required: who produced the document")
        if not entry.get("title") and entry.get("cited_in") not in keys[:position]:
            datafile.error(
                TABLE, position, "cited_in",
                "an untitled document needs the key of a document listed before it that cites it",
            )  # fmt: skip
        for name in ("cited_in", *entry.get("cites", [])):
            target = entry.get("cited_in") if name == "cited_in" else name
            if target and target not in keys:
                field_name = "cited_in" if name == "cited_in" else "cites"
                datafile.error(TABLE, position, field_name, f"unknown source {target!r}")
        if "date" in entry:
            try:
                date = parse_precise_date(entry["date"], entry.get("date_precision"))
                values["date"], values["date_precision"] = date.value, date.precision
            except DateFormatError as error:
                datafile.error(TABLE, position, "date", str(error))
        elif "date_precision" in entry:
            datafile.error(TABLE, position, "date_precision", "a precision without a date")
        url = entry.get("url", "")
        if url and not url.startswith(("https://", "http://")):
            datafile.error(TABLE, position, "url", "a web address starting http(s)://")
        entry["_values"] = values
    datafile.raise_if_invalid()
    return entries


@transaction.atomic
def load(*, stdout: IO[str] | None = None, path: Path = CATALOGUE_FILE) -> CatalogueLoadSummary:
    """Create or update every source in the catalogue (matched on key)."""
    datafile = DataFile.read(path)
    entries = _validated_entries(datafile)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
    rows: dict[str, Source] = {}
    for entry in entries:
        values = {
            "title": entry.get("title", ""),
            "description": entry.get("description", ""),
            "author": entry.get("author", ""),
            "publisher": entry.get("publisher", ""),
            "date": entry["_values"].get("date"),
            "date_precision": entry["_values"].get("date_precision", ""),
            "kind": entry["kind"],
            "producer": entry["producer"],
            "independent_of_model_owner": entry.get("independent_of_model_owner"),
            "independence_note": entry.get("independence_note", ""),
            "url": entry.get("url", ""),
            "note": entry.get("note", ""),
            "is_portal_document": entry.get("portal_document", False),
            "cited_in": rows.get(entry.get("cited_in", "")),
        }
        row, status = save_if_changed(Source, {"key": entry["key"]}, values)
        rows[row.key] = row
        counts[status] += 1
    # A document may cite one listed after it: link the citations once all exist.
    for entry in entries:
        row = rows[entry["key"]]
        set_if_changed(row.cites, [rows[key] for key in entry.get("cites", [])])
    summary = CatalogueLoadSummary(sources=len(rows), **counts)
    logger.info("%s", summary)
    if stdout is not None:
        stdout.write(f"{summary}\n")
    return summary


def cite_fields(row: models.Model, *, source: Source, locator: str, fields: Iterable[str]) -> None:
    """Add a citation of `source` at `locator` to each of `fields` of `row` ("" for the whole
    entry), after its existing citations; one already there is kept, not repeated. What an
    editing page does with a change (set_citations, for the data files, replaces them all)."""
    content_type = ContentType.objects.get_for_model(row, for_concrete_model=False)
    existing = Citation.objects.filter(content_type=content_type, object_id=row.pk)
    position = (existing.aggregate(last=Max("position"))["last"] or 0) + 1
    for field in fields:
        _citation, made = Citation.objects.get_or_create(
            content_type=content_type,
            object_id=row.pk,
            field=field,
            source=source,
            locator=locator,
            defaults={"position": position},
        )
        position += made

"""Load the region's registry from its data files (models_registry/data/*.toml).

Each file holds one kind of entry, in the form evidence/data/evidence.toml uses, and every
fact carries its citations (`cite = [{ source = "<key>", at = "<locator>" }]`, with
`for = "<field>"` when a citation supports one field only; docs/registry.md). The files are
validated against the schema below before anything is written: a fact without a citation,
a citation to an unknown source or with a locator no document uses, a date written finer
than its precision, an unknown field or value each fail `load_region` with the file, the
line and the field.

Idempotent: rows are matched on their natural keys (slugs; authority and model for an
adoption; authority, model and name for a contact) and saved only when a value differs, so
re-running neither duplicates rows nor adds empty history entries.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.db import transaction

from models_registry.models import (
    Adoption,
    Contact,
    LocalAuthority,
    PracticeModel,
    PracticeTool,
    Service,
    Theme,
    Underpinning,
)
from seslip.loading import RowT, changed_on_the_portal, save_if_changed, set_if_changed
from sources import services as catalogue
from sources.datafiles import DataFile, DataFileInvalid
from sources.models import Source
from sources.services import CitationSpec, known_source_keys, read_citations, set_citations
from sources.values import DateFormatError, parse_precise_date

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
INITIAL_DATA_REASON = "Initial data, from {sources}"

TEXT, INT, LIST, DATE, YEAR_ONLY = "text", "int", "list", "date", "year"


@dataclass(frozen=True)
class Table:
    """One kind of entry: its file, its fields (name -> type or choices) and its key."""

    file: str
    name: str
    fields: dict[str, Any]
    required: tuple[str, ...]
    cited: bool = True


TABLES = (
    Table("taxonomies.toml", "service", {"slug": TEXT, "name": TEXT, "position": INT},
          ("slug", "name"), cited=False),
    Table("taxonomies.toml", "underpinning", {"slug": TEXT, "name": TEXT, "description": TEXT},
          ("slug", "name")),
    Table("taxonomies.toml", "tool", {"slug": TEXT, "name": TEXT, "description": TEXT},
          ("slug", "name")),
    Table("authorities.toml", "authority", {
        "slug": TEXT, "name": TEXT, "kind": LocalAuthority.Kind.values, "gss_code": TEXT,
        "region": TEXT, "ofsted_judgement": LocalAuthority.OfstedJudgement.values,
        "ofsted_date": DATE, "ofsted_when": TEXT, "context": TEXT, "website": TEXT,
    }, ("slug", "name", "kind", "region")),
    Table("models.toml", "model", {
        "slug": TEXT, "name": TEXT, "short_name": TEXT, "kind": PracticeModel.Kind.values,
        "table_position": INT, "overview": TEXT, "developed_by": TEXT, "origin_place": TEXT,
        "origin_period": TEXT, "builds_on": TEXT, "key_features": LIST, "underpinnings": LIST,
        "tools": LIST, "evaluation": TEXT, "funding_and_costs": TEXT,
        "drivers_and_challenges": TEXT, "website": TEXT,
    }, ("slug", "name", "overview")),
    Table("adoptions.toml", "adoption", {
        "authority": TEXT, "model": TEXT, "role": Adoption.Role.values,
        "status": Adoption.Status.values, "year_started": INT, "year_relaunched": INT,
        "started_note": TEXT, "services": LIST, "dfe_programme": Adoption.FundingProgramme.values,
        "dfe_amount": INT, "dfe_year": INT, "survey": Adoption.Survey.values, "as_at": DATE,
        "notes": TEXT,
    }, ("authority", "model", "role")),
    Table("contacts.toml", "contact", {
        "authority": TEXT, "model": TEXT, "name": TEXT, "role": TEXT, "email": TEXT,
    }, ("authority", "model", "name")),
    Table("themes.toml", "theme", {
        "slug": TEXT, "kind": Theme.Kind.values, "name": TEXT, "position": INT,
        "description": TEXT, "models": LIST, "authorities": LIST,
    }, ("slug", "kind", "name")),
)  # fmt: skip

# Which other entries a field names, checked before anything is written.
REFERENCES = {
    ("model", "underpinnings"): "underpinning",
    ("model", "tools"): "tool",
    ("model", "builds_on"): "model",
    ("adoption", "authority"): "authority",
    ("adoption", "model"): "model",
    ("adoption", "services"): "service",
    ("contact", "authority"): "authority",
    ("contact", "model"): "model",
    ("theme", "models"): "model",
    ("theme", "authorities"): "authority",
}


@dataclass
class Entry:
    """One validated entry: its values (dates parsed) and its citations."""

    values: dict[str, Any]
    citations: list[CitationSpec]


@dataclass
class RegionLoadSummary:
    """What one run of the registry loader created and changed, per kind of row."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    #: Rows that differ from the files but that a person has changed on the portal since.
    kept: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged) | set(self.kept))
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            + (f", {self.kept[kind]} kept as changed on the portal" if self.kept[kind] else "")
            for kind in kinds
        ]


def _check_value(
    datafile: DataFile, table: Table, position: int, name: str, value: Any, precision=None
):
    kind = table.fields[name]
    if isinstance(kind, list):
        if value not in kind:
            datafile.error(table.name, position, name, f"{value!r} is not one of {kind}")
        return value
    if kind == INT and (not isinstance(value, int) or isinstance(value, bool)):
        datafile.error(table.name, position, name, "a whole number")
    elif kind == LIST and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        datafile.error(table.name, position, name, "a list of strings")
    elif kind == TEXT and not isinstance(value, str):
        datafile.error(table.name, position, name, "a string")
    elif kind == DATE:
        try:
            return parse_precise_date(value, precision)
        except DateFormatError as error:
            datafile.error(table.name, position, name, str(error))
    return value


def read_tables(
    data_dir: Path = DATA_DIR, source_keys: set[str] | None = None
) -> dict[str, list[Entry]]:
    """Read and validate every data file; raise DataFileInvalid listing every problem."""
    source_keys = known_source_keys() if source_keys is None else source_keys
    files: dict[str, DataFile] = {}
    tables: dict[str, list[Entry]] = {}
    for table in TABLES:
        datafile = files.setdefault(table.file, DataFile.read(data_dir / table.file))
        entries = []
        for position, raw in enumerate(datafile.entries(table.name)):
            values = {}
            # A date may say its precision too ('as_at_precision = "season"'); it must match.
            precisions = {f"{n}_precision" for n, kind in table.fields.items() if kind == DATE}
            for name in sorted(set(raw) - set(table.fields) - precisions - {"cite"}):
                datafile.error(table.name, position, name, "unknown field")
            for name in table.required:
                if name not in raw:
                    datafile.error(table.name, position, name, "required")
            for name in set(raw) & set(table.fields):
                precision = raw.get(f"{name}_precision")
                values[name] = _check_value(datafile, table, position, name, raw[name], precision)
            citations = []
            if table.cited:
                citations = read_citations(
                    datafile, table.name, position, raw,
                    source_keys=source_keys, fields=table.fields,
                )  # fmt: skip
            entries.append(Entry(values=values, citations=citations))
        tables[table.name] = entries
    _check_references(files, tables)
    errors = [error for datafile in files.values() for error in datafile.errors]
    if errors:
        raise DataFileInvalid(errors)
    return tables


def _check_references(files: dict[str, DataFile], tables: dict[str, list[Entry]]) -> None:
    table_files = {table.name: files[table.file] for table in TABLES}
    slugs = {
        name: {entry.values.get("slug") for entry in entries} for name, entries in tables.items()
    }
    for (name, field_name), target in REFERENCES.items():
        for position, entry in enumerate(tables[name]):
            value = entry.values.get(field_name)
            named = value if isinstance(value, list) else [value] if value else []
            for slug in named:
                if slug not in slugs[target]:
                    table_files[name].error(
                        name, position, field_name, f"no {target} has the slug {slug!r}"
                    )


def _change_reason(citations: list[CitationSpec], titles: dict[str, str]) -> str:
    named = dict.fromkeys(titles[spec.source] for spec in citations)
    return INITIAL_DATA_REASON.format(sources="; ".join(named) or "the region's data files")[:100]


class _Writer:
    def __init__(self, summary: RegionLoadSummary, titles: dict[str, str]) -> None:
        self.summary = summary
        self.titles = titles

    def upsert(self, model: type[RowT], lookup: dict, values: dict, entry: Entry) -> RowT:
        row, status = save_if_changed(
            model, lookup, values, change_reason=_change_reason(entry.citations, self.titles)
        )
        getattr(self.summary, status)[model._meta.verbose_name_plural] += 1
        if model is not Service:
            set_citations(row, entry.citations)
        return row


def _date_fields(prefix: str, value) -> dict:
    if value is None:
        return {prefix: None, f"{prefix}_precision": ""}
    return {prefix: value.value, f"{prefix}_precision": value.precision}


@transaction.atomic
def load(*, stdout: TextIO | None = None, data_dir: Path = DATA_DIR) -> RegionLoadSummary:
    """Create or update every authority, model, adoption, contact and theme in the files."""
    tables = read_tables(data_dir)
    catalogue.load(stdout=stdout)
    summary = RegionLoadSummary()
    titles = dict(Source.objects.values_list("key", "title"))
    titles.update({s.key: s.display_title for s in Source.objects.filter(title="")})
    write = _Writer(summary, titles)

    def text(entry: Entry, *names: str) -> dict:
        return {name: entry.values.get(name, "") for name in names}

    underpinnings = {
        e.values["slug"]: write.upsert(
            Underpinning, {"slug": e.values["slug"]}, text(e, "name", "description"), e
        )
        for e in tables["underpinning"]
    }
    tools = {
        e.values["slug"]: write.upsert(
            PracticeTool, {"slug": e.values["slug"]}, text(e, "name", "description"), e
        )
        for e in tables["tool"]
    }
    services = {
        e.values["slug"]: write.upsert(
            Service,
            {"slug": e.values["slug"]},
            {"name": e.values["name"], "position": e.values.get("position", 100)},
            e,
        )
        for e in tables["service"]
    }
    authorities = {}
    for e in tables["authority"]:
        values = text(e, "name", "kind", "gss_code", "region", "ofsted_judgement", "ofsted_when")
        values |= text(e, "context", "website")
        values |= _date_fields("ofsted_date", e.values.get("ofsted_date"))
        authorities[e.values["slug"]] = write.upsert(
            LocalAuthority, {"slug": e.values["slug"]}, values, e
        )

    practice_models = {}
    for e in tables["model"]:
        values = text(e, "name", "short_name", "kind", "overview", "developed_by")
        values |= text(e, "origin_place", "origin_period", "evaluation", "funding_and_costs")
        values |= text(e, "drivers_and_challenges", "website")
        values["table_position"] = e.values.get("table_position", 100)
        values["key_features"] = "\n".join(e.values.get("key_features", []))
        row = write.upsert(PracticeModel, {"slug": e.values["slug"]}, values, e)
        set_if_changed(
            row.underpinnings, [underpinnings[s] for s in e.values.get("underpinnings", [])]
        )
        set_if_changed(row.tools, [tools[s] for s in e.values.get("tools", [])])
        practice_models[e.values["slug"]] = row
    for e in tables["model"]:
        row = practice_models[e.values["slug"]]
        builds_on = practice_models.get(e.values.get("builds_on", ""))
        if row.builds_on_id != (builds_on.pk if builds_on else None) and not (
            changed_on_the_portal(row)
        ):
            row.builds_on = builds_on
            # django-simple-history reads the reason for the history entry from here.
            row._change_reason = _change_reason(e.citations, titles)  # type: ignore[attr-defined]
            row.save(update_fields=["builds_on", "updated_at"])

    for e in tables["adoption"]:
        values = text(e, "role", "started_note", "dfe_programme", "survey", "notes")
        values["status"] = e.values.get("status") or Adoption.Status.NOT_STATED
        for name in ("year_started", "year_relaunched", "dfe_amount", "dfe_year"):
            values[name] = e.values.get(name)
        values |= _date_fields("as_at", e.values.get("as_at"))
        adoption = write.upsert(
            Adoption,
            {
                "local_authority": authorities[e.values["authority"]],
                "practice_model": practice_models[e.values["model"]],
            },
            values,
            e,
        )
        set_if_changed(adoption.services, [services[s] for s in e.values.get("services", [])])

    for e in tables["contact"]:
        write.upsert(
            Contact,
            {
                "local_authority": authorities[e.values["authority"]],
                "practice_model": practice_models[e.values["model"]],
                "name": e.values["name"],
            },
            text(e, "role", "email"),
            e,
        )

    for e in tables["theme"]:
        values = text(e, "kind", "name", "description")
        values["position"] = e.values.get("position", 100)
        theme = write.upsert(Theme, {"slug": e.values["slug"]}, values, e)
        set_if_changed(
            theme.practice_models, [practice_models[s] for s in e.values.get("models", [])]
        )
        set_if_changed(theme.authorities, [authorities[s] for s in e.values.get("authorities", [])])

    for line in summary.lines():
        logger.debug("load_region registry: %s", line)
        if stdout is not None:
            stdout.write(f"Registry {line}\n")
    return summary

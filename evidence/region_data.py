"""Load the evidence the source documents report (evidence/data/evidence.toml).

Runs after the registry loader (`models_registry.region_data.load`): practice models and
local authorities are looked up by the canonical slugs (helpers/SLUGS.md). Idempotent:
every row is written with update_or_create on a stable key, so loading twice leaves the
same counts. Loaded findings are published; rows added by hand are left alone.
"""

import logging
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from evidence.independence import kind_problem
from evidence.models import Evaluation, Finding, OutcomeDomain
from evidence.search import refresh_search_documents
from models_registry.models import LocalAuthority, PracticeModel
from seslip.loading import save_if_changed, set_if_changed
from sources import services as catalogue
from sources.datafiles import LOCATOR_HELP, DataFile, valid_locator
from sources.models import Source
from sources.services import CitationSpec, known_source_keys, read_citations, set_citations
from sources.values import Figure, FigureFormatError, FigureKind, parse_figure

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "data" / "evidence.toml"


class MissingRegistrySlugs(Exception):
    """The registry has not been loaded (or lacks rows) that the evidence refers to."""

    def __init__(self, *, models: list[str], authorities: list[str]) -> None:
        self.models = models
        self.authorities = authorities
        parts = []
        if models:
            parts.append(f"practice models: {', '.join(models)}")
        if authorities:
            parts.append(f"local authorities: {', '.join(authorities)}")
        super().__init__(
            "Evidence refers to registry rows that do not exist; run the registry loader "
            "(models_registry.region_data.load) first. Missing " + "; ".join(parts) + "."
        )


class EvidenceDataInvalid(Exception):
    """The data file breaks a rule the loader checks; the message names each evaluation."""


def check_independence(data: dict[str, Any], path: Path = DATA_FILE) -> None:
    """Every evaluation names its producer, and its kind follows from it
    (evidence/independence.py, docs/evidence-scale.md "Independence")."""
    problems = []
    for row in data["evaluation"]:
        problem = kind_problem(producer=row.get("producer", ""), kind=row.get("kind", ""))
        if problem:
            problems.append(f"{path.name}: evaluation {row.get('slug')!r}: {problem}")
    if problems:
        raise EvidenceDataInvalid("\n".join(problems))


@dataclass(frozen=True)
class EvidenceLoadSummary:
    domains: int
    evaluations: int
    findings: int
    created: int
    updated: int
    unchanged: int
    #: Rows that differ from the file but that a person has changed on the portal since.
    kept: int = 0

    def __str__(self) -> str:
        kept = f", {self.kept} kept as changed on the portal" if self.kept else ""
        return (
            f"Evidence: {self.domains} outcome domains, {self.evaluations} evaluations, "
            f"{self.findings} findings ({self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged{kept})."
        )


def read_data(path: Path = DATA_FILE) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class SourceLinks:
    """Per evaluation slug: the document it is, and where the portal reads it."""

    documents: dict[str, str]
    citations: dict[str, list[CitationSpec]]


def check_sources(path: Path = DATA_FILE, source_keys: set[str] | None = None) -> SourceLinks:
    """Every evaluation names its document (`source`) and where it is read (`cite`); every
    finding's `section` and `page` is a locator. Raises DataFileInvalid with file, line and
    field for each problem (docs/adr/0008-sources-and-citations.md)."""
    source_keys = known_source_keys() if source_keys is None else source_keys
    datafile = DataFile.read(path)
    documents: dict[str, str] = {}
    citations: dict[str, list[CitationSpec]] = {}
    finding_position = 0
    for position, row in enumerate(datafile.entries("evaluation")):
        if row.get("source") not in source_keys:
            datafile.error(
                "evaluation", position, "source", f"unknown source {row.get('source')!r}"
            )
        documents[row["slug"]] = row.get("source", "")
        citations[row["slug"]] = read_citations(
            datafile, "evaluation", position, row, source_keys=source_keys
        )
        _check_figures(datafile, "evaluation", position, row, SAMPLE_KEYS)
        for item in row.get("finding", []):
            _check_figures(datafile, "evaluation.finding", finding_position, item, FINDING_KEYS)
            for name in ("section", "page"):
                value = item.get(name)
                if value is not None and not valid_locator(value):
                    datafile.error(
                        "evaluation.finding", finding_position, name,
                        f"locator {value!r}: {LOCATOR_HELP}",
                    )  # fmt: skip
            finding_position += 1
    datafile.raise_if_invalid()
    return SourceLinks(documents=documents, citations=citations)


# The data file's figure keys -> (the model's value column, whether it holds whole numbers).
SAMPLE_KEYS = {
    name: (name, True)
    for name in ("sample_authorities", "sample_families", "sample_children", "sample_staff")
}
FINDING_KEYS = {
    "before": ("value_before", False),
    "after": ("value_after", False),
    "comparison": ("comparison_value", False),
    "change": ("change_value", False),
    "n": ("sample_size", True),
}


def _read_figure(written: Any, whole: bool) -> Figure:
    figure = parse_figure(written)
    ends = [figure.value] + ([figure.upper] if figure.upper is not None else [])
    if whole and any(end != end.to_integral_value() or end < 0 for end in ends):
        raise FigureFormatError(f"{written!r}: a count is a whole number")
    return figure


def _check_figures(
    datafile: DataFile, table: str, position: int, entry: dict[str, Any], keys: dict
) -> None:
    """Each figure is a number or the source's words for a vague one ('18–19', 'over 200',
    'about 50'); anything else is reported with its line."""
    for key, (_, whole) in keys.items():
        if key in entry:
            try:
                _read_figure(entry[key], whole)
            except FigureFormatError as error:
                datafile.error(table, position, key, str(error))


def _stored(number: Decimal | None, whole: bool) -> Decimal | int | None:
    if number is None:
        return None
    return int(number) if whole else number


def figure_values(entry: dict[str, Any], keys: dict) -> dict[str, Any]:
    """The value, kind and upper-end columns of every figure the entry may give (a figure
    left out is empty and exact, so a re-load clears one removed from the file)."""
    values: dict[str, Any] = {}
    for key, (column, whole) in keys.items():
        figure = _read_figure(entry[key], whole) if key in entry else None
        values[column] = _stored(figure.value, whole) if figure else None
        values[f"{column}_kind"] = figure.kind if figure else FigureKind.EXACT
        values[f"{column}_upper"] = _stored(figure.upper, whole) if figure else None
    return values


def finding_citations(
    item: dict[str, Any], read_in: list[CitationSpec], document: str
) -> list[CitationSpec]:
    """A finding cites the place it is read (its section, in the evaluation's reading
    document) and, where given, the page of the evaluation's own document."""
    specs = [CitationSpec(source=read_in[0].source, locator=item["section"])] if read_in else []
    page = item.get("page")
    if page and document:
        specs.append(CitationSpec(source=document, locator=page))
    return specs


def required_slugs(data: dict[str, Any] | None = None) -> tuple[set[str], set[str]]:
    """(practice model slugs, authority slugs) the evidence refers to."""
    data = data if data is not None else read_data()
    models: set[str] = set()
    authorities: set[str] = set()
    for evaluation in data["evaluation"]:
        models.update(evaluation.get("models", []))
        authorities.update(evaluation.get("authorities", []))
        for finding in evaluation.get("finding", []):
            if finding.get("model"):
                models.add(finding["model"])
            if finding.get("authority"):
                authorities.add(finding["authority"])
    return models, authorities


def _registry_lookups(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    model_slugs, authority_slugs = required_slugs(data)
    models = {m.slug: m for m in PracticeModel.objects.filter(slug__in=model_slugs)}
    authorities = {a.slug: a for a in LocalAuthority.objects.filter(slug__in=authority_slugs)}
    missing_models = sorted(model_slugs - models.keys())
    missing_authorities = sorted(authority_slugs - authorities.keys())
    if missing_models or missing_authorities:
        raise MissingRegistrySlugs(models=missing_models, authorities=missing_authorities)
    return models, authorities


@transaction.atomic
def load(*, stdout: IO[str] | None = None, path: Path = DATA_FILE) -> EvidenceLoadSummary:
    data = read_data(path)
    check_independence(data, path)
    links = check_sources(path)
    catalogue.load()
    sources = {source.key: source for source in Source.objects.all()}
    models, authorities = _registry_lookups(data)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}

    def tally(status: str) -> None:
        counts[status] += 1

    domains = {}
    for position, row in enumerate(data["domain"]):
        domain, status = save_if_changed(
            OutcomeDomain,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "short_name": row["short_name"],
                "group": row["group"],
                "description": row.get("description", ""),
                "position": position,
            },
        )
        domains[domain.slug] = domain
        tally(status)

    finding_count = 0
    now = timezone.now()
    for row in data["evaluation"]:
        evaluation, status = save_if_changed(
            Evaluation,
            {"slug": row["slug"]},
            {
                "title": row["title"],
                "evaluator": row["evaluator"],
                "year": row.get("year"),
                "publisher": row.get("publisher", ""),
                "url": row.get("url", ""),
                "kind": row["kind"],
                "design": row["design"],
                "period_covered": row.get("period", ""),
                "sample": row.get("sample", ""),
                **figure_values(row, SAMPLE_KEYS),
                "funder": row.get("funder", ""),
                "status": row["status"],
                "due": row.get("due", ""),
                "summary": row["summary"],
                "source_document": row["source_document"],
                "source_section": row["source_section"],
                "sms_level": row.get("sms_level"),
                "strength": row["strength"],
                "strength_reason": row["strength_reason"],
                "source": sources[links.documents[row["slug"]]],
            },
        )
        tally(status)
        read_in = links.citations[row["slug"]]
        set_citations(evaluation, read_in)
        set_if_changed(evaluation.practice_models, [models[s] for s in row.get("models", [])])
        set_if_changed(evaluation.authorities, [authorities[s] for s in row.get("authorities", [])])
        for position, item in enumerate(row.get("finding", [])):
            quotation = item.get("quote", "")
            attribution = ""
            if quotation:
                where = item.get("page") or item["section"]
                attribution = item.get("quote_by") or f"{row['quote_by']}, {where}"
            defaults = {
                "evaluation": evaluation,
                "practice_model": models[item["model"]] if item.get("model") else None,
                "authority": authorities[item["authority"]] if item.get("authority") else None,
                "outcome_domain": domains[item["domain"]],
                "statement": item["statement"],
                "measure": item.get("measure", ""),
                **figure_values(item, FINDING_KEYS),
                "comparison_label": item.get("comparison_label", ""),
                "unit": item.get("unit", ""),
                "period": item.get("period", ""),
                "direction": item["direction"],
                "significance": item.get("significance", "not_stated"),
                "source_section": item["section"],
                "page_reference": item.get("page", ""),
                "quotation": quotation,
                "quotation_attribution": attribution,
                "status": Finding.Status.PUBLISHED,
                "position": position,
            }
            finding, status = save_if_changed(
                Finding, {"key": item["key"]}, defaults, create_values={"published_at": now}
            )
            tally(status)
            set_citations(finding, finding_citations(item, read_in, links.documents[row["slug"]]))
            finding_count += 1

    refresh_search_documents(Finding.objects.all())
    summary = EvidenceLoadSummary(
        domains=len(domains),
        evaluations=len(data["evaluation"]),
        findings=finding_count,
        created=counts["created"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        kept=counts["kept"],
    )
    logger.info("%s", summary)
    if stdout is not None:
        stdout.write(f"{summary}\n")
    return summary

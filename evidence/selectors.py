"""Reads for the evidence pages, the API and the registry's pages. Each is constant-query."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, QuerySet, Value, When
from django.http import QueryDict

from accounts.models import AnyUser
from evidence import presenters
from evidence.filters import FindingFilter
from evidence.models import (
    STRENGTH_RANK,
    Direction,
    Evaluation,
    Finding,
    FindingReview,
    OutcomeDomain,
    Strength,
)
from evidence.permissions import editable_findings
from models_registry.models import LocalAuthority, PracticeModel
from sources.selectors import citations_prefetch

RANK_TO_STRENGTH = {rank: strength for strength, rank in STRENGTH_RANK.items()}


def strength_rank(field_name: str = "evaluation__strength") -> Case:
    return Case(
        *(
            When(**{field_name: strength}, then=Value(rank))
            for strength, rank in STRENGTH_RANK.items()
        ),
        default=Value(-1),
        output_field=IntegerField(),
    )


def published_findings() -> QuerySet:
    return (
        Finding.objects.published()
        .select_related("evaluation", "practice_model", "authority", "outcome_domain")
        .prefetch_related(citations_prefetch())
    )


def ordered_by_strength(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(strength_rank=strength_rank()).order_by(
        "-strength_rank", "-evaluation__year", "evaluation__slug", "position", "key"
    )


def filter_findings(params: QueryDict | None) -> FindingFilter:
    """The shared FilterSet over published findings: best match first when searching on
    PostgreSQL, otherwise (and as the tie-break) strongest evidence first."""
    return FindingFilter(params, queryset=ordered_by_strength(published_findings()))


# --- The evidence map ---------------------------------------------------------------------


ACROSS_MODELS_LABEL = "Across models"


@dataclass(frozen=True)
class MapCell:
    model: PracticeModel | None
    domain: OutcomeDomain
    count: int
    strength: str | None
    direction: str | None
    independent_count: int

    @property
    def has_evidence(self) -> bool:
        return self.count > 0

    @property
    def strength_label(self) -> str:
        return Strength(self.strength).label if self.strength else "No evidence"

    @property
    def direction_label(self) -> str:
        return Direction(self.direction).label if self.direction else ""

    @property
    def css_modifier(self) -> str:
        return presenters.STRENGTH_CSS[self.strength] if self.strength else "none"

    @property
    def search_url(self) -> str:
        model = self.model.slug if self.model else "null"
        return presenters.search_url(model=model, outcome=self.domain.slug)

    @property
    def model_name(self) -> str:
        return self.model.name if self.model else ACROSS_MODELS_LABEL


@dataclass(frozen=True)
class MapRow:
    model: PracticeModel | None
    cells: list[MapCell]
    total: int
    independent_total: int


@dataclass(frozen=True)
class EvidenceMap:
    domains: list[OutcomeDomain]
    rows: list[MapRow]
    models_without_evidence: list[PracticeModel] = field(default_factory=list)


def _direction_of_strongest(directions: list[str]) -> str:
    distinct = set(directions)
    return distinct.pop() if len(distinct) == 1 else Direction.MIXED


def evidence_map() -> EvidenceMap:
    """Models by outcome domains: count, strongest evidence and its direction. Three queries."""
    domains = list(OutcomeDomain.objects.all())
    models = list(PracticeModel.objects.order_by("name"))
    groups = (
        Finding.objects.published()
        .values(
            "practice_model_id",
            "outcome_domain_id",
            "evaluation__strength",
            "evaluation__kind",
            "direction",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[int | None, int], int] = defaultdict(int)
    independent: dict[tuple[int | None, int], int] = defaultdict(int)
    best: dict[tuple[int | None, int], tuple[int, list[str]]] = {}
    for group in groups:
        key = (group["practice_model_id"], group["outcome_domain_id"])
        counts[key] += group["n"]
        if group["evaluation__kind"] != Evaluation.Kind.SELF_REPORTED:
            independent[key] += group["n"]
        rank = STRENGTH_RANK[group["evaluation__strength"]]
        current = best.get(key)
        if current is None or rank > current[0]:
            best[key] = (rank, [group["direction"]])
        elif rank == current[0]:
            current[1].append(group["direction"])
    rows = []
    across_models = any(model_id is None for model_id, _ in counts)
    for model in [*models, None] if across_models else models:
        cells = []
        for domain in domains:
            key = (model.pk if model else None, domain.pk)
            strongest = best.get(key)
            cells.append(
                MapCell(
                    model=model,
                    domain=domain,
                    count=counts.get(key, 0),
                    strength=RANK_TO_STRENGTH[strongest[0]] if strongest else None,
                    direction=_direction_of_strongest(strongest[1]) if strongest else None,
                    independent_count=independent.get(key, 0),
                )
            )
        rows.append(
            MapRow(
                model=model,
                cells=cells,
                total=sum(c.count for c in cells),
                independent_total=sum(c.independent_count for c in cells),
            )
        )
    return EvidenceMap(
        domains=domains,
        rows=rows,
        models_without_evidence=[row.model for row in rows if row.total == 0 and row.model],
    )


# --- Evaluations ----------------------------------------------------------------------------


def evaluations_list() -> QuerySet:
    return Evaluation.objects.prefetch_related("practice_models").annotate(
        finding_count=Count("findings", filter=_published_q())
    )


def _published_q() -> Q:
    return Q(findings__status=Finding.Status.PUBLISHED)


@dataclass(frozen=True)
class OutcomeGroup:
    domain: OutcomeDomain
    rows: list


def evaluation_detail(slug: str) -> Evaluation:
    findings = (
        Finding.objects.published()
        .select_related("practice_model", "authority", "outcome_domain")
        .prefetch_related(citations_prefetch())
        .order_by("outcome_domain__position", "position", "key")
    )
    return (
        Evaluation.objects.select_related("source__cited_in")
        .prefetch_related(
            "practice_models",
            "authorities",
            citations_prefetch(),
            Prefetch("findings", queryset=findings, to_attr="published"),
        )
        .get(slug=slug)
    )


def findings_by_outcome(evaluation: Evaluation) -> list[OutcomeGroup]:
    groups: dict[int, OutcomeGroup] = {}
    for finding in evaluation.published:  # type: ignore[attr-defined]  # a Prefetch to_attr
        finding.evaluation = evaluation
        group = groups.setdefault(
            finding.outcome_domain_id, OutcomeGroup(domain=finding.outcome_domain, rows=[])
        )
        group.rows.append(presenters.finding_row(finding))
    return list(groups.values())


def finding_detail(key: str) -> Finding:
    return published_findings().get(key=key)


# --- Summaries for the registry's model and authority pages ------------------------------


@dataclass(frozen=True)
class StrengthCount:
    strength: str
    label: str
    count: int


@dataclass(frozen=True)
class EvidenceSummary:
    total: int
    by_strength: list[StrengthCount]
    strongest: list[presenters.FindingRow]
    search_url: str

    @property
    def has_evidence(self) -> bool:
        return self.total > 0


def _summary(queryset: QuerySet, search_url: str, limit: int) -> EvidenceSummary:
    counts = dict(queryset.values_list("evaluation__strength").annotate(n=Count("id")).order_by())
    by_strength = [
        StrengthCount(strength=value, label=label, count=counts.get(value, 0))
        for value, label in Strength.choices
    ]
    strongest = [
        presenters.finding_row(f)
        for f in ordered_by_strength(
            queryset.select_related("evaluation", "practice_model", "authority", "outcome_domain")
        )[:limit]
    ]
    return EvidenceSummary(
        total=sum(counts.values()),
        by_strength=by_strength,
        strongest=strongest,
        search_url=search_url,
    )


def evidence_summary_for_model(model: PracticeModel, *, limit: int = 3) -> EvidenceSummary:
    """Counts by strength and the strongest findings about a practice model (two queries)."""
    return _summary(
        Finding.objects.published().filter(practice_model=model),
        presenters.search_url(model=model.slug),
        limit,
    )


def evidence_summary_for_authority(authority: LocalAuthority, *, limit: int = 3) -> EvidenceSummary:
    """Counts by strength and the strongest findings about an authority (two queries)."""
    return _summary(
        Finding.objects.published().filter(authority=authority),
        presenters.search_url(authority=authority.slug),
        limit,
    )


@dataclass(frozen=True)
class ModelEvidenceCount:
    count: int
    strongest: str | None

    @property
    def strongest_label(self) -> str:
        return Strength(self.strongest).label if self.strongest else "No evidence"


def evidence_counts_for_models(models: Sequence[PracticeModel]) -> dict[int, ModelEvidenceCount]:
    """Finding count and strongest rating per practice model id, in one query."""
    ids = [m.pk for m in models]
    rows = (
        Finding.objects.published()
        .filter(practice_model_id__in=ids)
        .values("practice_model_id")
        .annotate(n=Count("id"), best=Max(strength_rank()))
        .order_by()
    )
    found = {
        row["practice_model_id"]: ModelEvidenceCount(
            count=row["n"], strongest=RANK_TO_STRENGTH.get(row["best"])
        )
        for row in rows
    }
    return {pk: found.get(pk, ModelEvidenceCount(count=0, strongest=None)) for pk in ids}


def proposals_for(user: AnyUser) -> QuerySet[Finding]:
    """The findings proposed by authority editors that `user` may follow, with every
    decision on each: an editor's own authority's, every one for a regional admin."""
    proposed = Finding.objects.filter(proposed_by__isnull=False)
    return (
        editable_findings(user, proposed)
        .select_related("practice_model", "outcome_domain", "authority")
        .prefetch_related(Prefetch("reviews", FindingReview.objects.order_by("-decided_at", "-pk")))
        .order_by("-pk")
    )

"""Turn registry objects into what the templates show, so templates stay free of logic."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma

from models_registry import confirmations
from models_registry.models import Adoption, PracticeModel


def money(amount: Decimal | int | None) -> str:
    """£1,900,000 → '£1.9m'; smaller sums in full."""
    if amount is None:
        return ""
    amount = int(amount)
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:.1f}m".replace(".0m", "m")
    return f"£{intcomma(amount)}"


def since_text(adoption: Adoption) -> str:
    """'Since 2013, relaunched 2019' and the like; 'Not stated' when no source gives a date."""
    parts = []
    if adoption.year_started:
        parts.append(f"Since {adoption.year_started}")
    if adoption.year_relaunched:
        parts.append(f"relaunched {adoption.year_relaunched}")
    text = ", ".join(parts)
    if adoption.started_note:
        text = f"{text} ({adoption.started_note})" if text else adoption.started_note
    return text or "Not stated"


def funding_text(adoption: Adoption) -> str:
    if not adoption.dfe_programme:
        return "None recorded"
    text = adoption.get_dfe_programme_display()
    if adoption.dfe_amount is not None:
        text += f": {money(adoption.dfe_amount)}"
    if adoption.dfe_year:
        text += f" ({adoption.dfe_year})"
    return text


@dataclass
class AdoptionRow:
    adoption: Adoption
    authority_name: str
    authority_slug: str
    model_name: str
    model_slug: str
    role: str
    status: str
    since: str
    services: list[str]
    funding: str
    citations: list
    notes: str
    own_reports: list = field(default_factory=list)


def adoption_row(adoption: Adoption) -> AdoptionRow:
    return AdoptionRow(
        adoption=adoption,
        authority_name=adoption.local_authority.name,
        authority_slug=adoption.local_authority.slug,
        model_name=adoption.practice_model.name,
        model_slug=adoption.practice_model.slug,
        role=adoption.get_role_display(),
        status=adoption.get_status_display(),
        since=since_text(adoption),
        services=[service.name for service in adoption.services.all()],
        funding=funding_text(adoption),
        citations=list(adoption.citations.all()),
        notes=adoption.notes,
        own_reports=own_reports(adoption.statements.all()),
    )


def own_reports(statements: Iterable[Any]) -> list:
    """What the authority has stated itself, the latest statement a field (statements come
    newest first within a field: AuthorityStatement's ordering)."""
    latest: dict[str, Any] = {}
    for statement in statements:
        latest.setdefault(statement.field, statement)
    return list(latest.values())


@dataclass
class RegionTableRow:
    """One row of the 'models in use' table of Models of Social Work Practice."""

    model: PracticeModel
    label: str
    primary: list = field(default_factory=list)
    alongside: list = field(default_factory=list)


def region_table(adoptions: Iterable[Adoption]) -> list[RegionTableRow]:
    """Group the survey's adoptions by model into the table's two columns. The row label
    says '(bespoke)' or '(in development)' as the table does."""
    rows: dict[int, RegionTableRow] = {}
    statuses: dict[int, set] = {}
    for adoption in adoptions:
        model = adoption.practice_model
        row = rows.setdefault(model.pk, RegionTableRow(model=model, label=model.name))
        statuses.setdefault(model.pk, set()).add(adoption.status)
        getattr(row, adoption.table_column).append(adoption.local_authority)
    for pk, row in rows.items():
        if row.model.kind == PracticeModel.Kind.BESPOKE:
            row.label = f"{row.model.name} (bespoke)"
        elif statuses[pk] == {Adoption.Status.IN_DEVELOPMENT}:
            row.label = f"{row.model.name} (in development)"
        row.primary.sort(key=lambda authority: authority.name)
        row.alongside.sort(key=lambda authority: authority.name)
    return list(rows.values())


# Who made a change, as every page shows it: a role and an authority, never a person's
# name or email address (issue 16: history is public, and people's addresses are not).
_REGIONAL_TEAM = "The regional team"
_ROLE_AUTHORS = {
    "authority_editor": "An authority editor",
    "authority_analyst": "An authority analyst",
    "member": "A member",
}


def change_author(role: str | None, authority_name: str | None) -> str:
    """'An authority editor, Bracknell Forest'; 'The regional team' for regional roles."""
    label = _ROLE_AUTHORS.get(role or "")
    if label is None:
        return _REGIONAL_TEAM
    return f"{label}, {authority_name}" if authority_name else label


def user_as_author(user: Any) -> str:
    """change_author for a user (its authority fetched with it: select_related). The user
    is accounts' User, which this layer may not name."""
    authority = user.authority.name if user.authority_id else None
    return change_author(user.role, authority)


@dataclass
class HistoryEntry:
    when: object
    who: str
    action: str
    reason: str
    what: str = ""
    revert_url: str = ""


_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def history_entries(
    records: Iterable[Any],
    describe: Callable[[Any], str] | None = None,
    revert_url: Callable[[Any], str] | None = None,
) -> list[HistoryEntry]:
    """`revert_url(record)` gives each entry its link to revert it (models_registry/reverts.py),
    for a viewer who may; without it the entries have none."""
    entries = []
    for record in records:
        user = record.history_user
        who = user_as_author(user) if user else "Data load"
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who,
                action=_ACTIONS.get(record.history_type, "Changed"),
                reason=record.history_change_reason or "",
                what=describe(record) if describe else "",
                revert_url=revert_url(record) if revert_url else "",
            )
        )
    return entries


@dataclass
class CompareRow:
    label: str
    cells: list


def _names(items) -> str:
    return ", ".join(item.name for item in items) or "None recorded"


def _authority_with_role(adoption: Adoption) -> str:
    if adoption.role == Adoption.Role.NOT_STATED:
        return adoption.local_authority.name
    return f"{adoption.local_authority.name} ({adoption.get_role_display().lower()})"


def compare_rows(models: list[PracticeModel], evidence_by_model: dict | None) -> list[CompareRow]:
    """The compare table, row by row (the issue's list). The evidence row appears only
    once the evidence library supplies `evidence_by_model` ({slug: summary text})."""
    rows = [
        CompareRow("Kind", [model.get_kind_display() or "Not stated" for model in models]),
        CompareRow("Origin", [model.origin or "Not stated" for model in models]),
        CompareRow("Underpinnings", [_names(model.underpinnings.all()) for model in models]),
        CompareRow("Practice tools", [_names(model.tools.all()) for model in models]),
        CompareRow(
            "Services using it",
            [
                ", ".join(sorted({s.name for a in model.adoptions.all() for s in a.services.all()}))
                or "Not stated"
                for model in models
            ],
        ),
        CompareRow(
            "Authorities",
            [
                "; ".join(_authority_with_role(a) for a in model.adoptions.all()) or "None recorded"
                for model in models
            ],
        ),
        CompareRow(
            "DfE funding",
            [
                "; ".join(
                    f"{a.local_authority.name}: {funding_text(a)}"
                    for a in model.adoptions.all()
                    if a.dfe_programme
                )
                or "None recorded"
                for model in models
            ],
        ),
        CompareRow(
            "Funding and costs", [model.funding_and_costs or "Not stated" for model in models]
        ),
    ]
    if evidence_by_model:
        rows.append(
            CompareRow(
                "Evidence",
                [evidence_by_model.get(model.slug, "None recorded") for model in models],
            )
        )
    return rows


def evidence_count_text(count: Any) -> str:
    """The compare table's evidence cell: how many findings and the strongest rating
    (`count` has `.count` and `.strongest_label`: models_registry/summaries.py)."""
    if not count.count:
        return "No published findings"
    plural = "" if count.count == 1 else "s"
    return f"{count.count} finding{plural}; strongest evidence: {count.strongest_label}"


def attach_change_authors(themes: Iterable[Any]) -> None:
    """Each theme's `last_changed_by`, from the role and authority the themes selector
    annotates; empty for a data load (the template says so)."""
    for theme in themes:
        role = getattr(theme, "last_changed_by_role", None)
        theme.last_changed_by = change_author(role, theme.last_changed_by_authority) if role else ""


@dataclass(frozen=True)
class ConfirmationStatus:
    """What a page says about when an entry or a contact was last confirmed:
    "Last confirmed by the authority on 3 March 2027" while within the period, "Not
    confirmed since 3 March 2027" once overdue, "Not confirmed since it was listed" when it
    never was (the template writes it: models_registry/includes/confirmation.html)."""

    last_confirmed: datetime.date | None
    overdue: bool
    by: str


def confirmation_status(entry: Any, *, today: datetime.date) -> ConfirmationStatus:
    """`entry` is a LocalAuthority or a Contact with `confirmed_by` fetched with it."""
    confirmer = entry.confirmed_by
    by = "the authority"
    if confirmer is not None and change_author(confirmer.role, None) == _REGIONAL_TEAM:
        by = "the regional team"
    return ConfirmationStatus(
        last_confirmed=entry.last_confirmed,
        overdue=confirmations.is_overdue(entry.last_confirmed, today=today),
        by=by,
    )


def attach_confirmation(entries: Iterable[Any], *, today: datetime.date) -> None:
    """Each entry's `confirmation` (ConfirmationStatus), for the templates."""
    for entry in entries:
        entry.confirmation = confirmation_status(entry, today=today)

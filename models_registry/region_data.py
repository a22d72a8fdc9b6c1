"""Load the region's registry content (models_registry.region_facts) into the database.

Idempotent: rows are matched on their natural keys (slugs; authority and model for an
adoption; authority, model and name for a contact) and saved only when a value differs,
so re-running neither duplicates rows nor adds empty history entries.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from models_registry import region_facts as facts
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
from seslip.loading import RowT, save_if_changed, set_if_changed

logger = logging.getLogger(__name__)

CHANGE_REASON = "Loaded from the seed documents by load_region"


@dataclass
class RegionLoadSummary:
    """What one run of the registry loader created and changed, per kind of row."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in kinds
        ]


def _upsert(summary: RegionLoadSummary, model: type[RowT], lookup: dict, values: dict) -> RowT:
    """Create or update one row; save only when something differs."""
    row, status = save_if_changed(model, lookup, values, change_reason=CHANGE_REASON)
    getattr(summary, status)[model._meta.verbose_name_plural] += 1
    return row


def _set_many(manager: Any, rows: list) -> None:
    """Replace a many-to-many set only when it differs (keeps re-runs quiet)."""
    set_if_changed(manager, rows)


def load(*, stdout: TextIO | None = None) -> RegionLoadSummary:
    """Create or update every authority, model, adoption, contact and theme the seeds name."""
    summary = RegionLoadSummary()

    underpinnings = {
        fact.slug: _upsert(
            summary,
            Underpinning,
            {"slug": fact.slug},
            {"name": fact.name, "description": fact.description, "source": fact.source},
        )
        for fact in facts.UNDERPINNINGS
    }
    tools = {
        fact.slug: _upsert(
            summary,
            PracticeTool,
            {"slug": fact.slug},
            {"name": fact.name, "description": fact.description, "source": fact.source},
        )
        for fact in facts.TOOLS
    }
    services = {
        fact.slug: _upsert(
            summary, Service, {"slug": fact.slug}, {"name": fact.name, "position": fact.position}
        )
        for fact in facts.SERVICES
    }

    authorities = {
        fact.slug: _upsert(
            summary,
            LocalAuthority,
            {"slug": fact.slug},
            {
                "name": fact.name,
                "kind": fact.kind,
                "gss_code": fact.gss_code,
                "region": fact.region,
                "ofsted_judgement": fact.ofsted_judgement,
                "ofsted_date": fact.ofsted_date,
                "ofsted_when": fact.ofsted_when,
                "ofsted_source": fact.ofsted_source,
                "context": fact.context,
                "source": fact.source,
            },
        )
        for fact in facts.AUTHORITIES
    }

    practice_models = {}
    for fact in facts.MODELS:
        row = _upsert(
            summary,
            PracticeModel,
            {"slug": fact.slug},
            {
                "name": fact.name,
                "short_name": fact.short_name,
                "kind": fact.kind,
                "table_position": fact.table_position,
                "overview": fact.overview,
                "developed_by": fact.developed_by,
                "origin_place": fact.origin_place,
                "origin_period": fact.origin_period,
                "key_features": "\n".join(fact.key_features),
                "evaluation": fact.evaluation,
                "funding_and_costs": fact.funding_and_costs,
                "drivers_and_challenges": fact.drivers_and_challenges,
                "website": fact.website,
                "source": fact.source,
            },
        )
        _set_many(row.underpinnings, [underpinnings[slug] for slug in fact.underpinnings])
        _set_many(row.tools, [tools[slug] for slug in fact.tools])
        practice_models[fact.slug] = row
    for fact in facts.MODELS:
        row = practice_models[fact.slug]
        builds_on = practice_models[fact.builds_on] if fact.builds_on else None
        if row.builds_on_id != (builds_on.pk if builds_on else None):
            row.builds_on = builds_on
            row._change_reason = CHANGE_REASON  # type: ignore[attr-defined]  # simple-history
            row.save(update_fields=["builds_on", "updated_at"])

    for adoption_fact in facts.ADOPTIONS:
        adoption = _upsert(
            summary,
            Adoption,
            {
                "local_authority": authorities[adoption_fact.authority],
                "practice_model": practice_models[adoption_fact.model],
            },
            {
                "role": adoption_fact.role,
                "status": adoption_fact.status,
                "year_started": adoption_fact.year_started,
                "year_relaunched": adoption_fact.year_relaunched,
                "started_note": adoption_fact.started_note,
                "dfe_programme": adoption_fact.dfe_programme,
                "dfe_amount": adoption_fact.dfe_amount,
                "dfe_year": adoption_fact.dfe_year,
                "survey": adoption_fact.survey,
                "as_at": adoption_fact.as_at,
                "notes": adoption_fact.notes,
                "source": adoption_fact.source,
            },
        )
        _set_many(adoption.services, [services[slug] for slug in adoption_fact.services])

    for contact_fact in facts.CONTACTS:
        _upsert(
            summary,
            Contact,
            {
                "local_authority": authorities[contact_fact.authority],
                "practice_model": practice_models[contact_fact.model],
                "name": contact_fact.name,
            },
            {"role": contact_fact.role, "email": contact_fact.email, "source": contact_fact.source},
        )

    for theme_fact in facts.THEMES:
        theme = _upsert(
            summary,
            Theme,
            {"slug": theme_fact.slug},
            {
                "kind": theme_fact.kind,
                "name": theme_fact.name,
                "position": theme_fact.position,
                "description": theme_fact.description,
                "source": theme_fact.source,
            },
        )
        _set_many(theme.practice_models, [practice_models[slug] for slug in theme_fact.models])
        _set_many(theme.authorities, [authorities[slug] for slug in theme_fact.authorities])

    for line in summary.lines():
        logger.debug("load_region registry: %s", line)
        if stdout is not None:
            stdout.write(f"Registry {line}\n")
    return summary

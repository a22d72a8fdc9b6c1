"""Loads the KPI part of the region's data: the toolkit, cohorts and demonstration returns.

`load()` is called by `manage.py load_region` after the registry has created the
authorities (helpers SLUGS.md). It is idempotent: definitions and cohorts are updated in
place, and each generated return is byte for byte the same file every time, which the
import recognises and leaves alone. The returns are synthetic (kpi/generator.py) and
marked `is_synthetic`, which every page showing them says.
"""

import io
import zlib

from django.core.management.base import OutputWrapper

from kpi.definitions import FAMILY_SAFEGUARDING_AUTHORITIES
from kpi.generator import CohortGenerator, write_csv
from kpi.quarters import Quarter
from kpi.services.imports import import_submission
from kpi.services.toolkit import ensure_cohorts, load_definitions
from models_registry.models import LocalAuthority

DEMO_QUARTERS = ("2018-Q1", "2018-Q2")
DEMO_FAMILIES = 150


class _Named(io.BytesIO):
    name = ""


def demo_file(*, slug: str, quarter: Quarter, families: int = DEMO_FAMILIES) -> _Named:
    text = io.StringIO()
    generator = CohortGenerator(
        authority_slug=slug, quarter=quarter, families=families, seed=zlib.crc32(slug.encode())
    )
    write_csv(generator.rows(), text)
    file = _Named(text.getvalue().encode("utf-8"))
    file.name = f"synthetic-{slug}-{quarter}.csv"
    return file


def load(*, stdout: OutputWrapper | None = None) -> None:
    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    fields, indicators = load_definitions()
    say(f"KPI toolkit: {fields} fields and {indicators} indicators.")
    for slug in FAMILY_SAFEGUARDING_AUTHORITIES:
        authority = LocalAuthority.objects.filter(slug=slug).first()
        if authority is None:
            say(f"KPI: no authority '{slug}' yet; load the registry first. Skipped.")
            continue
        ensure_cohorts(authority=authority)
        for text in DEMO_QUARTERS:
            quarter = Quarter.parse(text)
            report = import_submission(
                authority=authority,
                quarter=quarter,
                file=demo_file(slug=slug, quarter=quarter),
                user=None,
                background=False,
                is_synthetic=True,
            )
            say(f"KPI: {authority.name} {quarter} synthetic demonstration return {report.outcome}.")

"""Grow the real region's data to N times its size for benchmarks (benchmarks/run.py).

Generated rows are marked by their names ("Generated …") and slugs ("gen-…"); cohort
returns go through the real import service with generated (synthetic) files."""

import io
import random

from django.db import transaction

from evidence.models import Evaluation, Finding
from evidence.search import refresh_search_documents
from kpi.generator import CohortGenerator, write_csv
from kpi.quarters import Quarter
from kpi.services.imports import import_submission
from kpi.services.toolkit import ensure_cohorts
from models_registry.models import Adoption, LocalAuthority, PracticeModel

FS_AUTHORITIES_IN_REGION = 5
RETURN_FAMILIES = 30


def grow_region(scale: int) -> None:
    rng = random.Random(scale)
    copies = scale - 1
    with transaction.atomic():
        authorities = grow_authorities(copies)
        models = grow_models(copies)
        grow_adoptions(authorities, list(PracticeModel.objects.all()), rng)
        grow_evidence(copies, models, authorities, rng)
    grow_cohort_returns(copies * FS_AUTHORITIES_IN_REGION)


def grow_authorities(copies: int) -> list[LocalAuthority]:
    originals = list(LocalAuthority.objects.filter(region="South East"))
    created = [
        LocalAuthority(
            name=f"Generated {original.name} {n}",
            slug=f"gen-{original.slug}-{n}",
            gss_code="",
            region="Generated",
            kind=original.kind,
            context=original.context,
        )
        for n in range(1, copies + 1)
        for original in originals
    ]
    return LocalAuthority.objects.bulk_create(created, batch_size=1000)


def grow_models(copies: int) -> list[PracticeModel]:
    originals = list(PracticeModel.objects.all())
    created = [
        PracticeModel(
            name=f"Generated {original.name} {n}",
            slug=f"gen-{original.slug}-{n}"[:160],
            kind=original.kind,
            overview=original.overview,
        )
        for n in range(1, copies + 1)
        for original in originals
    ]
    return PracticeModel.objects.bulk_create(created, batch_size=1000)


def grow_adoptions(authorities, models, rng) -> None:
    adoptions = []
    for authority in authorities:
        for role, model in zip(
            (Adoption.Role.ONLY_OR_PRIMARY, Adoption.Role.ALONGSIDE),
            rng.sample(models, 2),
            strict=True,
        ):
            adoptions.append(
                Adoption(
                    local_authority=authority,
                    practice_model=model,
                    role=role,
                )
            )
    Adoption.objects.bulk_create(adoptions, batch_size=1000)


def clone(instance, **changes):
    """An unsaved copy of a row with some fields changed."""
    model = type(instance)
    values = {
        field.attname: getattr(instance, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key
    }
    values.update(changes)
    return model(**values)


def grow_evidence(copies: int, models, authorities, rng) -> None:
    evaluations = list(Evaluation.objects.all())
    findings = list(Finding.objects.all())
    for n in range(1, copies + 1):
        clones = [clone(e, slug=f"gen-{n}-{e.slug}"[:120]) for e in evaluations]
        Evaluation.objects.bulk_create(clones, batch_size=1000)
        new_pk = {e.pk: c.pk for e, c in zip(evaluations, clones, strict=True)}
        Finding.objects.bulk_create(
            [
                clone(
                    f,
                    key=f"gen-{n}-{f.key}"[:120],
                    evaluation_id=new_pk[f.evaluation_id],
                    practice_model_id=rng.choice(models).pk if f.practice_model_id else None,
                    authority_id=rng.choice(authorities).pk if f.authority_id else None,
                )
                for f in findings
            ],
            batch_size=1000,
        )
    refresh_search_documents(Finding.objects.all())


def grow_cohort_returns(count: int) -> None:
    quarter = Quarter.parse("2018-Q1")
    for n in range(1, count + 1):
        authority = LocalAuthority.objects.create(
            name=f"Generated Family Safeguarding authority {n}",
            slug=f"gen-fs-{n}",
            region="Generated",
        )
        ensure_cohorts(authority=authority)
        text = io.StringIO()
        write_csv(
            CohortGenerator(
                authority_slug=authority.slug, quarter=quarter, families=RETURN_FAMILIES, seed=n
            ).rows(),
            text,
        )
        file = io.BytesIO(text.getvalue().encode("utf-8"))
        file.name = f"generated-{n}.csv"
        import_submission(
            authority=authority, quarter=quarter, file=file, user=None, is_synthetic=True
        )

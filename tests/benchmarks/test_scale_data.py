"""The benchmark's data growth (benchmarks/scale_data.py) keeps up with the models: it
broke silently once, when the registry's free-text `source` fields became citations, and
`make bench` failed at 10x after an hour's wait."""

import pytest

from benchmarks import scale_data
from evidence.models import Evaluation, Finding
from kpi.models import Family, Submission
from kpi.services.toolkit import load_definitions
from models_registry.models import Adoption, LocalAuthority, PracticeModel
from tests.factories import (
    EvaluationFactory,
    FindingFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
)

pytestmark = pytest.mark.django_db


def test_twice_the_region_doubles_it_and_adds_generated_returns(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # Small returns, and one per copy: the import itself is tested in tests/kpi.
    monkeypatch.setattr(scale_data, "FS_AUTHORITIES_IN_REGION", 1)
    monkeypatch.setattr(scale_data, "RETURN_FAMILIES", 5)
    load_definitions()
    for slug in ("bracknell-forest", "surrey"):
        LocalAuthorityFactory(slug=slug, name=slug.title(), region="South East")
    for slug in ("family-safeguarding", "signs-of-safety"):
        PracticeModelFactory(slug=slug, name=slug.title())
    FindingFactory(evaluation=EvaluationFactory())
    models = PracticeModel.objects.count()

    scale_data.grow_region(2)

    generated = LocalAuthority.objects.filter(slug__startswith="gen-")
    assert generated.filter(region="Generated", name__startswith="Generated ").count() == 3
    assert PracticeModel.objects.count() == 2 * models
    assert Adoption.objects.filter(local_authority__slug__startswith="gen-").count() == 4
    assert (Evaluation.objects.count(), Finding.objects.count()) == (2, 2)
    accepted = Submission.objects.filter(status="accepted", authority__slug="gen-fs-1")
    assert accepted.count() == 1
    assert Family.objects.count() == 5

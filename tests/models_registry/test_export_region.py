"""An export of the registry and the evidence library re-imports into an empty database
to an identical state."""

import io
import json
import re
from datetime import datetime

import pytest
from django.core.management import call_command

from evidence.models import Finding
from models_registry.models import Adoption, LocalAuthority

pytestmark = pytest.mark.django_db(transaction=True)


TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def normalised(text: str) -> list:
    """The export with each timestamp as a datetime: Django's JSON writes milliseconds, so
    a reloaded 12:00:00.000 comes back out as 12:00:00Z, the same instant."""

    def walk(value):
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, str) and TIMESTAMP.match(value):
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value

    return walk(json.loads(text))


def export() -> str:
    out = io.StringIO()
    call_command("export_region", stdout=out)
    return out.getvalue()


def test_export_reimports_into_an_empty_database_identically(tmp_path):
    from evidence.region_data import load as load_evidence
    from models_registry.region_data import load as load_registry

    load_registry()
    load_evidence()
    first = export()
    counts = (LocalAuthority.objects.count(), Adoption.objects.count(), Finding.objects.count())
    path = tmp_path / "region.json"
    path.write_text(first)

    call_command("flush", interactive=False, verbosity=0)
    assert LocalAuthority.objects.count() == 0
    call_command("import_region", str(path), stdout=io.StringIO())

    assert (
        LocalAuthority.objects.count(),
        Adoption.objects.count(),
        Finding.objects.count(),
    ) == counts
    again, before = normalised(export()), normalised(first)
    differences = [(a, b) for a, b in zip(before, again, strict=False) if a != b]
    assert len(again) == len(before)
    assert differences == [], differences[:1]

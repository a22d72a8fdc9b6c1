"""Loading the evidence twice changes nothing, not even its history."""

import pytest

from evidence.models import Evaluation, Finding

pytestmark = pytest.mark.django_db


def test_second_load_changes_nothing_and_records_no_history():
    from evidence.region_data import load as load_evidence
    from models_registry.region_data import load as load_registry

    load_registry()
    first = load_evidence()
    history = (Evaluation.history.count(), Finding.history.count())
    second = load_evidence()
    assert first.created > 0
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    assert (Evaluation.history.count(), Finding.history.count()) == history

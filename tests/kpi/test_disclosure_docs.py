"""docs/security.md's tables of which figure is protected by which number are the
registries the code decides by: generated, and checked here so they cannot drift."""

import re
from pathlib import Path

import pytest

from kpi.disclosure import protection_table
from kpi.measures.computation import QUANTITIES, RULES
from kpi.returns.disclosure import AGGREGATE_QUANTITIES, AGGREGATE_RULES

SECURITY = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def documented(name: str) -> str:
    text = SECURITY.read_text(encoding="utf-8")
    found = re.search(
        rf"<!-- protection table: {name} -->\n(.*?)<!-- end of protection table -->",
        text,
        re.DOTALL,
    )
    assert found, f"docs/security.md has no '{name}' protection table"
    return found.group(1)


@pytest.mark.parametrize(
    ("name", "rules", "quantities"),
    [
        ("computed figures", RULES, QUANTITIES),
        ("returned figures", AGGREGATE_RULES, AGGREGATE_QUANTITIES),
    ],
)
def test_the_documented_table_is_the_registry(name, rules, quantities):
    expected = protection_table(rules, quantities)
    assert documented(name) == expected, (
        f"docs/security.md's '{name}' table differs from the code; paste:\n\n{expected}"
    )


def test_every_measure_and_every_quantity_is_in_the_tables():
    computed, returned = documented("computed figures"), documented("returned figures")
    for measure in RULES.shows:
        assert f"| `{measure}` |" in computed
    for measure in AGGREGATE_RULES.shows:
        assert f"| `{measure}` |" in returned
    for quantity in QUANTITIES.values():
        assert quantity.counts in computed

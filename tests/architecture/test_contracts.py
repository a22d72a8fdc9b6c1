"""Every app is held to the same checks (issue 21): no import cycles between its modules,
at any depth (import-linter's `no-cycles` contract), and mypy over all of it. A new app
joins `root_packages` (test_architecture_doc.py) and, with this test, both lists."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
APPS = set(TOOLS["importlinter"]["root_packages"])


def test_every_app_is_in_the_no_cycles_contract():
    contract = next(c for c in TOOLS["importlinter"]["contracts"] if c["id"] == "no-cycles")
    assert contract["type"] == "acyclic_siblings"
    assert set(contract["ancestors"]) == APPS
    assert "ignore_imports" not in contract  # a cycle is removed, never excused


def test_every_app_is_type_checked():
    assert set(TOOLS["mypy"]["files"]) == APPS

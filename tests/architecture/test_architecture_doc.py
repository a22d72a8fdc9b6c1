"""docs/architecture.md stays true to the code: the layers it lists are the import-linter
contract, every portal app is in that contract, and every module the cohort-file diagram
names exists."""

import importlib.util
import re
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]


def _between(start: str, end: str) -> str:
    match = re.search(rf"<!-- {start}\b.*?-->(.*?)<!-- {end} -->", DOC, re.S)
    assert match, f"docs/architecture.md has no {start} block"
    return match.group(1)


def _contract(contract_id: str) -> dict:
    return next(c for c in CONFIG["contracts"] if c["id"] == contract_id)


def _layer(text: str) -> set[str]:
    return {name.strip() for name in text.split("|")}


def test_the_documented_layers_are_the_import_linter_contract():
    documented = re.findall(r"^\d+\. `([^`]+)`", _between("layers", "/layers"), re.M)
    assert [_layer(layer) for layer in documented] == [
        _layer(layer) for layer in _contract("layers")["layers"]
    ]


def test_every_portal_app_is_in_the_layer_contract():
    portal_apps = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
        and "site-packages" not in Path(config.path).parts  # a virtualenv inside the checkout
    }
    in_layers = set().union(*(_layer(layer) for layer in _contract("layers")["layers"]))
    assert portal_apps == set(CONFIG["root_packages"]) == in_layers


def test_every_module_in_the_cohort_file_diagram_exists():
    diagram = _between("cohort-path", "/cohort-path")
    packages = "|".join(CONFIG["root_packages"])
    names = set(re.findall(rf"\b(?:{packages})(?:\.[a-z_]+)+", diagram))
    assert len(names) >= 15, names
    missing = sorted(name for name in names if importlib.util.find_spec(name) is None)
    assert not missing, f"the diagram names modules that do not exist: {missing}"

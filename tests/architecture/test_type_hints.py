"""Every public function of the apps mypy checks says what its parameters are (issue 21:
`user`, `authority`, `submission` included), so mypy checks its callers too. mypy itself
runs in `make lint`; this keeps the annotations from being left off."""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED_APPS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"][
    "files"
]


def unannotated_parameters(source: str) -> list[str]:
    """`name(param, …)` for each public module-level function with a bare parameter."""
    found = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if node.name.startswith("_"):
            continue
        arguments = node.args
        parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        parameters += [extra for extra in (arguments.vararg, arguments.kwarg) if extra]
        bare = [parameter.arg for parameter in parameters if parameter.annotation is None]
        if bare:
            found.append(f"{node.name}({', '.join(bare)})")
    return found


def test_the_check_finds_a_bare_parameter():
    source = "def visible(user, pk: int) -> bool: ...\ndef _private(user): ...\n"
    assert unannotated_parameters(source) == ["visible(user)"]


def test_every_public_function_of_the_checked_apps_annotates_its_parameters():
    assert {
        "seslip",
        "sources",
        "models_registry",
        "accounts",
        "evidence",
        "kpi",
        "network",
    } <= set(CHECKED_APPS)
    missing = {
        str(path.relative_to(ROOT)): bare
        for app in CHECKED_APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for bare in [unannotated_parameters(path.read_text(encoding="utf-8"))]
        if bare
    }
    assert not missing, missing

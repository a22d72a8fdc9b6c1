"""Every manage.py command the README, docs/ and the portal's own pages (templates/) show
runs as written (issue 23, Broken 5): through the project's virtualenv, and naming a command
that exists."""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").rglob("*.md")),
    *sorted((ROOT / "templates").rglob("*.html")),
    *sorted((ROOT / "templates").rglob("*.txt")),
]
MANAGE = re.compile(r"([^\s>]*)\s+manage\.py\s+([a-z_]+)")


def documented_commands():
    for document in DOCUMENTS:
        for number, line in enumerate(document.read_text().splitlines(), start=1):
            for interpreter, command in MANAGE.findall(line):
                yield pytest.param(interpreter, command, id=f"{document.name}:{number}:{command}")


@pytest.mark.parametrize(("interpreter", "command"), list(documented_commands()))
def test_documented_manage_py_commands_use_the_venv_and_exist(interpreter, command):
    assert interpreter.endswith(".venv/bin/python"), f"run as `{interpreter} manage.py`"
    assert command in get_commands()

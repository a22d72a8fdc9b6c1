"""docs/api.md's examples run as written (issue 23): every `sh` and `python` block of it is
extracted and run against a live portal started by this test, holding the region's data,
the demonstration KPI figures and an analyst's token. A block that fails fails the test."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.services import create_api_token, create_user
from evidence import region_data as evidence_data
from kpi.services import loader as kpi_data
from models_registry import region_data as registry_data
from models_registry.models import LocalAuthority

pytestmark = pytest.mark.django_db(transaction=True)

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
BLOCK = re.compile(r"^```(sh|python)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
LIST_ROUTES = [
    "local-authority-list",
    "practice-model-list",
    "adoption-list",
    "evidence-api:evaluation-list",
    "evidence-api:finding-list",
    "evidence-api:finding-csv",
    "kpi-api:indicator-list",
    "kpi-api:measure-group-list",
    "kpi-api:value-list",
    "kpi-api:submission-list",
]


def blocks() -> list[tuple[str, str]]:
    return BLOCK.findall(GUIDE.read_text())


def test_the_guide_covers_every_list_endpoint_with_curl_requests_and_pandas():
    text = GUIDE.read_text()
    for route in LIST_ROUTES:
        assert f"`{reverse(route)}`" in text, route
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    for section in sections:
        if "`/api/v1/" not in section.splitlines()[0]:
            continue
        found = dict.fromkeys(["curl", "requests.get", "import pandas"], False)
        for _, code in BLOCK.findall(section):
            for marker in found:
                found[marker] = found[marker] or marker in code
        assert all(found.values()), (section.splitlines()[0], found)


def test_every_example_in_the_api_guide_runs_against_a_live_portal(live_server, tmp_path):
    registry_data.load()
    evidence_data.load()
    kpi_data.load()
    analyst = create_user(
        email="analyst@example.org",
        role=Role.AUTHORITY_ANALYST,
        authority=LocalAuthority.objects.get(slug="bracknell-forest"),
    )
    editor = create_user(
        email="editor@example.org",
        role=Role.AUTHORITY_EDITOR,
        authority=LocalAuthority.objects.get(slug="bracknell-forest"),
    )
    environment = {
        **os.environ,
        "PORTAL": live_server.url,
        "TOKEN": create_api_token(user=analyst).key,
        "EDITOR_TOKEN": create_api_token(user=editor).key,
    }
    examples = blocks()
    assert len(examples) >= 25
    failures = []
    for number, (language, code) in enumerate(examples, start=1):
        command = ["bash", "-euo", "pipefail", "-c", code]
        if language == "python":
            command = [sys.executable, "-c", code]
        # The first block sets the variables for a reader's shell; here they are given.
        if code.startswith("export PORTAL="):
            continue
        result = subprocess.run(
            command, env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            failures.append(f"block {number} ({language}):\n{code}\n{result.stdout}{result.stderr}")
    assert not failures, "\n\n".join(failures)

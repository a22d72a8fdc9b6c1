"""The portal answers every request while a large file is imported in the background, on
SQLite and on PostgreSQL (issue 17: "the portal stays up during an import").

Real processes (tests/deployment/conftest.py): gunicorn and the task worker that `make
run` starts. The client uploads a generated file of over 20,000 rows through the API,
waits until the worker is checking it, and then makes requests one after another until
the import ends: anonymous pages and API lists at URLs never asked for before (so the
response cache cannot answer them), signed-in pages and API calls by session cookie, and
API calls by token. After each request it asks for the submission's status; a request
counts as made during the import when the import was still running after it. At least 50
must be; every request must answer 200, and within 2 seconds; the import must end
accepted.

One exception, on SQLite only: a request that writes waits for the database's one write
lock, which the import holds for its final transaction (storing the rows and the
indicators; seconds on a busy machine). Each token use, and each signed-in read of
record-level data (most of the signed-in traffic here), is written to the access log.
The client asks one thing at a time, so at most one such request can wait; it still
answers 200. Anonymous requests never write and are never allowed to wait.
"""

import io
import statistics
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from accounts.services import create_api_token
from kpi.generator import CohortGenerator, write_csv
from kpi.quarters import Quarter
from kpi.services.imports import import_submission
from kpi.services.loader import demo_file
from kpi.services.toolkit import ensure_cohorts, load_definitions
from tests.factories import (
    AdoptionFactory,
    FindingFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT_SECONDS = 2.0
REQUESTS_DURING_IMPORT = 50
IMPORT_DEADLINE_SECONDS = 240
# About 33,000 rows (files over 20,000 go to the worker): the import outlasts 50 requests
# with room to spare on both databases, here 80 to 90 of them.
FAMILIES = 9_000

# (who, path): {n} makes every anonymous URL new (pages ignore an unknown parameter; an API
# list refuses one, so its filter text changes instead), {pk} is the submission being
# imported. Token requests are never answered from the response cache.
TRAFFIC = (
    ("anonymous", "/?n={n}"),
    ("session", "/kpi/submissions/{pk}/"),
    ("anonymous", "/evidence/?n={n}"),
    ("token", "/api/v1/kpi/submissions/"),
    ("anonymous", "/authorities/?n={n}"),
    ("session", "/kpi/authorities/bracknell-forest/"),
    ("anonymous", "/api/v1/local-authorities/?q=n{n}"),
    ("session", "/kpi/submissions/"),
    ("anonymous", "/kpi/compare/?n={n}"),
    ("session", "/api/v1/kpi/values/?la=bracknell-forest"),
    ("anonymous", "/models/family-safeguarding/?n={n}"),
    ("token", "/api/v1/kpi/values/?la=bracknell-forest"),
    ("anonymous", "/api/v1/evidence/findings/?q=n{n}"),
    ("session", "/"),
)


def region() -> dict:
    """A small region: two authorities, a model in use, a finding, the KPI toolkit and one
    accepted synthetic return, an analyst with a session and an API token."""
    bracknell = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    LocalAuthorityFactory(slug="surrey", name="Surrey", kind="county")
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    AdoptionFactory(local_authority=bracknell, practice_model=model)
    FindingFactory(practice_model=model)
    load_definitions()
    ensure_cohorts(authority=bracknell)
    quarter = Quarter.parse("2018-Q1")
    report = import_submission(
        authority=bracknell,
        quarter=quarter,
        file=demo_file(slug=bracknell.slug, quarter=quarter),
        background=False,
        is_synthetic=True,
    )
    assert report.outcome == "accepted", report.errors[:3]
    analyst = UserFactory(
        email="analyst@bracknell-forest.example.org",
        role="authority_analyst",
        authority=bracknell,
    )
    client = Client()
    client.force_login(analyst)
    return {
        "session_key": client.cookies["sessionid"].value,
        "token": create_api_token(user=analyst).key,
    }


def generated_file(path: Path, families: int) -> int:
    generator = CohortGenerator(
        authority_slug="bracknell-forest",
        quarter=Quarter.parse("2018-Q2"),
        families=families,
        seed=17,
    )
    text = io.StringIO()
    rows = write_csv(generator.rows(), text)
    path.write_text(text.getvalue(), encoding="utf-8")
    return rows


def status_of(portal, pk: int, answers: list) -> str:
    answer = portal.get(f"/api/v1/kpi/submissions/{pk}/", who="session")
    answers.append(answer)
    assert answer.status == 200, answer
    return answer.json()["status"]


def test_every_request_answers_within_two_seconds_during_a_background_import(
    portal_processes, tmp_path
):
    people = region()
    large = tmp_path / "large.csv"
    rows = generated_file(large, FAMILIES)
    assert rows > 20_000
    portal = portal_processes["start"](**people)
    for who, path in TRAFFIC * 2:  # every page once in each server process, unmeasured
        portal.get(path.format(n="warm", pk=0), who=who)
    assert portal.get("/healthz").json()["worker"]["status"] == "running"

    uploaded = portal.upload(
        "/api/v1/kpi/submissions/",
        file=large,
        fields={"la": "bracknell-forest", "quarter": "2018-Q2"},
        who="token",
    )
    assert uploaded.status == 202, uploaded.body[:500]
    pk = uploaded.json()["submission"]["id"]

    answers: list = []
    deadline = time.monotonic() + 60
    while status_of(portal, pk, answers) == "received":
        assert time.monotonic() < deadline, "the worker never picked the file up"
        time.sleep(0.2)

    during = []
    status = "validating"
    deadline = time.monotonic() + IMPORT_DEADLINE_SECONDS
    n = 0
    while status == "validating" and time.monotonic() < deadline:
        who, path = TRAFFIC[n % len(TRAFFIC)]
        answer = portal.get(path.format(n=n, pk=pk), who=who)
        answers.append(answer)
        status = status_of(portal, pk, answers)
        if status == "validating":
            during.append(answer)
        n += 1

    failed = [a for a in answers if a.status != 200]
    slow = [a for a in answers if a.seconds >= LIMIT_SECONDS]
    slow_reads = [a for a in slow if a.who == "anonymous"]
    summary = f"{connection.vendor}: {rows:,} rows; {len(during)} requests during the import; " + (
        "; ".join(timings(answers, who) for who in ("anonymous", "session", "token"))
    )
    print(summary)
    assert not failed, summary + "\n" + "\n".join(map(str, failed[:20]))
    assert not slow_reads, summary + "\n" + "\n".join(map(str, slow_reads[:20]))
    waited_for_the_write_lock = 1 if connection.vendor == "sqlite" else 0
    assert len(slow) <= waited_for_the_write_lock, summary + "\n" + "\n".join(map(str, slow))
    assert len(during) >= REQUESTS_DURING_IMPORT, summary
    assert status == "accepted", (
        summary + "\n" + portal_processes["logs"]["worker"].read_text()[-3000:]
    )


def timings(answers: list, who: str) -> str:
    seconds = sorted(a.seconds for a in answers if a.who == who)
    return (
        f"{who} {len(seconds)}: median {statistics.median(seconds):.2f}s, "
        f"slowest {seconds[-1]:.2f}s"
    )

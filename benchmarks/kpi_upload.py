"""Benchmark: a large county's quarter file through the upload page, end to end.

    tests/tools/with-postgres .venv/bin/python benchmarks/kpi_upload.py [--families 2000]

In the database named by DATABASE_URL (created and migrated if need be, with the region
loaded): an authority analyst of Bracknell Forest posts a generated cohort file of
--families families (about 3.6 rows each: 2,000 families is about 8,000 rows, a large
county's quarter) to /kpi/submissions/upload/ with Django's test client, signed in as
on the real page. The request returns when the file is checked, stored and the quarter's
indicators recomputed (files under KPI_BACKGROUND_ROWS are imported in the request).
The process first imports seslip.wsgi, as each gunicorn worker does when it starts, so
the first upload is not charged for importing the portal's views.
Measured: the wall time of the request, the CPU time of this process (the importer:
Django, the checks, the writer thread) and of its PostgreSQL backend (from /proc, the
server runs on this machine), as rows per second and rows per CPU-second. Median of
--runs uploads, each a new quarter's file so that each is a first import.
"""

import argparse
import importlib
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AUTHORITY = "bracknell-forest"
ANALYST = "upload-benchmark@example.org"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from benchmarks.kpi_import import cpu_of, django_setup, ensure_database

    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    ensure_database()
    django_setup()
    from django.core.management import call_command
    from django.test import Client

    from accounts import services
    from accounts.models import Role, User
    from kpi.generator import CohortGenerator, write_csv
    from kpi.models import Submission
    from kpi.quarters import Quarter
    from models_registry.models import LocalAuthority

    # What a gunicorn worker does when it starts, before its first request.
    importlib.import_module("seslip.wsgi")
    call_command("migrate", verbosity=0)
    if not LocalAuthority.objects.filter(slug=AUTHORITY).exists():
        call_command("load_region", stdout=open(os.devnull, "w"))  # noqa: SIM115
    authority = LocalAuthority.objects.get(slug=AUTHORITY)
    user = User.objects.filter(email=ANALYST).first() or services.create_user(
        email=ANALYST, role=Role.AUTHORITY_ANALYST, authority=authority
    )
    client = Client()
    client.force_login(user)
    server = _backend_pid()
    results = []
    quarter = Quarter.parse("2018-Q2")
    for run in range(args.runs):
        quarter = quarter.next()
        text = io.StringIO()
        rows = write_csv(
            CohortGenerator(
                authority_slug=AUTHORITY, quarter=quarter, families=args.families, seed=run
            ).rows(),
            text,
        )
        upload = io.BytesIO(text.getvalue().encode())
        upload.name = f"{AUTHORITY}-{quarter}.csv"
        server_started, cpu_started = cpu_of(server), time.process_time()
        started = time.perf_counter()
        response = client.post(
            "/kpi/submissions/upload/",
            {"authority": authority.pk, "quarter": str(quarter), "file": upload},
        )
        wall = time.perf_counter() - started
        cpu, server_cpu = time.process_time() - cpu_started, cpu_of(server) - server_started
        submission = Submission.objects.filter(authority=authority).latest("uploaded_at")
        assert response.status_code == 302, (response.status_code, response.content[-2000:])
        assert submission.status == Submission.Status.ACCEPTED, submission.status
        results.append({"rows": rows, "wall": wall, "cpu": cpu, "server_cpu": server_cpu})
        sys.stderr.write(f"{quarter}: {rows} rows in {wall:.2f} s\n")
    report(results, args.families)
    return 0


def _backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def report(results: list[dict], families: int) -> None:
    rows = statistics.median(r["rows"] for r in results)
    wall = statistics.median(r["wall"] for r in results)
    cpu = statistics.median(r["cpu"] for r in results)
    server_cpu = statistics.median(r["server_cpu"] for r in results)
    print(
        "| families | rows | upload to accepted, s | rows/s | importer CPU s | importer rows "
        "per CPU-s | database CPU s | database rows per CPU-s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {families:,} | {rows:,.0f} | {wall:.2f} | {rows / wall:,.0f} | {cpu:.2f} "
        f"| {rows / cpu:,.0f} | {server_cpu:.2f} | {rows / server_cpu:,.0f} |"
    )
    walls = ", ".join(f"{r['wall']:.2f} s" for r in results)
    print(f"\nEach run: {walls}")


if __name__ == "__main__":
    sys.exit(main())

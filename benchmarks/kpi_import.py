"""Benchmark: importing a generated cohort file on PostgreSQL, against a plain COPY.

    tests/tools/with-postgres .venv/bin/python benchmarks/kpi_import.py [--rows 100000]

Creates the database named in DATABASE_URL if needed, migrates it, generates cohort files
of about a quarter, half and all of --rows rows with `kpi.generator`, and for each:

- imports it with `kpi.services.imports.import_submission` (the path the command, page and API
  take), in a fresh process, timing the call, reading the process's peak resident
  memory before and after, and the CPU time of its PostgreSQL backend during the call
  (from /proc: the server runs on this machine);
- loads the same file with a bare `COPY ... FROM STDIN (FORMAT csv)` into one table of
  text columns: the ceiling for getting these bytes into PostgreSQL at all.

Prints a Markdown table (rows/second, CPU, peak memory, import/COPY ratio) for
docs/performance.md.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS_PER_FAMILY = 3.63  # what kpi.generator produces on average


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seslip.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_database() -> None:
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    admin = psycopg2.connect(
        dbname="postgres", user=config["USER"], host=config["HOST"], port=config["PORT"] or None
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    admin.close()


def prepare(rows: int, workdir: Path) -> list[tuple[int, Path]]:
    ensure_database()
    django_setup()
    from django.core.management import call_command

    from kpi.generator import generate
    from kpi.quarters import Quarter
    from kpi.services.toolkit import ensure_cohorts
    from models_registry.models import LocalAuthority

    call_command("migrate", verbosity=0)
    authority, _ = LocalAuthority.objects.get_or_create(
        slug="bracknell-forest", defaults={"name": "Bracknell Forest"}
    )
    ensure_cohorts(authority=authority)
    files = []
    for share in (4, 2, 1):
        target = rows // share
        path = workdir / f"cohort-{target}.csv"
        written = generate(
            authority_slug="bracknell-forest",
            quarter=Quarter.parse("2020-Q1"),
            families=round(target / ROWS_PER_FAMILY),
            seed=share,
            out=str(path),
            file_format="csv",
        )
        files.append((written, path))
    return files


def run_import(path: str, quarter: str) -> dict:
    django_setup()
    from kpi.services.imports import import_submission
    from models_registry.models import LocalAuthority

    authority = LocalAuthority.objects.get(slug="bracknell-forest")
    before = peak_rss_mb()
    server = server_process()
    with open(path, "rb") as handle:
        server_started = cpu_of(server)
        cpu_started = time.process_time()
        started = time.perf_counter()
        report = import_submission(
            authority=authority, quarter=quarter, file=handle, user=None, background=False
        )
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        server_seconds = cpu_of(server) - server_started
    if report.outcome != "accepted":
        raise SystemExit(f"import {report.outcome}: {report.errors[:3]}")
    return {
        "rows": report.row_count,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "server_cpu_seconds": server_seconds,
        "rss_before_mb": before,
        "rss_peak_mb": peak_rss_mb(),
    }


def server_process() -> int:
    """The PostgreSQL backend serving this process's connection (same machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a process so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_copy(path: str) -> dict:
    django_setup()
    from django.db import connection

    with open(path, encoding="utf-8") as handle:
        columns = len(handle.readline().split(","))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS benchmark_copy")
        cursor.execute(
            "CREATE TABLE benchmark_copy (" + ", ".join(f"c{n} text" for n in range(columns)) + ")"
        )
    with open(path, encoding="utf-8") as handle, connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.copy_expert("COPY benchmark_copy FROM STDIN WITH (FORMAT csv, HEADER true)", handle)
        seconds = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM benchmark_copy")
        rows = cursor.fetchone()[0]
        cursor.execute("DROP TABLE benchmark_copy")
    return {"rows": rows, "seconds": seconds}


def in_child(*arguments: str) -> dict:
    child = subprocess.run(
        [sys.executable, __file__, *arguments], check=False, capture_output=True, text=True
    )
    if child.returncode != 0:
        raise SystemExit(f"{arguments[1]} failed:\n{child.stdout}\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", choices=("import", "copy"))
    parser.add_argument("--file")
    parser.add_argument("--quarter", default="2020-Q1")
    options = parser.parse_args()
    if options.child == "import":
        say(json.dumps(run_import(options.file, options.quarter)))
        return
    if options.child == "copy":
        say(json.dumps(run_copy(options.file)))
        return
    with tempfile.TemporaryDirectory() as workdir:
        files = prepare(options.rows, Path(workdir))
        say(
            "| rows | import s | import rows/s | Python CPU s | server CPU s "
            "| peak RSS before → after (MB) | COPY s | COPY rows/s | import/COPY |"
        )
        say("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for index, (rows, path) in enumerate(files):
            size_mb = path.stat().st_size / 1048576
            imported = in_child(
                "--child", "import", "--file", str(path), "--quarter", f"2020-Q{index + 1}"
            )
            copied = in_child("--child", "copy", "--file", str(path))
            import_rate = imported["rows"] / imported["seconds"]
            copy_rate = copied["rows"] / copied["seconds"]
            say(
                f"| {rows:,} ({size_mb:.1f} MB) | {imported['seconds']:.2f} | {import_rate:,.0f} | "
                f"{imported['cpu_seconds']:.2f} | {imported['server_cpu_seconds']:.2f} | "
                f"{imported['rss_before_mb']:.0f} → {imported['rss_peak_mb']:.0f} | "
                f"{copied['seconds']:.2f} | {copy_rate:,.0f} | {import_rate / copy_rate:.2f} |"
            )


if __name__ == "__main__":
    main()

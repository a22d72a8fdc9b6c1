"""The portal's load benchmark: pages and endpoints at 1x, 10x and 100x the region's data.

    make bench
    tests/tools/with-postgres .venv/bin/python benchmarks/run.py --scales 1,10 --runs 3

For each scale, in its own database on the throwaway PostgreSQL cluster:
1. migrate and `load_region` (the real region: 1x), then add generated authorities,
   practice models, adoptions, evaluations, findings and Family Safeguarding cohort
   returns (imported through the real import service) up to the scale;
2. count the SQL queries each page makes (Django's test client, in process);
3. serve with gunicorn (4 workers) and drive each URL with wrk from Debian's packages,
   several runs each, alongside a trivial Django view (/livez) measured in the same run:
   once as anonymous visitors (answered from the response cache after the first request,
   seslip/response_cache.py), and once as a signed-in authority analyst: her session
   cookie for pages, her API token for the API (each token use written to the access
   log), so that every request is rendered (seslip/content_cache.py keeps the pages'
   own blocks and the API lists' JSON per audience until the data changes).

The table in docs/performance.md ("Pages and endpoints") reports medians of the runs and
the ratio of each page's median latency to the trivial view's, because the machine is
noisy; queries per request must be the same at every scale.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TRIVIAL = ("trivial view", "/livez")
PAGES = [
    ("home", "/"),
    ("model page", "/models/family-safeguarding/"),
    (
        "compare (4 models)",
        "/compare/?models=family-safeguarding&models=signs-of-safety"
        "&models=restorative-practice&models=strengthening-families",
    ),
    ("authority list, filtered", "/authorities/?model=signs-of-safety"),
    ("evidence search", "/evidence/search/?q=care"),
    ("KPI dashboard", "/kpi/authorities/bracknell-forest/"),
    ("API practice models", "/api/v1/practice-models/"),
    ("API findings search", "/api/v1/evidence/findings/?q=care"),
    ("API KPI values", "/api/v1/kpi/values/?la=bracknell-forest"),
]
PORT = int(os.environ.get("BENCH_PORT", "8321"))
# Rendered requests are a signed-in person's: the benchmark's authority analyst (the
# portal's most frequent user) with a real session for pages and her API token for the API.
BENCH_USER = "benchmark-analyst@example.org"
BENCH_AUTHORITY = "bracknell-forest"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--one-scale", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_scale:
        return prepare_and_count(args.one_scale)
    if not shutil.which("wrk"):
        sys.stderr.write("wrk is not installed: apt-get install wrk\n")
        return 2
    results = []
    for scale in [int(s) for s in args.scales.split(",")]:
        results.extend(bench_scale(scale, args))
        # After each scale: on a busy machine a long run keeps what it has measured.
        write_report(results, args)
    return 0 if errors_total(results) == 0 else 1


def scale_env(scale: int) -> dict:
    url = urlsplit(os.environ["DATABASE_URL"])
    database_url = url._replace(path=f"/bench_{scale}x").geturl()
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "seslip.settings",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "k3y" * 20,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        # Never reached; counted over one second, so the throttle's history stays as short
        # as a real one (a per-minute rate this high keeps every request of the last minute).
        "API_THROTTLE_ANON": "100000000/second",
        "API_THROTTLE_USER": "100000000/second",
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "LOG_LEVEL": "WARNING",
    }


def create_database(scale: int) -> None:
    import psycopg2

    url = urlsplit(os.environ["DATABASE_URL"])
    connection = psycopg2.connect(
        dbname="postgres", user=url.username or "postgres", host=_host(url), port=url.port
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "bench_{scale}x"')
        cursor.execute(f'CREATE DATABASE "bench_{scale}x"')
    connection.close()


def _host(url) -> str:
    from urllib.parse import unquote

    return unquote(url.hostname or "") if url.hostname else unquote(url.netloc.split("@")[-1])


def bench_scale(scale: int, args) -> list[dict]:
    create_database(scale)
    env = scale_env(scale)
    started = time.monotonic()
    prepared = subprocess.run(
        [sys.executable, __file__, "--one-scale", str(scale)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if prepared.returncode != 0:
        raise RuntimeError(f"preparing {scale}x failed:\n{prepared.stderr[-3000:]}")
    info = json.loads(prepared.stdout.strip().splitlines()[-1])
    sys.stderr.write(f"{scale}x prepared in {time.monotonic() - started:.0f}s: {info['sizes']}\n")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "seslip.wsgi",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up()
        measured = {TRIVIAL[0]: measure(TRIVIAL[1], args)}
        for name, path in PAGES:
            measured[name] = measure(path, args)
            header = info["headers"]["api" if path.startswith("/api/") else "page"]
            measured[name]["rendered"] = measure(path, args, header=header)
    finally:
        server.terminate()
        server.wait(timeout=30)
    trivial = measured[TRIVIAL[0]]

    def ratio(values: dict) -> float | None:
        return values["p50"] / trivial["p50"] if trivial["p50"] else None

    results = []
    for name, values in measured.items():
        rendered = values.pop("rendered", None)
        results.append(
            {
                "scale": scale,
                "name": name,
                **values,
                "queries": info["queries"].get(values["path"]),
                "rendered_queries": info["rendered_queries"].get(values["path"]),
                "ratio": ratio(values),
                "rendered": {**rendered, "ratio": ratio(rendered)} if rendered else None,
                "sizes": info["sizes"],
            }
        )
    return results


def measure(path: str, args, header: str | None = None) -> dict:
    runs = []
    for _ in range(args.runs):
        # A slow page's requests still running would slow the next measurement.
        wait_until_idle()
        runs.append(wrk(path, args, header))
    return {
        "path": path,
        "rps": statistics.median(r["rps"] for r in runs),
        "p50": statistics.median(r["p50"] for r in runs),
        "p99": statistics.median(r["p99"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
    }


def wait_until_up() -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/livez", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("gunicorn did not start")


def wait_until_idle(limit: float = 180) -> None:
    """Until 8 simultaneous trivial requests all answer within 50 ms, three times in a row:
    every worker is free again."""
    from concurrent.futures import ThreadPoolExecutor

    def probe(_) -> float:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/livez", timeout=60):
                return time.monotonic() - started
        except OSError:
            return 60.0

    deadline, quick = time.monotonic() + limit, 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        while quick < 3 and time.monotonic() < deadline:
            quick = quick + 1 if max(pool.map(probe, range(8))) < 0.05 else 0
            time.sleep(0.2)


def wrk(path: str, args, header: str | None = None) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--latency",
            *(["-H", header] if header else []),
            f"http://127.0.0.1:{PORT}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": _errors(output),
    }


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _errors(output: str) -> int:
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return errors


# --- In the per-scale subprocess (Django configured for that scale's database) ------------


def prepare_and_count(scale: int) -> int:
    import django

    # Count the data-version read on every request (a server process makes it at most
    # once a second), so that the counts do not depend on how fast the pages are.
    os.environ["RESPONSE_CACHE_VERSION_CHECK_SECONDS"] = "0"

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_region", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if scale > 1:
        from benchmarks.scale_data import grow_region

        grow_region(scale)
    from django.db import connection

    # As autovacuum would after a bulk load: fresh statistics, so plans fit the data.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    headers = signed_in_headers()
    report = {
        "queries": count_queries(),
        "rendered_queries": count_queries(headers),
        "sizes": sizes(),
        "headers": {
            "page": f"Cookie: {headers['page']['HTTP_COOKIE']}",
            "api": f"Authorization: {headers['api']['HTTP_AUTHORIZATION']}",
        },
    }
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


def signed_in_headers() -> dict[str, dict[str, str]]:
    """The benchmark's authority analyst, signed in: a session cookie for pages and an API
    token for the API, as test-client keyword arguments (created once per database)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts import services
    from accounts.models import Role, User
    from models_registry.models import LocalAuthority

    user = User.objects.filter(email=BENCH_USER).first() or services.create_user(
        email=BENCH_USER,
        role=Role.AUTHORITY_ANALYST,
        authority=LocalAuthority.objects.get(slug=BENCH_AUTHORITY),
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    key = services.create_api_token(user=user).key
    return {
        "page": {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"},
        "api": {"HTTP_AUTHORIZATION": f"Token {key}"},
    }


def count_queries(headers: dict | None = None) -> dict:
    """SQL queries per request, first / repeated: anonymous, or signed in with `headers`."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for _, path in [TRIVIAL, *PAGES]:
        extra = headers["api" if path.startswith("/api/") else "page"] if headers else {}
        first_and_repeat = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, **extra)
            assert response.status_code == 200, (path, response.status_code)
            first_and_repeat.append(len(captured))
        counts[path] = "/".join(str(n) for n in first_and_repeat)
    return counts


def sizes() -> dict:
    from evidence.models import Finding
    from kpi.models import IndicatorValue, Person
    from models_registry.models import Adoption, LocalAuthority, PracticeModel

    return {
        "authorities": LocalAuthority.objects.count(),
        "models": PracticeModel.objects.count(),
        "adoptions": Adoption.objects.count(),
        "findings": Finding.objects.count(),
        "kpi_people": Person.objects.count(),
        "kpi_values": IndicatorValue.objects.count(),
    }


def write_report(results: list[dict], args) -> None:
    scales = sorted({r["scale"] for r in results})
    lines = [
        "## Pages and endpoints",
        "",
        "`make bench` (`benchmarks/run.py`): gunicorn with 4 workers on PostgreSQL 15, driven by "
        f"wrk (2 threads, {args.connections} connections, {args.duration} s a run, "
        f"median of {args.runs} runs), on this project's 2-core machine. Latency ratio = the "
        "page's median latency over the trivial view's (/livez) in the same run. \"Anonymous\" "
        "columns: requests without a session, answered from the response cache after the first "
        '(seslip/response_cache.py); "rendered" columns: the same URL as a signed-in '
        "authority analyst (her session for pages, her API token for the API), rendered "
        "every time, with the page's own blocks or the list's JSON from the content cache "
        "(seslip/content_cache.py). Queries = SQL queries of a request, first / repeated, "
        "anonymous and signed in, each including the data-version read that a server "
        "process makes at most once a second.",
        "",
        "Data at each scale:",
        "",
    ]
    for scale in scales:
        size = next(r["sizes"] for r in results if r["scale"] == scale)
        lines.append(
            f"- {scale}x: {size['authorities']} authorities, {size['models']} models, "
            f"{size['adoptions']} adoptions, {size['findings']} findings, "
            f"{size['kpi_people']} people in cohort returns, {size['kpi_values']} KPI values"
        )
    lines += [
        "",
        "| page or endpoint | scale | anonymous req/s | p50 ms | p99 ms | p50 ÷ trivial "
        "| rendered req/s | p50 ms | p99 ms | p50 ÷ trivial | errors | queries "
        "| queries signed in |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(results, key=lambda r: (r["name"] != TRIVIAL[0], r["name"], r["scale"])):
        rendered = r["rendered"]
        rendered_cells = (
            f"{rendered['rps']:.0f} | {rendered['p50']:.1f} | {rendered['p99']:.1f} "
            f"| {rendered['ratio']:.1f}"
            if rendered
            else "– | – | – | –"
        )
        errors = r["errors"] + (rendered["errors"] if rendered else 0)
        lines.append(
            f"| {r['name']} | {r['scale']}x | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
            f"| {r['ratio']:.1f} | {rendered_cells} | {errors} | {r['queries']} "
            f"| {r.get('rendered_queries')} |"
        )
    constant = all(
        len({r[kind] for r in results if r["name"] == name}) == 1
        for name in {r["name"] for r in results}
        for kind in ("queries", "rendered_queries")
    )
    lines += [
        "",
        f"Queries per request identical at every scale: **{'yes' if constant else 'NO'}**. "
        f"Errors: **{errors_total(results)}**.",
        "",
    ]
    replace_section(ROOT / "docs" / "performance.md", "## Pages and endpoints", "\n".join(lines))


def errors_total(results: list[dict]) -> int:
    return sum(r["errors"] + (r["rendered"]["errors"] if r["rendered"] else 0) for r in results)


def replace_section(path: Path, heading: str, body: str) -> None:
    """Swap one `## ` section of docs/performance.md, leaving the others as they are."""
    text = path.read_text() if path.exists() else "# Performance\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: body + "\n", text)
    else:
        text = text.rstrip() + "\n\n" + body + "\n"
    path.write_text(text)


if __name__ == "__main__":
    sys.exit(main())

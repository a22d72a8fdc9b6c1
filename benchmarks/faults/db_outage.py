"""Fault check: PostgreSQL stops and restarts under a running gunicorn.

Run it through the throwaway cluster wrapper (it needs the cluster's data directory):

    tests/tools/with-postgres .venv/bin/python benchmarks/faults/db_outage.py

What it proves, against a real gunicorn and a real PostgreSQL:
1. with the database up, /healthz and the home page answer 200;
2. with the database stopped, /healthz answers 503 and pages answer the 503 page (no
   stack trace), each within the configured connect timeout; an anonymous page may
   instead still come from the response cache for up to a second (the data-version
   check interval), so the page is also asked for with a session cookie, which the
   cache never answers;
3. after the database restarts, the same gunicorn workers serve 200 again by themselves
   (CONN_HEALTH_CHECKS), without a restart.

The outcome is written to docs/faults.md (section "Database outage") and the script
exits non-zero when any step fails.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PORT = int(os.environ.get("FAULT_PORT", "8311"))
BASE = f"http://127.0.0.1:{PORT}"
CONNECT_TIMEOUT = 3
REQUEST_LIMIT_SECONDS = CONNECT_TIMEOUT + 2


@dataclass
class Step:
    name: str
    passed: bool
    detail: str


SIGNED_IN_LIKE = {"Cookie": "sessionid=fault-check-no-such-session"}


def fetch(path: str, headers: dict | None = None) -> tuple[int, str, float]:
    started = time.monotonic()
    request = urllib.request.Request(BASE + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read().decode()
            status = response.status
            cached = response.headers.get("X-Portal-Cache") == "hit"
    except urllib.error.HTTPError as error:
        body = error.read().decode()
        status = error.code
        cached = False
    return status, body, time.monotonic() - started, cached


def pg_ctl(action: str) -> None:
    bindir = os.environ["PG_TEST_BINDIR"]
    data = Path(os.environ["PG_TEST_SOCKET_DIR"]) / "data"
    command = [f"{bindir}/pg_ctl", "-D", str(data), "-w", "-m", "fast", action]
    if action == "start":
        socket_dir = os.environ["PG_TEST_SOCKET_DIR"]
        command = [
            f"{bindir}/pg_ctl",
            "-D",
            str(data),
            "-w",
            "-l",
            f"{socket_dir}/server.log",
            "-o",
            f"-k {socket_dir} -c listen_addresses=''",
            "start",
        ]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True)


def wait_for(path: str, status: int, seconds: float) -> float:
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    while time.monotonic() < deadline:
        try:
            if fetch(path)[0] == status:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{path} did not answer {status} within {seconds}s")


def main() -> int:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "seslip.settings",
        "DEBUG": "0",
        "SECRET_KEY": "fault-check-only-" + "x7Q!" * 12,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DB_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        "STATIC_ROOT": str(ROOT / "var" / "fault-static"),
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "seslip.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    steps: list[Step] = []
    try:
        wait_for("/livez", 200, 30)
        for path in ("/healthz", "/"):
            status, _, seconds, _ = fetch(path)
            steps.append(
                Step(f"database up: GET {path}", status == 200, f"{status} in {seconds:.2f}s")
            )

        pg_ctl("stop")
        for name, path, headers in (
            ("GET /healthz", "/healthz", None),
            ("GET /", "/", None),
            ("GET / with a session cookie", "/", SIGNED_IN_LIKE),
        ):
            status, body, seconds, cached = fetch(path, headers)
            ok = seconds <= REQUEST_LIMIT_SECONDS and "Traceback" not in body
            if path == "/healthz":
                ok = ok and status == 503
            elif cached and headers is None:
                ok = ok and status == 200  # still within the version check interval
            else:
                ok = ok and status == 503 and "Sorry, the service is unavailable" in body
            detail = f"{status}{' from the response cache' if cached else ''} in {seconds:.2f}s"
            steps.append(Step(f"database stopped: {name}", ok, detail))

        pg_ctl("start")
        recovered = wait_for("/healthz", 200, 30)
        status, _, seconds, _ = fetch("/", SIGNED_IN_LIKE)
        steps.append(
            Step(
                "database restarted: same gunicorn recovers",
                status == 200,
                f"/healthz 200 after {recovered:.2f}s; GET / {status} in {seconds:.2f}s",
            )
        )
    finally:
        server.terminate()
        server.wait(timeout=30)

    write_report(steps)
    for step in steps:
        sys.stdout.write(f"{'PASS' if step.passed else 'FAIL'}  {step.name}: {step.detail}\n")
    return 0 if all(step.passed for step in steps) else 1


def write_report(steps: list[Step]) -> None:
    lines = [
        "## Database outage",
        "",
        "`tests/tools/with-postgres .venv/bin/python benchmarks/faults/db_outage.py`: gunicorn "
        f"(2 workers) on PostgreSQL; the database is stopped and restarted underneath it. "
        f"Connect timeout {CONNECT_TIMEOUT}s; a request during the outage must answer within "
        f"{REQUEST_LIMIT_SECONDS}s.",
        "",
        "| step | result | detail |",
        "|---|---|---|",
        *[f"| {s.name} | {'pass' if s.passed else 'FAIL'} | {s.detail} |" for s in steps],
        "",
    ]
    report = ROOT / "docs" / "faults.md"
    sections = parse_sections(report.read_text() if report.exists() else "")
    sections["## Database outage"] = "\n".join(lines)
    report.write_text(
        "# Fault checks\n\nGenerated by the scripts in `benchmarks/faults/`; re-run them to "
        "refresh.\n\n" + "\n".join(sections.values())
    )


def parse_sections(text: str) -> dict[str, str]:
    sections: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line
            sections[current] = ""
        if current:
            sections[current] += line + "\n"
    return sections


if __name__ == "__main__":
    sys.exit(main())

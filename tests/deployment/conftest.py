"""A running portal made of real processes, for tests that must see what users get.

`portal` starts gunicorn and the background task worker (the command `make run` starts)
on a database of their own: a temporary SQLite *file* on SQLite (the suite's in-memory
database has no write-ahead log and is private to this process), or the suite's own test
database on PostgreSQL. The data the test made before asking for `portal` is in it. Both
processes are stopped, whatever happens, before the database is torn down.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 90
WORKER_COMMAND = ("run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.5")


@dataclass(frozen=True)
class Answer:
    who: str
    path: str
    status: int
    seconds: float
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    def __str__(self) -> str:
        return f"{self.status} in {self.seconds:.2f}s: {self.who} {self.path}"


class Portal:
    """HTTP to the running portal as anonymous, as a signed-in session or with a token."""

    def __init__(self, base: str, *, session_key: str = "", token: str = ""):
        self.base = base
        self.session_key = session_key
        self.token = token

    def headers(self, who: str) -> dict[str, str]:
        if who == "session":
            return {"Cookie": f"sessionid={self.session_key}"}
        if who == "token":
            return {"Authorization": f"Token {self.token}"}
        return {}

    def request(self, path: str, *, who: str = "anonymous", data=None, headers=None) -> Answer:
        request = urllib.request.Request(
            self.base + path, data=data, headers={**self.headers(who), **(headers or {})}
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        return Answer(who, path, status, time.monotonic() - started, body)

    def get(self, path: str, who: str = "anonymous") -> Answer:
        return self.request(path, who=who)

    def upload(self, path: str, *, file: Path, fields: dict[str, str], who: str) -> Answer:
        boundary = uuid.uuid4().hex
        parts = [
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in fields.items()
        ]
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="file"; filename="{file.name}"\r\n'
            "Content-Type: text/csv\r\n\r\n".encode()
            + file.read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            path,
            who=who,
            data=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(tmp_path: Path) -> str:
    """The database the processes share: a copy of the test database in a SQLite file, or
    the PostgreSQL test database itself."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        host = settings["HOST"].replace("/", "%2F")
        return f"postgres://{settings['USER']}@{host}/{settings['NAME']}"
    path = tmp_path / "portal.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return f"sqlite:///{path}"


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group (gunicorn's workers too), then SIGKILL if need be."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_serving(portal: Portal, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn exited:\n{log.read_text()[-3000:]}"
        try:
            if portal.get("/livez").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within {STARTUP_SECONDS}s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def portal_processes(transactional_db, tmp_path) -> Iterator[dict]:
    """Starts the portal on demand: `portal_processes["start"](session_key=, token=)`
    returns a Portal once gunicorn answers; the worker runs beside it."""
    running: list[subprocess.Popen] = []
    logs = {"server": tmp_path / "gunicorn.log", "worker": tmp_path / "worker.log"}

    def begin(*, session_key: str = "", token: str = "") -> Portal:
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url(tmp_path),
            "DJANGO_SETTINGS_MODULE": "seslip.settings_test",
            "ALLOWED_HOSTS": "127.0.0.1",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("TASKS_BACKEND", None)
        server = start(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "seslip.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
            ],
            env,
            logs["server"],
        )
        running.append(server)
        running.append(start([sys.executable, "manage.py", *WORKER_COMMAND], env, logs["worker"]))
        portal = Portal(f"http://127.0.0.1:{port}", session_key=session_key, token=token)
        wait_until_serving(portal, server, logs["server"])
        return portal

    yield {"start": begin, "logs": logs, "processes": running}
    for process in reversed(running):
        stop(process)

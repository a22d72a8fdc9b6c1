from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from seslip.models import WorkerHeartbeat


@pytest.mark.django_db
def test_healthz_reports_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "reachable",
        "worker": {"status": "never seen", "last_heartbeat": None},
    }


def heartbeat(worker_id: str, *, seconds_ago: int, stopped: bool = False) -> WorkerHeartbeat:
    beat_at = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        started_at=beat_at - timedelta(hours=1),
        last_beat_at=beat_at,
        stopped_at=beat_at if stopped else None,
    )


@pytest.mark.django_db
def test_healthz_reports_a_running_worker_by_its_last_heartbeat(client):
    heartbeat("old", seconds_ago=3600, stopped=True)
    latest = heartbeat("current", seconds_ago=5)

    response = client.get("/healthz")

    assert response.status_code == 200
    worker = response.json()["worker"]
    assert worker["status"] == "running"
    assert worker["last_heartbeat"] == latest.last_beat_at.isoformat()
    assert 5 <= worker["seconds_since_heartbeat"] < 60


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("seconds_ago", "stopped"),
    [(WorkerHeartbeat.SILENT_AFTER.seconds + 5, False), (2, True)],
    ids=["silent", "stopped"],
)
def test_healthz_stays_200_when_only_the_worker_is_down(client, seconds_ago, stopped):
    """A load balancer must not take the web server out of service for the worker."""
    heartbeat("gone", seconds_ago=seconds_ago, stopped=stopped)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["worker"]["status"] == "stopped"
    assert response.json()["worker"]["seconds_since_heartbeat"] >= seconds_ago


@pytest.mark.django_db
def test_healthz_asks_the_database_twice_however_many_workers_there_were(
    client, django_assert_num_queries
):
    for n in range(20):
        heartbeat(f"worker-{n}", seconds_ago=n * 100, stopped=bool(n))
    with django_assert_num_queries(2):
        assert client.get("/healthz").status_code == 200


@pytest.fixture
def unreachable_database(django_db_blocker, tmp_path):
    """Point the default connection at a database that cannot be reached, for real."""
    with django_db_blocker.unblock():
        # Set the open connection aside (closing an in-memory SQLite test database would
        # destroy it), so the next query really tries to connect to the bad address.
        saved_connection = connection.connection
        saved_settings = dict(connection.settings_dict)
        connection.connection = None
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = str(tmp_path / "missing-dir" / "db.sqlite3")
        else:
            connection.settings_dict["HOST"] = str(tmp_path / "no-socket-here")
        try:
            yield
        finally:
            connection.settings_dict.clear()
            connection.settings_dict.update(saved_settings)
            connection.connection = saved_connection


def test_healthz_is_503_when_database_unreachable(client, unreachable_database):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


def test_page_is_503_in_frame_when_database_unreachable(client, unreachable_database):
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "Sorry, the service is unavailable" in body
    assert 'href="#main-content"' in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_livez_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"

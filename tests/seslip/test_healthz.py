import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthz_reports_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "reachable"}


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

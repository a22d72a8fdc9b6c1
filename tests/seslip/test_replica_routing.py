"""The read replica (seslip/db_routing.py), with the replica pointing at the test database
through a second connection (settings_test: a test mirror). Every query is recorded with
the connection it ran on: read-only pages and API reads of public data run on the
replica; writes, record-level reads, sessions, sign-in and the counters never touch it.

The tests are transactional: the replica connection sees only committed rows, as a real
replica would."""

import re

import pytest
from django.conf import settings as django_settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client

from kpi.models import Family, Submission
from models_registry.models import PracticeModel
from seslip.db_routing import PIN_COOKIE, PrimaryReplicaRouter, _replica_reads
from tests.factories import AdoptionFactory, PracticeModelFactory, UserFactory
from tests.kpi.conftest import file_bytes, named

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

REPLICA = django_settings.REPLICA_ALIAS
TABLE = re.compile(r'(?:FROM|JOIN|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)
# The table a statement is about (a public page may join the user who made a change, as
# its history shows; it never queries users, sessions or record-level rows themselves).
QUERIED = re.compile(r'^\s*SELECT .*? FROM "?(\w+)"?', re.IGNORECASE | re.DOTALL)

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|TRUNCATE|COPY)\b", re.I)
PRIMARY_ONLY_TABLES = re.compile(
    r"^(django_session|accounts_|axes_|auth_|knox_|django_tasks|seslip_|portal_shared_cache"
    r"|kpi_submission$|kpi_family|kpi_person|kpi_referral|kpi_cpplan|kpi_previouscpplan"
    r"|kpi_periodofcare|kpi_quartermeasures)"
)


class Recorder:
    """Every statement run on the primary and on the replica while it is open."""

    def __init__(self):
        self.statements: dict[str, list[str]] = {DEFAULT_DB_ALIAS: [], REPLICA: []}

    def __enter__(self):
        self._wrapped = [
            connections[alias].execute_wrapper(self._recorder(alias)) for alias in self.statements
        ]
        for wrapper in self._wrapped:
            wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        for wrapper in reversed(self._wrapped):
            wrapper.__exit__(*exc)

    def _recorder(self, alias):
        def record(execute, sql, params, many, context):
            self.statements[alias].append(sql)
            return execute(sql, params, many, context)

        return record

    def tables(self, alias: str) -> set[str]:
        return {table for sql in self.statements[alias] for table in TABLE.findall(sql)}

    def queried(self, alias: str) -> set[str]:
        return {m.group(1) for sql in self.statements[alias] if (m := QUERIED.match(sql))}

    def writes(self, alias: str) -> list[str]:
        return [sql for sql in self.statements[alias] if WRITE.match(sql)]


@pytest.fixture
def replica_reads(settings, tmp_path):
    settings.REPLICA_READS = True
    settings.RESPONSE_CACHE = {**settings.RESPONSE_CACHE, "ENABLED": False}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.KPI_KEY_SECRET = "test-kpi-key-secret"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def model(db):
    fsm = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    AdoptionFactory(practice_model=fsm)
    return fsm


def test_read_only_pages_and_api_reads_read_public_data_from_the_replica(
    replica_reads, model, client
):
    with Recorder() as recorder:
        for path in ("/", f"/models/{model.slug}/", "/api/v1/practice-models/"):
            assert client.get(path).status_code == 200, path

    read = recorder.tables(REPLICA)
    assert "models_registry_practicemodel" in read
    assert "models_registry_adoption" in read
    assert not recorder.writes(REPLICA)
    assert not {t for t in recorder.queried(REPLICA) if PRIMARY_ONLY_TABLES.match(t)}
    assert "models_registry_practicemodel" not in recorder.tables(DEFAULT_DB_ALIAS)


def test_signed_in_reads_keep_sessions_and_users_on_the_primary(replica_reads, model, client):
    client.force_login(UserFactory(role="member"))
    with Recorder() as recorder:
        assert client.get(f"/models/{model.slug}/").status_code == 200

    assert "django_session" in recorder.tables(DEFAULT_DB_ALIAS)
    assert "accounts_user" in recorder.tables(DEFAULT_DB_ALIAS)
    assert "models_registry_practicemodel" in recorder.tables(REPLICA)
    assert not {t for t in recorder.queried(REPLICA) if PRIMARY_ONLY_TABLES.match(t)}


def test_sign_in_and_a_failed_sign_in_never_touch_the_replica(replica_reads, model):
    user = UserFactory(email="editor@example.org", role="member")
    user.set_password("a long enough password")
    user.save()
    client = Client()
    with Recorder() as recorder:
        for password in ("wrong password!", "a long enough password"):
            client.post("/accounts/sign-in/", {"username": user.email, "password": password})
        assert client.get(f"/models/{model.slug}/").status_code == 200

    assert "axes_accessattempt" in recorder.tables(DEFAULT_DB_ALIAS)
    assert recorder.statements[REPLICA] == []


def test_an_admin_edit_writes_to_the_primary_and_its_author_then_reads_the_primary(
    replica_reads, model
):
    from accounts.roles import sync_role_group

    admin = UserFactory(email="admin@example.org", role="regional_admin", is_superuser=True)
    sync_role_group(admin)
    client = Client()
    client.force_login(admin)
    url = f"/admin/models_registry/practicemodel/{model.pk}/delete/"
    with Recorder() as recorder:
        assert client.get(url).status_code == 200
        deleted = client.post(url, {"post": "yes"})
        assert deleted.status_code == 302, deleted.content.decode()[:1000]
        assert PIN_COOKIE in deleted.cookies
        assert client.get("/models/").status_code == 200

    assert not PracticeModel.objects.filter(pk=model.pk).exists()
    assert recorder.writes(DEFAULT_DB_ALIAS)
    assert recorder.statements[REPLICA] == [], "a writer's next page must read the primary"

    # Once the pin has expired (a new client here), public reads go to the replica again.
    with Recorder() as recorder:
        assert Client().get("/models/").status_code == 200
    assert "models_registry_practicemodel" in recorder.tables(REPLICA)


def test_an_upload_through_the_api_and_record_level_reads_never_touch_the_replica(
    replica_reads, bracknell
):
    from kpi.services.toolkit import ensure_cohorts

    ensure_cohorts(authority=bracknell)
    analyst = UserFactory(role="authority_analyst", authority=bracknell)
    client = Client()
    client.force_login(analyst)
    with Recorder() as recorder:
        uploaded = client.post(
            "/api/v1/kpi/submissions/",
            {
                "la": bracknell.slug,
                "quarter": "2018-Q1",
                "file": named(file_bytes("valid_small.csv"), "cohort.csv"),
            },
        )
    assert uploaded.status_code == 201, uploaded.content[:500]
    assert Family.objects.exists()
    assert recorder.writes(DEFAULT_DB_ALIAS)
    assert recorder.statements[REPLICA] == []

    submission = Submission.objects.get()
    reader = Client()  # no pin: a fresh session of the same analyst
    reader.force_login(analyst)
    with Recorder() as recorder:
        for path in (
            f"/kpi/submissions/{submission.pk}/",
            f"/api/v1/kpi/submissions/{submission.pk}/",
            f"/kpi/authorities/{bracknell.slug}/",
        ):
            assert reader.get(path).status_code == 200, path
    assert not recorder.writes(REPLICA)
    assert not {t for t in recorder.queried(REPLICA) if PRIMARY_ONLY_TABLES.match(t)}
    assert "kpi_submission" in recorder.tables(DEFAULT_DB_ALIAS)


def test_reads_inside_a_transaction_and_outside_requests_use_the_primary(replica_reads):
    router = PrimaryReplicaRouter()
    token = _replica_reads.set(True)
    try:
        assert router.db_for_read(PracticeModel) == REPLICA
        assert router.db_for_read(Family) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Submission) == DEFAULT_DB_ALIAS
        with transaction.atomic():
            assert router.db_for_read(PracticeModel) == DEFAULT_DB_ALIAS
    finally:
        _replica_reads.reset(token)
    assert router.db_for_read(PracticeModel) == DEFAULT_DB_ALIAS
    assert router.db_for_write(PracticeModel) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(REPLICA, "models_registry") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "models_registry") is True


def test_without_a_replica_everything_reads_the_one_database(settings):
    settings.REPLICA_READS = False
    token = _replica_reads.set(True)
    try:
        assert PrimaryReplicaRouter().db_for_read(PracticeModel) == DEFAULT_DB_ALIAS
    finally:
        _replica_reads.reset(token)

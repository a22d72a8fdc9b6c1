"""A two-host rehearsal on one machine (issue 20): the portal as docs/deployment.md lays it
out, with everything that makes a process stateful moved out of it.

Two gunicorn instances on different ports (hosts A and B, behind one pretend proxy that
appends the client's address to X-Forwarded-For, TRUSTED_PROXY_COUNT=1), one task worker,
one PostgreSQL (the test database, also named as the read replica, so the router runs),
one Redis (the shared cache: API throttle and every counter) and one storage directory.
The processes share nothing else: no memory, no local files.

- A cohort file uploaded through A is imported by the worker, from the storage, and its
  dashboard and figures are served by B.
- A change made through B is seen at once through A, even on a page A had cached.
- The API throttle and the sign-in lockout count requests made to either host.
"""

import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
from django.test import Client

from accounts.roles import sync_role_group
from accounts.services import create_api_token
from kpi.generator import CohortGenerator, write_csv
from kpi.quarters import Quarter
from kpi.services.toolkit import ensure_cohorts, load_definitions
from models_registry.models import Adoption
from tests.deployment.conftest import (
    WORKER_COMMAND,
    Portal,
    database_url,
    free_port,
    start,
    stop,
    wait_until_serving,
)
from tests.factories import (
    AdoptionFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
    pytest.mark.redis_only,
]

THROTTLE = 6  # anonymous API requests a minute, per client address
FAILURES = 3  # wrong passwords before a lockout
PASSWORD = "correct horse battery staple"
VERSION_CHECK_SECONDS = 1  # the production default (seslip/settings.py)


class Visitor:
    """One browser behind the proxy: its cookies (sent to either host, as a load balancer
    would) and its address, which the proxy appends to X-Forwarded-For."""

    def __init__(self, address: str, cookies: dict[str, str] | None = None):
        self.address = address
        self.cookies = dict(cookies or {})

    def request(self, host: Portal, path: str, form: dict | None = None):
        headers = {"X-Forwarded-For": self.address, "X-Forwarded-Proto": "http"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = host.base + path
        request = urllib.request.Request(host.base + path, data=data, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=60) as response:
                status, body, set_cookies = (
                    response.status,
                    response.read(),
                    response.headers.get_all("Set-Cookie") or [],
                )
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
            set_cookies = error.headers.get_all("Set-Cookie") or []
        for line in set_cookies:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return status, body.decode("utf-8", "replace")

    def post_form(self, host: Portal, path: str, fields: dict):
        """GET the form (its CSRF token), then POST it."""
        status, page = self.request(host, path)
        assert status == 200, (path, status, page[:500])
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:1000]
        return self.request(host, path, {"csrfmiddlewaretoken": token.group(1), **fields})


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def region(tmp_path) -> dict:
    bracknell = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    surrey = LocalAuthorityFactory(slug="surrey", name="Surrey", kind="county")
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    AdoptionFactory(local_authority=bracknell, practice_model=model)
    adoption = AdoptionFactory(local_authority=surrey, practice_model=model)
    load_definitions()
    ensure_cohorts(authority=bracknell)
    analyst = UserFactory(
        email="analyst@bracknell-forest.example.org", role="authority_analyst", authority=bracknell
    )
    admin = UserFactory(email="admin@example.org", role="regional_admin", is_superuser=True)
    sync_role_group(admin)
    member = UserFactory(email="member@example.org", role="member")
    member.set_password(PASSWORD)
    member.save()
    sessions = {}
    for name, user in (("analyst", analyst), ("admin", admin)):
        client = Client()
        client.force_login(user)
        sessions[name] = client.cookies["sessionid"].value
    cohort = tmp_path / "cohort.csv"
    with cohort.open("w", encoding="utf-8", newline="") as out:
        write_csv(
            CohortGenerator(
                authority_slug="bracknell-forest",
                quarter=Quarter.parse("2018-Q1"),
                families=60,
                seed=20,
            ).rows(),
            out,
        )
    return {
        "sessions": sessions,
        "token": create_api_token(user=analyst).key,
        "adoption": adoption,
        "member": member,
        "cohort": cohort,
    }


@pytest.fixture
def two_hosts(tmp_path):
    """Hosts A and B and one worker, configured as docs/deployment.md says."""
    database = database_url(tmp_path)
    storage = tmp_path / "storage"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "seslip.settings_test",
        "DATABASE_URL": database,
        "DATABASE_REPLICA_URL": database,
        "MEDIA_ROOT": str(storage),
        "ALLOWED_HOSTS": "127.0.0.1",
        "TRUSTED_PROXY_COUNT": "1",
        "API_THROTTLE_ANON": f"{THROTTLE}/minute",
        "AXES_FAILURE_LIMIT": str(FAILURES),
        # Every file goes to the worker, so a small one shows the path a large one takes.
        "KPI_BACKGROUND_ROWS": "10",
        "LOG_LEVEL": "WARNING",
        # Production's bound on how stale another server's cached anonymous page may be
        # (the test settings otherwise re-read the data version on every request).
        "RESPONSE_CACHE_VERSION_CHECK_SECONDS": str(VERSION_CHECK_SECONDS),
    }
    assert env["CACHE_URL"].startswith("unix://"), "the shared cache is tests/tools/with-redis"
    env.pop("TASKS_BACKEND", None)
    processes, hosts = [], {}
    try:
        for name in ("A", "B"):
            port = free_port()
            log = tmp_path / f"gunicorn-{name}.log"
            server = start(
                [
                    *(
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "seslip.wsgi",
                        "--workers",
                        "2",
                        "--preload",
                    ),
                    *("--bind", f"127.0.0.1:{port}", "--timeout", "120"),
                ],
                env,
                log,
            )
            processes.append(server)
            hosts[name] = (Portal(f"http://127.0.0.1:{port}"), server, log)
        processes.append(
            start([sys.executable, "manage.py", *WORKER_COMMAND], env, tmp_path / "worker.log")
        )
        for portal, server, log in hosts.values():
            wait_until_serving(portal, server, log)
        yield {name: portal for name, (portal, _, _) in hosts.items()}
    finally:
        for process in reversed(processes):
            stop(process)


def test_two_application_hosts_share_files_cache_counters_and_data(two_hosts, tmp_path):
    world = region(tmp_path)
    a, b = two_hosts["A"], two_hosts["B"]

    # An upload through A is imported by the worker and served by B.
    analyst = Visitor("198.51.100.20", {"sessionid": world["sessions"]["analyst"]})
    uploaded = Portal(a.base, token=world["token"]).upload(
        "/api/v1/kpi/submissions/",
        file=world["cohort"],
        fields={"la": "bracknell-forest", "quarter": "2018-Q1"},
        who="token",
    )
    assert uploaded.status == 202, uploaded.body[:500]
    pk = uploaded.json()["submission"]["id"]
    deadline = time.monotonic() + 60
    while True:
        status, body = analyst.request(b, f"/kpi/submissions/{pk}/")
        assert status == 200, body[:500]
        if "Accepted" in body:
            break
        assert time.monotonic() < deadline, "the worker never imported the file"
        time.sleep(0.3)
    assert not list((tmp_path / "storage").rglob("*.csv")), "the worker deletes the stored file"
    status, dashboard = analyst.request(b, "/kpi/authorities/bracknell-forest/")
    assert status == 200
    assert "2018" in dashboard
    status, values = analyst.request(b, "/api/v1/kpi/values/?la=bracknell-forest")
    assert status == 200 and '"quarter":"2018-Q1"' in values.replace(" ", ""), values[:500]

    # An edit through B is seen through A at once by signed-in people and by its author,
    # and by anonymous visitors within the response cache's version check, though A had
    # the page cached (docs/adr/0009-shared-state.md).
    page_path = "/models/family-safeguarding/"
    reader = Visitor("198.51.100.30")
    deleted = '<td class="govuk-table__cell">Deleted</td>'  # a row of the page's history
    for _ in range(2):
        status, page = reader.request(a, page_path)
        assert status == 200 and "Surrey" in page and deleted not in page
    admin = Visitor("198.51.100.40", {"sessionid": world["sessions"]["admin"]})
    adoption = world["adoption"]
    status, _ = admin.post_form(
        b, f"/admin/models_registry/adoption/{adoption.pk}/delete/", {"post": "yes"}
    )
    assert status == 302
    changed_at = time.monotonic()
    assert not Adoption.objects.filter(pk=adoption.pk).exists()
    assert deleted in admin.request(a, page_path)[1], "the author saw a stale page on A"
    assert deleted in analyst.request(a, page_path)[1], "a signed-in reader saw a stale page"
    while deleted not in reader.request(a, page_path)[1]:
        assert time.monotonic() - changed_at < VERSION_CHECK_SECONDS + 1, "A's cache kept it"
        time.sleep(0.05)

    # The anonymous API throttle counts requests to both hosts, per client address.
    caller = Visitor("203.0.113.50")
    answers = [
        caller.request((a, b)[n % 2], f"/api/v1/local-authorities/?q=n{n}")[0]
        for n in range(THROTTLE + 2)
    ]
    assert answers == [200] * THROTTLE + [429, 429], answers
    assert Visitor("203.0.113.51").request(b, "/api/v1/local-authorities/")[0] == 200

    # The sign-in lockout counts wrong passwords sent to either host.
    attacker = Visitor("203.0.113.60")
    email = world["member"].email
    answers = [
        attacker.post_form(
            (a, b)[n % 2], "/accounts/sign-in/", {"username": email, "password": "wrong"}
        )[0]
        for n in range(FAILURES)
    ]
    assert answers == [200] * (FAILURES - 1) + [429], answers
    status, page = attacker.post_form(
        b, "/accounts/sign-in/", {"username": email, "password": PASSWORD}
    )
    assert status == 429 and "Signing in is paused" in page
    colleague = Visitor("198.51.100.70")
    status, _ = colleague.post_form(
        a, "/accounts/sign-in/", {"username": email, "password": PASSWORD}
    )
    assert status == 302, "the right password from elsewhere still signs in"

"""create_user and purge_expired_records; no command hands out API tokens."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import AccessLog, Role, RoleGrant, User
from seslip import retention
from tests.factories import AccessLogFactory, UserFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_user_makes_an_analyst_for_an_authority_and_prints_the_invitation(bracknell):
    output = run(
        "create_user",
        "Ana.Lyst@Bracknell-Forest.gov.uk",
        "--role",
        "authority_analyst",
        "--la",
        "bracknell-forest",
    )
    user = User.objects.get(email="ana.lyst@bracknell-forest.gov.uk")
    assert user.role == Role.AUTHORITY_ANALYST
    assert user.authority == bracknell
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["Authority analyst"]
    link = re.search(r"http\S+/accounts/invitation/\S+/", output).group(0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert link in mail.outbox[0].body


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "authority_editor"], "An authority editor needs an authority"),
        (["--role", "authority_analyst"], "An authority analyst needs an authority"),
        (
            ["--role", "regional_analyst", "--la", "bracknell-forest"],
            "A regional analyst works for the region",
        ),
        (
            ["--role", "regional_admin", "--la", "bracknell-forest"],
            "A regional admin works for the region",
        ),
        (["--role", "authority_editor", "--la", "nowhere"], "No local authority"),
    ],
)
def test_create_user_refuses_roles_and_authorities_that_do_not_fit(bracknell, args, message):
    with pytest.raises(CommandError, match=message):
        run("create_user", "someone@example.org", *args)
    assert not User.objects.filter(email="someone@example.org").exists()
    assert mail.outbox == []


def test_create_user_rejects_an_unknown_role():
    with pytest.raises(CommandError):
        run("create_user", "someone@example.org", "--role", "superhero")


def test_create_user_refuses_an_existing_email_in_any_case(member):
    with pytest.raises(CommandError, match="already an account"):
        run("create_user", member.email.upper(), "--role", "member")


def test_create_user_regional_roles_and_members_need_no_authority():
    run("create_user", "ra@example.org", "--role", "regional_admin")
    admin = User.objects.get(email="ra@example.org")
    assert admin.role == "regional_admin"
    assert not admin.is_staff and not admin.is_superuser
    run("create_user", "m@example.org", "--role", "member")
    assert not User.objects.get(email="m@example.org").is_staff


def test_there_is_no_command_that_prints_someone_elses_api_token():
    """A key is shown to its owner only, on their account page (docs/adr/0006)."""
    with pytest.raises(CommandError, match="Unknown command"):
        run("create_api_token", "analyst@example.org")


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_purge_deletes_access_log_entries_past_retention_and_says_records_were_not_purged(
    settings, member, monkeypatch
):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    monkeypatch.setattr(retention, "_purges", {})
    kept = AccessLogFactory(user=member, at=_days_ago(29))
    AccessLogFactory(user=member, at=_days_ago(31))
    with pytest.raises(CommandError, match="Record-level data was NOT purged"):
        run("purge_expired_records")
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]


def test_purge_deletes_old_sign_in_records_too(settings, monkeypatch):
    from axes.models import AccessFailureLog
    from axes.models import AccessLog as SignInLog

    settings.ACCESS_LOG_RETENTION_DAYS = 30
    monkeypatch.setattr(retention, "_purges", {"kpi": lambda cutoff: 0})
    long_ago = timezone.now() - datetime.timedelta(days=31)
    for model in (SignInLog, AccessFailureLog):
        old = model.objects.create(username="a@example.org", ip_address="192.0.2.1", user_agent="x")
        model.objects.filter(pk=old.pk).update(attempt_time=long_ago)
        model.objects.create(username="b@example.org", ip_address="192.0.2.2", user_agent="y")
    output = run("purge_expired_records")
    assert ", 2 sign-in records and 0 role grants" in output
    assert set(SignInLog.objects.values_list("username", flat=True)) == {"b@example.org"}
    assert set(AccessFailureLog.objects.values_list("username", flat=True)) == {"b@example.org"}


def test_purge_deletes_old_role_grants_but_keeps_each_accounts_latest(
    settings, monkeypatch, admin, member, analyst_bracknell
):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    monkeypatch.setattr(retention, "_purges", {"kpi": lambda cutoff: 0})

    def grant(user, days):
        # Written as it was then: a grant cannot be back-dated afterwards (append-only).
        return RoleGrant.objects.create(
            user=user, user_email=user.email, role=user.role, granted_by=admin, at=_days_ago(days)
        ).pk

    leaver = UserFactory(email="leaver@example.org")
    grant(member, 40)  # superseded and old: goes
    latest_but_old = grant(member, 35)  # still the role member holds: stays
    grant(analyst_bracknell, 50)  # superseded and old: goes
    recent = grant(analyst_bracknell, 5)
    grant(leaver, 45)  # the account is gone: goes
    leaver.delete()
    output = run("purge_expired_records")
    assert "and 3 role grants" in output
    assert set(RoleGrant.objects.values_list("pk", flat=True)) == {latest_but_old, recent}


def test_purge_calls_the_kpi_apps_purge_with_the_record_cutoff(settings, monkeypatch):
    settings.RECORD_RETENTION_DAYS = 100
    seen = []

    def purge_records_older_than(cutoff):
        seen.append(cutoff)
        return 12

    monkeypatch.setattr(retention, "_purges", {"kpi": purge_records_older_than})
    output = run("purge_expired_records")
    assert "Deleted 12 record-level rows" in output
    expected = timezone.now() - datetime.timedelta(days=100)
    assert abs(seen[0] - expected) < datetime.timedelta(minutes=1)


def test_the_kpi_app_registers_its_own_record_purge():
    from kpi.services.retention import purge_records_older_than

    assert retention._purges == {"kpi": purge_records_older_than}


def _base_url_under(environment: dict[str, str]) -> str:
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("PORT", "PORTAL_BASE_URL")}
    env.update({"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "seslip.settings", **environment})
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.PORTAL_BASE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_links_follow_the_port_make_run_serves_on():
    assert _base_url_under({"PORT": "8123"}) == "http://127.0.0.1:8123"
    assert _base_url_under({}) == "http://127.0.0.1:8000"
    assert _base_url_under({"PORT": "8123", "PORTAL_BASE_URL": "https://p.example/"}) == (
        "https://p.example"
    )

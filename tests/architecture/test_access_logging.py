"""Access logging is done by the services that read or take in record-level data, given
the request (its user and channel), never by the modules that answer a request: page
views, API views and the admin (issue 21). They hand their request to a service that
both reads the data and logs the read:

- uploads: `import_submission(request=...)`, `submit_aggregate_csv(request=...)`;
- the submissions page: `submissions_for_user(request=...)`; one submission and its
  report: `accounts.services.open_record_level`; a withdrawal: `withdraw_submission`;
- the record-level API (`accounts/api/record_level.py`): `accounts.services.read_record_level`;
- the values CSV (`kpi/api/values.py`): `kpi.selectors.values_for_export`;
- the KPI admin: `kpi.selectors.submissions_read_in_admin`.

So none of those modules names the access log's writer, `record_access`, or the log's
table's manager."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))

# Writing an entry: the service's writer (imported, called or passed on), or the model's.
WRITES_THE_LOG = re.compile(r"\brecord_access\b|\bAccessLog\.objects\b")


def answers_requests(path: Path) -> bool:
    """A page view, an API view or an admin module (`admin.py`, `admin_*.py`, `admin/`)."""
    folders = path.relative_to(ROOT).parts[1:-1]
    return (
        path.stem == "views"
        or path.stem.endswith("_views")
        or path.stem.startswith("admin")
        or any(folder in ("views", "api", "admin") for folder in folders)
    )


def request_modules() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and answers_requests(path)
    )


def writers_of_the_log(paths: list[Path], root: Path = ROOT) -> list[str]:
    return [
        str(path.relative_to(root))
        for path in paths
        if WRITES_THE_LOG.search(path.read_text(encoding="utf-8"))
    ]


def test_the_walk_finds_pages_api_and_admin():
    names = {str(path.relative_to(ROOT)) for path in request_modules()}
    assert {
        "kpi/views/submissions.py",
        "kpi/views/returns.py",
        "accounts/views.py",
        "models_registry/upkeep_views.py",
        "accounts/api/record_level.py",
        "kpi/api/values.py",
        "kpi/api/views.py",
        "kpi/admin.py",
        "accounts/admin.py",
        "seslip/admin_site.py",
    } <= names


def test_no_view_api_or_admin_writes_the_access_log_itself():
    assert not writers_of_the_log(request_modules())


def test_the_rule_sees_a_direct_write(tmp_path):
    written = tmp_path / "admin.py"
    written.write_text(
        "from accounts.services import record_access\n\n"
        "def changelist_view(request):\n"
        "    record_access(request=request, action='view_records', target='t')\n",
        encoding="utf-8",
    )
    created = tmp_path / "views.py"
    created.write_text("AccessLog.objects.create(action='export')\n", encoding="utf-8")
    clean = tmp_path / "values.py"
    clean.write_text("values = values_for_export(request=request, values=rows)\n")
    found = writers_of_the_log([written, created, clean], root=tmp_path)
    assert found == ["admin.py", "views.py"]

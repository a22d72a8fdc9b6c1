"""Access logging is done by the services that read or take in record-level data, given
the request (its user and channel), never by the pages' views (issue 21). A view hands
its request to the service (`import_submission(request=...)`,
`submissions_for_user(request=...)`, `submit_aggregate_csv(request=...)`) or opens a
record-level object through `accounts.services.open_record_level`, which logs the read."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def page_view_modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.glob("*/**/*.py")
        if ".venv" not in path.parts
        and path.relative_to(ROOT).parts[0] != "tests"
        and (path.name == "views.py" or path.parent.name == "views")
    )


def test_the_walk_finds_the_kpi_pages():
    names = {str(path.relative_to(ROOT)) for path in page_view_modules()}
    assert {"kpi/views/submissions.py", "kpi/views/returns.py", "accounts/views.py"} <= names


def test_no_page_view_writes_the_access_log_itself():
    writing = [
        str(path.relative_to(ROOT))
        for path in page_view_modules()
        if "record_access(" in path.read_text(encoding="utf-8")
    ]
    assert not writing

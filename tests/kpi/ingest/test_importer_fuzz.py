"""The importer fed mutated real-format files (issue: fuzzing and bad input): truncated
XLSX, wrong encodings, huge cells, a header of a million columns. Always a report or an
acceptance, never an exception, and memory that stays bounded."""

import io
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.generator import CohortGenerator, write_csv, write_xlsx
from kpi.models import Submission
from kpi.quarters import Quarter
from kpi.services.imports import import_submission
from tests.kpi.conftest import named

QUARTER = Quarter.parse("2018-Q1")


def generated_csv(families: int = 4) -> bytes:
    text = io.StringIO()
    rows = CohortGenerator(
        authority_slug="bracknell-forest", quarter=QUARTER, families=families, seed=5
    ).rows()
    write_csv(rows, text)
    return text.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def real_xlsx(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("xlsx") / "cohort.xlsx"
    rows = CohortGenerator(
        authority_slug="bracknell-forest", quarter=QUARTER, families=4, seed=5
    ).rows()
    write_xlsx(rows, str(path))
    return path.read_bytes()


def upload(authority, content: bytes, name: str):
    return import_submission(
        authority=authority, quarter=QUARTER, file=named(content, name), user=None
    )


def assert_answered(report) -> None:
    assert report.outcome in ("accepted", "rejected", "unchanged")
    if report.outcome == "rejected":
        assert report.errors and all(problem.message for problem in report.errors)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cut=st.floats(0.0, 0.999), junk=st.binary(max_size=16))
def test_truncated_or_corrupted_xlsx_gives_a_report(fs_bracknell, real_xlsx, cut, junk):
    content = real_xlsx[: int(len(real_xlsx) * cut)] + junk
    report = upload(fs_bracknell, content, "cohort.xlsx")
    assert report.outcome == "rejected"
    assert report.errors


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "latin-1", "utf-8-sig", "cp1252"])
def test_files_in_other_encodings_are_answered(fs_bracknell, encoding):
    content = generated_csv().decode("utf-8").encode(encoding, errors="replace")
    assert_answered(upload(fs_bracknell, content, "cohort.csv"))


def test_a_huge_cell_is_reported_not_swallowed(fs_bracknell):
    content = generated_csv().replace(b"\r\n", b"\r\n" + b"X" * 3_000_000 + b",", 1)
    report = upload(fs_bracknell, content, "cohort.csv")
    assert report.outcome == "rejected"


def test_a_million_column_header_is_rejected_within_bounded_memory(fs_bracknell):
    header = ",".join(f"C{n}" for n in range(1_000_000)).encode() + b"\r\nF1,P1\r\n"
    tracemalloc.start()
    try:
        report = upload(fs_bracknell, header, "cohort.csv")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.outcome == "rejected"
    assert report.errors
    assert peak < 400 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert Submission.objects.filter(status="accepted").count() == 0

"""Whatever bytes are uploaded, the import answers with acceptance or a report."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.services.imports import import_submission
from tests.kpi.conftest import file_bytes, named

HEADER = b"R01,D01,R02,R03,R04,R10,R11,R12,D04,X01,I27\r\n"
VALID = file_bytes("valid_small.csv")

cells = st.one_of(
    st.sampled_from(["", "F1", "P1", "REF1", "02/11/2017", "2018-13-01", "31/12/2017", "Y", "12"]),
    st.text(max_size=12),
)
csv_like = st.lists(st.lists(cells, min_size=0, max_size=12), max_size=8).map(
    lambda rows: HEADER + "\r\n".join(",".join(row) for row in rows).encode("utf-8", "replace")
)
mutated_valid = st.tuples(st.integers(0, len(VALID) - 1), st.binary(max_size=6)).map(
    lambda cut: VALID[: cut[0]] + cut[1] + VALID[cut[0] + len(cut[1]) :]
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    content=st.one_of(st.binary(max_size=300), csv_like, mutated_valid),
    name=st.sampled_from(["cohort.csv", "cohort.xlsx", "cohort.txt", ""]),
)
def test_any_byte_string_gives_acceptance_or_a_report(fs_bracknell, content, name):
    report = import_submission(
        authority=fs_bracknell, quarter="2018-Q1", file=named(content, name), user=None
    )

    assert report.outcome in ("accepted", "rejected", "unchanged")
    if report.outcome == "rejected":
        assert report.errors
        assert all(problem.message for problem in report.errors)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(min_size=4, max_size=400))
def test_any_bytes_after_a_zip_signature_give_a_report(fs_bracknell, tail):
    report = import_submission(
        authority=fs_bracknell,
        quarter="2018-Q1",
        file=named(b"PK\x03\x04" + tail, "cohort.xlsx"),
        user=None,
    )

    assert report.outcome == "rejected"
    assert report.errors

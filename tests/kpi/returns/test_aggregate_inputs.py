"""Returned figures (kpi-spec §4) take any input the way cohort files do (issue 17, item 3):
every problem with its row, column, value and a plain message, nothing stored, never an
exception. The limits are in docs/kpi-ingest.md ("Returned figures")."""

import io
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.models import AggregateFigure, AggregateReturn, IndicatorValue
from kpi.returns.figures import MAX_FIGURE, MAX_ROWS
from kpi.returns.reading import parse_aggregate_csv
from kpi.returns.services import submit_aggregate_csv

pytestmark = pytest.mark.django_db

THIRTY_NINES = "9" * 30


def problems_of(content: bytes) -> list[tuple]:
    figures, problems = parse_aggregate_csv(content)
    assert problems, figures
    return [(p.row, p.column, p.value) for p in problems]


def assert_nothing_stored() -> None:
    assert not AggregateFigure.objects.exists()
    assert not IndicatorValue.objects.exists()
    assert not AggregateReturn.objects.filter(status="accepted").exists()


# --- bytes that are not text ---------------------------------------------------------------


def test_a_byte_no_encoding_can_read_is_reported_with_its_row():
    """0x81 is neither UTF-8 nor Windows-1252: it was an UnboundLocalError."""
    _, [problem] = parse_aggregate_csv(b"measure,value\nla_cla_at_end,14\x810\n")

    assert problem.row == 2
    assert "0x81" in problem.message


def test_random_bytes_are_reported():
    noise = random.Random(17).randbytes(4000)

    _, problems = parse_aggregate_csv(noise)

    assert problems and all(problem.message for problem in problems)


def test_an_excel_workbook_is_refused_with_what_to_do():
    _, [problem] = parse_aggregate_csv(b"PK\x03\x04" + b"\0" * 100)

    assert "CSV" in problem.message


def test_a_field_longer_than_the_csv_limit_is_a_row_error():
    """Over 131,072 characters the csv module raised csv.Error."""
    content = b'measure,value\nla_cla_at_end,"' + b"1" * 140_000 + b'"\n'

    _, [problem] = parse_aggregate_csv(content)

    assert problem.row == 2


def test_a_long_cell_is_reported_not_stored():
    content = b"measure,value\n" + b"x" * 5000 + b",4\n"

    [(row, column, value)] = problems_of(content)

    assert (row, column) == (2, "measure")
    assert len(value) <= 200


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ("la_cla_at_end,1e300", "value"),
        (f"la_cla_at_end,{THIRTY_NINES}", "value"),
        ("ae_children_pct,12.5,1e300", "people"),
        (f"ae_children_pct,12.5,{THIRTY_NINES}", "people"),
        ("caseload_social_worker,nan,3", "value"),
        ("caseload_social_worker,inf,3", "value"),
        ("caseload_social_worker,-inf,3", "value"),
        ("la_cla_at_end,١٤٠", "value"),
        ("la_cla_at_end,１４０", "value"),
        ("la_cla_at_end,1_000", "value"),
        ('la_cla_at_end,"1,2,3"', "value"),
        ("ae_children_pct,12.5,8.5", "people"),
        ("ae_children_pct,12.5,-3", "people"),
        (f"expert_report_external_cost,{MAX_FIGURE + 1}", "value"),
        ("la_cla_at_end,140,12", "people"),
    ],
)
def test_numbers_out_of_range_or_not_plain_decimals_are_row_errors(cells, column):
    """1e300, thirty 9s in `value` or `people` were an OverflowError; NaN was stored."""
    [(row, problem_column, _)] = problems_of(f"measure,value,people\n{cells}\n".encode())

    assert (row, problem_column) == (2, column)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234", 1234.0), ("£1,234.50", 1234.5), (" 7 ", 7.0), ("0", 0.0), ("12.25", 12.25)],
)
def test_plain_decimals_with_thousands_separators_are_read(text, value):
    money = "£" in text
    row = f'expert_report_external_cost,"{text}"' if money else f'caseload_social_worker,"{text}",9'

    figures, problems = parse_aggregate_csv(f"measure,value,people\n{row}\n".encode())

    assert problems == []
    assert figures[0].value == value


def test_every_problem_of_a_file_is_reported_with_its_row():
    content = (
        b"measure,value,people\n"
        b"la_cla_at_end,-1\n"
        b"nonsense,4\n"
        b"ae_adults_pct,101,40\n"
        b"care_proceedings,2.5\n"
        b"care_proceedings,3\n"
    )

    problems = problems_of(content)

    assert [row for row, _, _ in problems] == [2, 3, 4, 5, 6]


# --- the file's shape ----------------------------------------------------------------------


def test_more_rows_than_a_return_can_have_are_refused():
    content = b"measure,value\n" + b"la_cla_at_end,1\n" * (MAX_ROWS + 5)

    _, problems = parse_aggregate_csv(content)

    assert any(f"more than {MAX_ROWS}" in problem.message for problem in problems)
    assert len(problems) < MAX_ROWS + 5


def test_a_column_that_is_not_measure_value_or_people_is_an_error():
    [(row, column, _)] = problems_of(b"measure,value,peopel\nla_cla_at_end,4,3\n")

    assert (row, column) == (1, "peopel")


def test_a_row_with_more_cells_than_the_header_is_an_error():
    [(row, _, _)] = problems_of(b"measure,value\nla_cla_at_end,4,3\n")

    assert row == 2


# --- the pages -----------------------------------------------------------------------------


def post_csv(client, authority, content: bytes, quarter="2018-Q1"):
    upload = io.BytesIO(content)
    upload.name = "figures.csv"
    return client.post(
        "/kpi/returns/upload/", {"authority": authority.pk, "quarter": quarter, "file": upload}
    )


@pytest.mark.parametrize(
    "content",
    [
        b"measure,value\nla_cla_at_end,14\x810\n",
        random.Random(3).randbytes(2000),
        b'measure,value\nla_cla_at_end,"' + b"1" * 140_000 + b'"\n',
        b"measure,value,people\nae_children_pct,12,1e300\n",
        f"measure,value\nla_cla_at_end,{THIRTY_NINES}\n".encode(),
    ],
    ids=["byte-0x81", "random-bytes", "long-field", "people-1e300", "thirty-nines"],
)
def test_upload_page_reports_what_crashed_it_and_stores_nothing(
    client_for, fs_bracknell, analyst_bracknell, content
):
    client = client_for("analyst_bracknell")

    response = post_csv(client, fs_bracknell, content)

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "were not accepted" in page.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("la_cla_at_end", "1e300"),
        ("la_cla_at_end", THIRTY_NINES),
        ("caseload_social_worker", "NaN"),
        ("la_cla_at_end", "١٤٠"),
        ("ae_children_pct__people", THIRTY_NINES),
        ("ae_children_pct__people", "1e300"),
    ],
)
def test_form_shows_a_field_error_for_numbers_it_cannot_store(
    client_for, fs_bracknell, analyst_bracknell, field, text
):
    data = {
        "authority": fs_bracknell.pk,
        "quarter": "2018-Q1",
        "ae_children_pct": "12",
        field: text,
    }

    response = client_for("analyst_bracknell").post("/kpi/returns/new/", data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "govuk-error-summary" in response.content.decode()
    assert_nothing_stored()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    content=st.one_of(
        st.binary(max_size=400),
        st.lists(
            st.lists(
                st.one_of(
                    st.sampled_from(["la_cla_at_end", "ae_children_pct", "12", "1e300", "nan"]),
                    st.text(max_size=12),
                ),
                max_size=4,
            ),
            max_size=6,
        ).map(
            lambda rows: (
                b"measure,value,people\n"
                + "\n".join(",".join(row) for row in rows).encode("utf-8", "surrogatepass")
            )
        ),
    )
)
def test_any_bytes_give_figures_or_a_report_and_a_report_stores_nothing(fs_bracknell, content):
    report = submit_aggregate_csv(
        authority=fs_bracknell, quarter="2018-Q1", content=content, user=None
    )

    assert report.outcome in ("accepted", "rejected", "unchanged")
    if report.outcome == "rejected":
        assert report.problems and all(problem.message for problem in report.problems)
        assert not report.aggregate_return.figures.exists()

"""One quarter rule for every path (issue 17, item 2; docs/kpi-ingest.md, "Quarters").

A quarter is written YYYY-Qn in the digits 0 to 9; a return's quarter is not after the
quarter of the upload day nor before the authority's first cohort window; a cohort file's
families all began on or before the quarter's end. Each path that takes a quarter is
tested here with the quarters that broke it: `2030-Q1` accepted for a 2018 file, `9999-Q4`
a 500 leaving a failed submission, `0000-Q1` and `0999-Q1` crashing the return forms,
`٢٠١٨-Q3` read as 2018-Q3.
"""

import html
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from kpi.models import AggregateReturn, IndicatorValue, Submission
from kpi.quarters import Quarter, QuarterError, check_return_quarter
from kpi.returns.figures import Figure
from kpi.returns.services import submit_aggregate_csv, submit_aggregates
from kpi.services.imports import import_submission
from tests.kpi.conftest import FILES, file_bytes, named


def not_begun() -> str:
    """The quarter after the one we are in: the nearest quarter no return can be for."""
    return str(Quarter.containing(timezone.localdate()).next())


REFUSED_EVERYWHERE = ["9999-Q4", "0000-Q1", "0999-Q1", "٢٠١٨-Q3", "2018-Q٣", "１２３４-Q1"]


# --- how a quarter is written --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quarter"),
    [("2018-Q1", Quarter(2018, 1)), (" 2017-q4 ", Quarter(2017, 4)), ("9999-Q4", Quarter(9999, 4))],
)
def test_a_quarter_is_written_yyyy_qn(text, quarter):
    assert Quarter.parse(text) == quarter


@pytest.mark.parametrize(
    "text",
    ["٢٠١٨-Q3", "2018-Q٣", "１２３４-Q1", "2018Q3", "2018-Q5", "2018-Q0", "18-Q1", "2018-Q1x", ""],
)
def test_anything_else_is_not_a_quarter_and_non_ascii_digits_are_not_read(text):
    with pytest.raises(QuarterError, match="YYYY-Qn with the digits 0 to 9"):
        Quarter.parse(text)


@pytest.mark.parametrize("text", ["0000-Q1", "0999-Q1", "1989-Q4"])
def test_a_quarter_before_1990_is_refused_by_name(text):
    with pytest.raises(QuarterError, match="before 1990"):
        Quarter.parse(text)


def test_a_refused_text_is_quoted_short():
    with pytest.raises(QuarterError) as refused:
        Quarter.parse("x" * 60_000)

    assert len(str(refused.value)) < 200


def test_the_last_quarter_of_year_9999_has_an_end():
    """Its end was computed as the next quarter's start: `year 10000 is out of range`."""
    assert Quarter.parse("9999-Q4").end == date(9999, 12, 31)
    assert [Quarter(2018, n).end for n in (1, 2, 3, 4)] == [
        date(2018, 3, 31),
        date(2018, 6, 30),
        date(2018, 9, 30),
        date(2018, 12, 31),
    ]


# --- which quarter a return may be for -----------------------------------------------------

FIRST_WINDOW = date(2017, 10, 1)  # Cohort 1


def check(text, *, today=date(2019, 2, 14), first_window=FIRST_WINDOW):
    return check_return_quarter(
        text, today=today, first_window=first_window, authority_name="Bracknell Forest"
    )


def test_a_return_may_be_for_any_quarter_from_the_first_window_to_this_one():
    assert check("2017-Q4") == Quarter(2017, 4)
    assert check("2019-Q1") == Quarter(2019, 1)  # the quarter of the upload day


def test_a_quarter_that_has_not_begun_is_refused():
    with pytest.raises(QuarterError, match=r"2019-Q2 \(Apr–Jun 2019\) has not begun.*2019-Q1"):
        check("2019-Q2")


def test_a_quarter_before_the_first_cohort_window_is_refused():
    with pytest.raises(
        QuarterError, match=r"before Bracknell Forest's first cohort window.*2017-Q4"
    ):
        check("2017-Q3")


def test_a_window_starting_mid_quarter_allows_that_quarter():
    assert check("2017-Q4", first_window=date(2017, 11, 15)) == Quarter(2017, 4)


def test_an_authority_without_cohort_windows_has_no_quarter_to_return():
    with pytest.raises(QuarterError, match="no Family Safeguarding cohort windows"):
        check("2018-Q1", first_window=None)


# --- cohort files: service, command, page, API ---------------------------------------------


@pytest.mark.parametrize("quarter", [*REFUSED_EVERYWHERE, "not-begun", "2017-Q3"])
def test_the_import_service_refuses_the_quarter_and_stores_nothing(upload, quarter):
    quarter = not_begun() if quarter == "not-begun" else quarter

    report = upload("valid_small.csv", quarter=quarter)

    assert report.outcome == "rejected"
    assert report.submission is None
    assert report.errors[0].column == "quarter"
    assert not Submission.objects.exists()


def test_a_2018_file_filed_for_a_quarter_that_has_not_begun_is_refused(upload):
    """The issue's case: the same file filed as 2030-Q1 was accepted, and the public
    dashboard showed "Jan–Mar 2030" with a mean open-plan length of 4,372 days."""
    report = upload("valid_small.csv", quarter=not_begun())

    assert "has not begun" in report.errors[0].message
    assert not IndicatorValue.objects.exists()


def test_an_authority_without_cohort_windows_cannot_import(bracknell):
    report = import_submission(
        authority=bracknell, quarter="2018-Q1", file=named(file_bytes("valid_small.csv"))
    )

    assert report.outcome == "rejected"
    assert "no Family Safeguarding cohort windows" in report.errors[0].message


def test_a_family_that_began_after_the_quarter_makes_a_file_level_error(upload):
    """valid_small.csv's families began on 2 Nov 2017 and 15 Jan 2018: it can be the return
    for 2018-Q1, not for 2017-Q4."""
    report = upload("valid_small.csv", quarter="2017-Q4")

    assert report.outcome == "rejected"
    [problem] = report.errors
    assert (problem.row, problem.column, problem.value) == (None, "quarter", "2017-Q4")
    assert "1 of the file's 2 families" in problem.message
    assert "first on row 5 (15/01/2018)" in problem.message
    assert "2018-Q1" in problem.message
    assert report.submission.status == Submission.Status.REJECTED


def test_people_joining_a_family_after_the_quarter_are_allowed(upload):
    """docs/kpi-specification.md §2.7: a person may join the family's work after qe; the
    family began before."""
    content = file_bytes("valid_small.csv") + b"F1,P9,Male,40,,02/05/2018,Team A" + b"," * 17
    content += b"\n"

    report = upload(content, quarter="2018-Q1")

    assert report.outcome == "accepted", report.errors


def test_the_command_refuses_the_quarter_and_says_why(fs_bracknell, capsys):
    with pytest.raises(SystemExit) as exit_code:
        call_command(
            "import_cohort",
            str(FILES / "valid_small.csv"),
            la="bracknell-forest",
            quarter="9999-Q4",
        )

    assert exit_code.value.code == 1
    assert "has not begun" in capsys.readouterr().out
    assert not Submission.objects.exists()


def upload_page(client, authority, quarter):
    return client.post(
        "/kpi/submissions/upload/",
        {
            "authority": authority.pk,
            "quarter": quarter,
            "file": SimpleUploadedFile("cohort.csv", file_bytes("valid_small.csv")),
        },
    )


@pytest.mark.parametrize("quarter", [*REFUSED_EVERYWHERE, "not-begun", "2016-Q4"])
def test_the_upload_page_shows_the_broken_rule_on_the_quarter_field(
    client_for, fs_bracknell, analyst_bracknell, quarter
):
    quarter = not_begun() if quarter == "not-begun" else quarter

    response = upload_page(client_for("analyst_bracknell"), fs_bracknell, quarter)

    assert response.status_code == 200
    assert response.context["form"].errors["quarter"]
    assert "govuk-error-summary" in response.content.decode()
    assert not Submission.objects.exists()


def test_the_upload_page_gives_the_rule_as_hint_text(client_for, fs_bracknell, analyst_bracknell):
    this_quarter = Quarter.containing(timezone.localdate())

    response = client_for("analyst_bracknell").get("/kpi/submissions/upload/")

    hint = hint_of(response.content.decode())
    assert "written YYYY-Qn" in hint
    assert f"first cohort (2017-Q4) to this quarter ({this_quarter})" in hint


def hint_of(page: str) -> str:
    """The quarter field's hint text, as a reader gets it."""
    start = page.index('id="id_quarter-hint"')
    return html.unescape(page[start : page.index("</div>", start)])


@pytest.mark.parametrize("quarter", ["9999-Q4", "٢٠١٨-Q3", "0000-Q1", "not-begun"])
def test_the_api_answers_400_naming_the_quarter(client_for, fs_bracknell, quarter):
    quarter = not_begun() if quarter == "not-begun" else quarter

    response = client_for("analyst_bracknell").post(
        "/api/v1/kpi/submissions/",
        {
            "la": "bracknell-forest",
            "quarter": quarter,
            "file": SimpleUploadedFile("c.csv", file_bytes("valid_small.csv")),
        },
    )

    assert response.status_code == 400
    assert list(response.json()) == ["quarter"]
    assert not Submission.objects.exists()


# --- returned figures: service, form, CSV --------------------------------------------------


@pytest.mark.parametrize("quarter", [*REFUSED_EVERYWHERE, "not-begun", "2017-Q3"])
def test_the_aggregate_service_refuses_the_quarter_and_stores_nothing(fs_bracknell, quarter):
    quarter = not_begun() if quarter == "not-begun" else quarter

    report = submit_aggregates(
        authority=fs_bracknell,
        quarter=quarter,
        figures=[Figure("la_cla_at_end", 140)],
        user=None,
        source="form",
    )

    assert report.outcome == "rejected"
    assert report.aggregate_return is None
    assert report.problems[0].column == "quarter"
    assert not AggregateReturn.objects.exists()


@pytest.mark.parametrize("quarter", [*REFUSED_EVERYWHERE, "not-begun", "2017-Q3"])
def test_the_return_form_shows_the_broken_rule_on_the_quarter_field(
    client_for, fs_bracknell, analyst_bracknell, quarter
):
    """`0000-Q1` and `0999-Q1` crashed this form (`'0-Q1'`)."""
    quarter = not_begun() if quarter == "not-begun" else quarter

    response = client_for("analyst_bracknell").post(
        "/kpi/returns/new/",
        {"authority": fs_bracknell.pk, "quarter": quarter, "la_cla_at_end": "140"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["quarter"]
    assert not AggregateReturn.objects.exists()


@pytest.mark.parametrize("quarter", ["0000-Q1", "0999-Q1", "9999-Q4", "not-begun"])
def test_the_return_upload_shows_the_broken_rule_on_the_quarter_field(
    client_for, fs_bracknell, analyst_bracknell, quarter
):
    quarter = not_begun() if quarter == "not-begun" else quarter
    upload = io.BytesIO(b"measure,value\nla_cla_at_end,140\n")
    upload.name = "figures.csv"

    response = client_for("analyst_bracknell").post(
        "/kpi/returns/upload/",
        {"authority": fs_bracknell.pk, "quarter": quarter, "file": upload},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["quarter"]
    assert not AggregateReturn.objects.exists()


def test_the_return_pages_give_the_rule_as_hint_text(client_for, fs_bracknell, analyst_bracknell):
    client = client_for("analyst_bracknell")

    for url in ("/kpi/returns/new/", "/kpi/returns/upload/"):
        hint = hint_of(client.get(url).content.decode())
        assert "first cohort (2017-Q4) to this quarter" in hint, url


def test_the_csv_service_refuses_a_quarter_that_has_not_begun(fs_bracknell):
    report = submit_aggregate_csv(
        authority=fs_bracknell,
        quarter=not_begun(),
        content=b"measure,value\nla_cla_at_end,140\n",
        user=None,
    )

    assert report.outcome == "rejected"
    assert not AggregateReturn.objects.exists()


# --- quarters in query parameters ----------------------------------------------------------


@pytest.mark.parametrize("parameter", ["quarter", "quarter_from", "quarter_to"])
@pytest.mark.parametrize("text", ["٢٠١٨-Q3", "0000-Q1", "x" * 60_000])
def test_the_values_api_refuses_a_quarter_it_cannot_read(client, db, parameter, text):
    response = client.get("/api/v1/kpi/values/", {parameter: text})

    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.parametrize("text", ["٢٠١٨-Q3", "0000-Q1", "x" * 60_000])
def test_the_submissions_api_refuses_a_quarter_it_cannot_read(client_for, fs_bracknell, text):
    response = client_for("analyst_bracknell").get("/api/v1/kpi/submissions/", {"quarter": text})

    assert response.status_code == 400
    assert "quarter" in response.json()


def test_the_submission_list_shows_a_quarter_it_cannot_read_as_a_field_error(
    client_for, fs_bracknell
):
    response = client_for("analyst_bracknell").get("/kpi/submissions/", {"quarter": "٢٠١٨-Q3"})

    assert response.status_code == 200
    assert response.context["form"].errors["quarter"]

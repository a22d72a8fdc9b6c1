"""The error report of a rejected file (issue 23): sorted by row then column, each line
with the spreadsheet column letter beside the field's code and name, header problems
naming the header, and the summary's row count the file's data rows."""

import pytest

pytestmark = pytest.mark.django_db

HEADER = "R01,D01,R03,D04,Unknown thing,R02"
# Row 2: bad age (D, column 4) and a bad date (C, column 3): the report puts C first.
# Row 3: fine. Row 4: a bad date.
CONTENT = "\n".join(
    [
        HEADER,
        "F1,P1,not a date,200,x,",
        "F2,P2,2018-01-10,30,x,",
        "F3,P3,also bad,30,x,",
        "",
    ]
).encode()


def test_report_is_sorted_by_row_then_column_with_column_letters(upload):
    report = upload(CONTENT)
    assert report.outcome == "rejected"
    submission = report.submission
    lines = [(p["row"], p["letter"], p["column"]) for p in submission.problems]
    assert lines == sorted(lines, key=lambda line: (line[0] or 0, len(line[1]), line[1]))
    assert (1, "E", "Unknown thing") in lines
    assert (2, "C", "R03 First FS Case Worker Start Date") in lines
    assert (2, "D", "D04 Age") in lines
    assert lines.index((2, "C", "R03 First FS Case Worker Start Date")) < lines.index(
        (2, "D", "D04 Age")
    )


def test_summary_counts_every_data_row_of_the_file_even_when_rejected(upload):
    report = upload(CONTENT)
    assert report.submission.row_count == 3
    assert report.row_count == 3


def test_a_missing_required_column_names_the_header_on_the_report_page(
    upload, client_for, analyst_bracknell
):
    report = upload(b"R01,D01\nF1,P1\n", user=analyst_bracknell)
    page = client_for("analyst_bracknell").get(f"/kpi/submissions/{report.submission.pk}/report/")
    body = page.content.decode()
    assert "No value</span>" not in body
    assert "Header row" in body
    assert "R03 First FS Case Worker Start Date" in body

"""An XLSX cohort file is read whole, whatever its metadata claims (issue 17, item 1).

Each workbook is written by openpyxl and then edited as XML inside its zip, so that the
trick a test plays is visible in the test: a `<dimension>` that understates, overstates
or is missing, rows with gaps, out of order or repeated, cells with and without `r`
addresses, shared strings instead of inline strings, several worksheets.
"""

import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from kpi.models import Person, Submission

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["R01", "D01", "R03", "D04"]
START = date(2017, 11, 2)


def cohort_rows(families: int) -> list[list]:
    """One person per family, each of them aged 30 + n so that every row is recognisable."""
    return [HEADER] + [[f"F{n}", f"P{n}", START, 30 + n] for n in range(1, families + 1)]


def workbook(rows: list[list], *, extra_sheets: dict[str, list[list]] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for title, extra in (extra_sheets or {}).items():
        other = book.create_sheet(title)
        for row in extra:
            other.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def edit_part(content: bytes, part: str, edit) -> bytes:
    """The same zip with one part's XML text passed through `edit`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def edit_sheet(content: bytes, edit) -> bytes:
    return edit_part(content, SHEET, edit)


def row_elements(xml: str) -> list[str]:
    return re.findall(r"<row\b.*?</row>", xml)


def with_rows(xml: str, rows: list[str]) -> str:
    """The sheet with its <sheetData> holding exactly these <row> elements."""
    return re.sub(r"<sheetData>.*</sheetData>", "<sheetData>" + "".join(rows) + "</sheetData>", xml)


def renumber(row: str, number: int) -> str:
    """A <row> moved to another row number, its cells' addresses with it."""
    row = re.sub(r'<row r="\d+"', f'<row r="{number}"', row)
    return re.sub(r'(<c r="[A-Z]+)\d+"', rf'\g<1>{number}"', row)


def ages() -> list[int]:
    return sorted(Person.objects.values_list("age", flat=True))


# --- <dimension> -------------------------------------------------------------------------


def test_understated_dimension_still_reads_every_row(upload):
    """The file from the issue: 37 rows declared as A1:BN6 were accepted with 5 rows."""
    content = edit_sheet(
        workbook(cohort_rows(36)),
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:BN6"', xml),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert report.submission.row_count == 36
    assert ages() == list(range(31, 67))


def test_dimension_narrower_than_the_header_still_reads_every_column(upload):
    content = edit_sheet(
        workbook(cohort_rows(3)),
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:B4"', xml),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert ages() == [31, 32, 33]


def test_overstated_dimension_reads_the_real_rows_and_estimates_them(upload, settings):
    """A sheet declaring the whole grid (XFD1048576) holds 3 rows: read as 3 rows, and
    not sent to the worker as if it had a million."""
    settings.KPI_BACKGROUND_ROWS = 10
    content = edit_sheet(
        workbook(cohort_rows(3)),
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    submission = Submission.objects.get()
    assert submission.rows_total == 3
    assert submission.task_id == ""  # checked at once, not queued
    assert ages() == [31, 32, 33]


def test_missing_dimension_reads_every_row(upload):
    content = edit_sheet(
        workbook(cohort_rows(12)), lambda xml: re.sub(r"<dimension [^>]*/>", "", xml)
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert report.submission.row_count == 12


def test_a_row_past_the_last_declared_row_is_read_with_its_own_number(upload):
    """Dimension A1:D4, then a row 40 holding an error: the error is found, on row 40."""
    content = workbook([*cohort_rows(3), ["F9", "P9", START, "old"]])
    content = edit_sheet(
        content,
        lambda xml: with_rows(
            re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:D4"', xml),
            [*row_elements(xml)[:4], renumber(row_elements(xml)[4], 40)],
        ),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    assert [(p.row, p.column, p.value) for p in report.errors] == [(40, "D04 Age", "old")]


# --- rows: gaps, order, repeats ----------------------------------------------------------


def test_rows_with_gaps_are_read_and_keep_their_spreadsheet_numbers(upload):
    content = workbook([*cohort_rows(3), ["F4", "P4", START, "not an age"]])
    content = edit_sheet(
        content,
        lambda xml: with_rows(
            xml,
            [
                row_elements(xml)[0],
                renumber(row_elements(xml)[1], 5),
                renumber(row_elements(xml)[2], 9),
                renumber(row_elements(xml)[3], 10),
                renumber(row_elements(xml)[4], 2000),
            ],
        ),
    )

    report = upload(content, name="cohort.xlsx")

    assert [(p.row, p.value) for p in report.errors] == [(2000, "not an age")]


def test_rows_with_gaps_and_no_error_are_all_stored(upload):
    content = edit_sheet(
        workbook(cohort_rows(3)),
        lambda xml: with_rows(
            xml,
            [row_elements(xml)[0]]
            + [renumber(row, 3 * n) for n, row in enumerate(row_elements(xml)[1:], start=1)],
        ),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert sorted(Person.objects.values_list("first_row", flat=True)) == [3, 6, 9]


def test_rows_written_out_of_order_are_refused_with_the_reason(upload):
    """openpyxl's streaming reader silently drops a row numbered below the one before it.
    Excel writes rows in ascending order and treats a workbook that does not as damaged,
    so what its author saw is not what the XML says: the file is refused, not guessed."""
    content = edit_sheet(
        workbook(cohort_rows(4)),
        lambda xml: with_rows(xml, [row_elements(xml)[i] for i in (0, 1, 2, 4, 3)]),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    [problem] = report.errors
    assert problem.row == 4
    assert "row 4 comes after row 5" in problem.message
    assert "ascending order" in problem.message
    assert Person.objects.count() == 0


def test_a_repeated_row_number_is_refused(upload):
    content = edit_sheet(
        workbook(cohort_rows(3)),
        lambda xml: with_rows(xml, [*row_elements(xml)[:3], renumber(row_elements(xml)[3], 3)]),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    assert "row 3 comes after row 3" in report.errors[0].message


def test_a_row_beyond_excels_last_row_is_refused(upload):
    content = edit_sheet(
        workbook(cohort_rows(2)),
        lambda xml: with_rows(
            xml, [*row_elements(xml)[:2], renumber(row_elements(xml)[2], 1_048_577)]
        ),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    assert "1,048,576" in report.errors[0].message


def test_a_header_that_is_not_in_row_1_is_reported(upload):
    content = edit_sheet(
        workbook(cohort_rows(2)),
        lambda xml: with_rows(
            xml, [renumber(row, n + 2) for n, row in enumerate(row_elements(xml))]
        ),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    assert "row 1 must name the columns" in report.errors[0].message


# --- cells: with and without addresses, order, repeats -----------------------------------


def test_cells_and_rows_without_r_addresses_read_like_addressed_ones(upload):
    content = edit_sheet(
        workbook(cohort_rows(5)),
        lambda xml: re.sub(r'(<(?:row|c)) r="[A-Z]*\d+"', r"\1", xml),
    )
    assert ' r="' not in zipfile.ZipFile(io.BytesIO(content)).read(SHEET).decode()

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert ages() == [31, 32, 33, 34, 35]
    assert sorted(Person.objects.values_list("first_row", flat=True)) == [2, 3, 4, 5, 6]


def test_cells_of_a_row_in_any_order_are_read_by_their_address(upload):
    def reverse_cells(row: str) -> str:
        opening, rest = row.split(">", 1)
        cells = re.findall(r"<c\b.*?</c>", rest)
        return opening + ">" + "".join(reversed(cells)) + "</row>"

    content = edit_sheet(
        workbook(cohort_rows(2)),
        lambda xml: with_rows(xml, [reverse_cells(row) for row in row_elements(xml)]),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert ages() == [31, 32]


def test_a_cell_given_twice_in_a_row_is_refused(upload):
    def repeat_age(row: str) -> str:
        age = re.findall(r'<c r="D\d+".*?</c>', row)[0]
        return row.replace("</row>", age.replace("<v>", "<v>9") + "</row>")

    content = edit_sheet(
        workbook(cohort_rows(2)),
        lambda xml: with_rows(xml, [*row_elements(xml)[:2], repeat_age(row_elements(xml)[2])]),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    [problem] = report.errors
    assert (problem.row, problem.column) == (3, "D04")
    assert "twice" in problem.message


def test_a_cell_addressed_to_another_row_is_refused(upload):
    content = edit_sheet(
        workbook(cohort_rows(2)),
        lambda xml: xml.replace('<c r="D3"', '<c r="D7"'),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    assert report.errors[0].row == 3
    assert "D7" in report.errors[0].message


# --- strings and sheets ------------------------------------------------------------------


def to_shared_strings(content: bytes) -> bytes:
    """The workbook with every inline string moved to a shared string table, as Excel
    writes them."""
    strings: list[str] = []

    def share(match: re.Match) -> str:
        strings.append(match.group(2))
        return f'{match.group(1)} t="s"><v>{len(strings) - 1}</v></c>'

    content = edit_sheet(
        content,
        lambda xml: re.sub(
            r'(<c r="[A-Z]+\d+")[^>]*t="inlineStr"><is><t>(.*?)</t></is></c>', share, xml
        ),
    )
    table = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{text}</t></si>" for text in strings)
        + "</sst>"
    )
    content = edit_part(
        content,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(
            "</Relationships>",
            '<Relationship Id="rIdStrings" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        ),
    )
    content = edit_part(
        content,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        ),
    )
    out = io.BytesIO(content)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", table)
    return out.getvalue()


def test_shared_strings_read_like_inline_strings(upload):
    inline = workbook(cohort_rows(4))
    shared = to_shared_strings(inline)
    sheet = zipfile.ZipFile(io.BytesIO(shared)).read(SHEET).decode()
    assert "inlineStr" not in sheet and 't="s"' in sheet

    upload(inline, name="cohort.xlsx")
    from_inline = sorted(Person.objects.values_list("key_hash", "age"))
    report = upload(shared, name="cohort.xlsx", quarter="2018-Q2")

    assert report.outcome == "accepted", report.errors
    from_shared = sorted(
        Person.objects.filter(submission=report.submission).values_list("key_hash", "age")
    )
    assert from_shared == from_inline


def test_a_shared_string_index_past_the_table_is_reported(upload):
    content = edit_sheet(
        to_shared_strings(workbook(cohort_rows(2))),
        lambda xml: xml.replace('<c r="B3" t="s"><v>', '<c r="B3" t="s"><v>99'),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    assert report.errors[0].row == 3


def test_only_the_first_worksheet_is_read_and_the_others_are_named(upload):
    content = workbook(
        cohort_rows(2),
        extra_sheets={"Notes": [["not", "a", "return"]], "Empty": []},
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert report.submission.row_count == 2
    [warning] = [w for w in report.warnings if "worksheet" in w.message]
    assert "'Notes'" in warning.message and "'Empty'" not in warning.message


def test_a_hidden_first_worksheet_is_read_and_said_to_be_hidden(upload):
    content = edit_part(
        workbook(cohort_rows(2), extra_sheets={"Visible": cohort_rows(5)}),
        "xl/workbook.xml",
        lambda xml: xml.replace('state="visible" r:id="rId1"', 'state="hidden" r:id="rId1"'),
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert report.submission.row_count == 2
    assert any("hidden" in w.message for w in report.warnings)


@pytest.mark.parametrize(
    "edit",
    [
        lambda xml: xml.replace('<row r="2"', '<row r="two"'),
        lambda xml: re.sub(r'<row r="2"(.*?)</row>', r'<row r="0"\1</row>', xml).replace(
            'r="A2"', 'r="A0"'
        ),
        lambda xml: xml.replace('<c r="A2"', '<c r="A0"'),
        lambda xml: xml.replace('<c r="A2"', '<c r="XFE2"'),
    ],
    ids=["row-number-not-a-number", "row-zero", "cell-row-zero", "column-past-xfd"],
)
def test_malformed_addresses_are_reported_not_crashes(upload, edit):
    content = edit_sheet(workbook(cohort_rows(2)), edit)

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    assert report.errors[0].message
    assert Person.objects.count() == 0

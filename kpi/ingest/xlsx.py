"""Reading an XLSX workbook row by row, with the checks a spreadsheet needs (zip bombs,
formulas, sheets beside the first, cells out of place)."""

import logging
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from django.conf import settings

from kpi.ingest.table import CHUNK, FileRejected, Problem, Table, file_error

logger = logging.getLogger(__name__)

# A real workbook compresses 5 to 20 times; far more than this is a zip bomb.
MAX_XLSX_RATIO = 100

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
# A <row> start tag, with or without a namespace prefix (and not <rowBreaks>).
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
# What a cell holds when it holds anything: a value, an inline string or a formula.
_CELL_CONTENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)[\s/>]")


def check_zip(fileobj: IO[bytes]) -> None:
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise file_error(
            "The file looks like an Excel workbook but is not a readable zip archive. Save it "
            "again from Excel, or upload it as CSV."
        ) from error
    with archive:
        members = archive.infolist()
        expanded = sum(member.file_size for member in members)
        packed = sum(member.compress_size for member in members) or 1
    limit = 10 * settings.KPI_MAX_UPLOAD_BYTES
    if expanded > limit or (expanded > 50 * 1024 * 1024 and expanded / packed > MAX_XLSX_RATIO):
        raise file_error(
            f"The workbook expands to {expanded:,} bytes, far more than a cohort return needs "
            "(it may be a zip bomb). Upload the data as CSV instead."
        )


class WorksheetRows:
    """Every row of a worksheet as its XML holds it, numbered as Excel numbers it.

    openpyxl's streaming (read-only) reader trusts the sheet's `<dimension>`: it stops at
    the last row and column the dimension declares, however many more the sheet holds,
    pads up to them when it declares more, and silently skips a row numbered at or below
    the one before it. A cohort file must be read whole or refused, so the rows come
    straight from openpyxl's worksheet parser (which reads cell values, shared strings
    and date styles) and the dimension is never consulted. The parser and the
    workbook attributes it needs are openpyxl internals (openpyxl is pinned to 3.1.x;
    tests/kpi/ingest/test_xlsx_extent.py fails if they change).

    Refused, as a file-level error, only what cannot be read without guessing:
    - rows out of order or repeated: Office requires ascending rows and treats a workbook
      whose rows are not as damaged ([MS-OI29500] on sheetData), so what its author saw
      in Excel is not what the XML says;
    - a cell given twice in a row, or addressed to another row: which value is meant?
    - a row or column beyond Excel's grid (XFD1048576): not written by Excel.
    Cells of a row in any other order are placed by their addresses; gaps between rows
    are simply row numbers that hold nothing.
    """

    def __init__(self, workbook, sheet):
        from openpyxl.worksheet._reader import WorkSheetParser

        self.source = sheet._get_source()
        self.parser = WorkSheetParser(
            self.source,
            sheet._shared_strings,
            data_only=False,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        self.last = 0  # the number of the last row read

    @property
    def current(self) -> int:
        """The row being read (the parser numbers it before reading its cells)."""
        return max(self.parser.row_counter, self.last + 1)

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        for number, cells in self.parser.parse():
            if number < 1:
                raise file_error(
                    f"The worksheet's XML numbers a row {number}; Excel's rows are numbered "
                    "from 1. Open the file in Excel, save it again and upload it again.",
                    row=self.last + 1,
                )
            if number <= self.last:
                raise file_error(
                    f"In the worksheet's XML, row {number} comes after row {self.last}. Excel "
                    "writes rows in ascending order and treats a workbook whose rows are not "
                    "as damaged, so what this file shows in Excel is not certain. Open it in "
                    "Excel, save it again and upload it again.",
                    row=number,
                )
            if number > EXCEL_ROWS:
                raise file_error(
                    f"The worksheet has a row {number:,}, beyond Excel's last row "
                    f"({EXCEL_ROWS:,}): it was not written by Excel. Save the data again from "
                    "Excel, or upload it as CSV.",
                    row=number,
                )
            self.last = number
            yield number, self._values(number, cells)

    def _values(self, number: int, cells: list[dict]) -> list[Any]:
        values: list[Any] = []
        for cell in cells:
            column = cell["column"]
            if cell["row"] != number or not 0 < column <= EXCEL_COLUMNS:
                raise file_error(
                    f"A cell in row {number} of the worksheet's XML is addressed as "
                    f"{_address(cell)}, which is {_misplaced(cell, number)}. Open the file in "
                    "Excel, save it again and upload it again.",
                    row=number,
                )
            if cell["data_type"] == "f":
                raise FormulaCell(number, column, str(cell["value"]))
            value = cell["value"]
            if value.__class__ is datetime:
                value = value.date()
            if column == len(values) + 1:
                values.append(value)
            elif column > len(values):
                values.extend([None] * (column - len(values) - 1))
                values.append(value)
            else:
                return self._values_by_address(number, cells)
        return values

    def _values_by_address(self, number: int, cells: list[dict]) -> list[Any]:
        """A row whose cells are not in column order: each placed by its address."""
        by_column: dict[int, Any] = {}
        for cell in cells:
            column = cell["column"]
            if column in by_column:
                raise DuplicateCell(number, column)
            value = cell["value"]
            by_column[column] = value.date() if value.__class__ is datetime else value
        values = [None] * max(by_column)
        for column, value in by_column.items():
            values[column - 1] = value
        return values

    def close(self) -> None:
        self.source.close()


class FormulaCell(Exception):
    def __init__(self, row: int, column: int, text: str):
        super().__init__(text)
        self.row, self.column, self.text = row, column, text


class DuplicateCell(Exception):
    def __init__(self, row: int, column: int):
        super().__init__(f"row {row}, column {column}")
        self.row, self.column = row, column


def _address(cell: dict) -> str:
    from openpyxl.utils import get_column_letter

    try:
        return f"{get_column_letter(cell['column'])}{cell['row']}"
    except ValueError:
        return f"row {cell['row']}, column {cell['column']}"


def _misplaced(cell: dict, number: int) -> str:
    if not 0 < cell["column"] <= EXCEL_COLUMNS:
        return "beyond Excel's last column (XFD)"
    return f"in row {cell['row']}, not row {number}"


def _count_rows(sheet) -> int:
    """How many <row> elements the sheet's XML has (the header's included): the estimate
    that decides whether a file is checked at once or by the worker. Counted in the bytes,
    not taken from the <dimension>, which may say anything."""
    count = 0
    tail = b""
    with sheet._get_source() as source:
        while chunk := source.read(CHUNK):
            data = tail + chunk
            # A tag cut by the chunk boundary is counted in the next round, once.
            count += sum(1 for match in _ROW_TAG.finditer(data) if match.end() > len(tail))
            tail = data[-64:]
    return count


def _holds_cells(sheet) -> bool:
    tail = b""
    with sheet._get_source() as source:
        while chunk := source.read(CHUNK):
            if _CELL_CONTENT.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


def _sheet_notes(first, others) -> list[Problem]:
    """Warnings about the worksheets: a cohort return is the first one, whatever else the
    workbook holds, and its author should know which one that is."""
    notes = []
    if first.sheet_state != "visible":
        notes.append(
            Problem.of(
                Problem.WARNING,
                None,
                "",
                first.title,
                f"The first worksheet, '{first.title}', is hidden in Excel. It is the one read: "
                "a cohort return is always the first worksheet.",
            )
        )
    with_data = [sheet.title for sheet in others if _holds_cells(sheet)]
    if with_data:
        names = ", ".join(f"'{title}'" for title in with_data)
        notes.append(
            Problem.of(
                Problem.WARNING,
                None,
                "",
                names,
                f"Only the first worksheet, '{first.title}', was read. The workbook's other "
                f"worksheets with data ({names}) were not: a cohort return is always the "
                "first worksheet.",
            )
        )
    return notes


def open_xlsx(fileobj: IO[bytes]) -> Table:
    from openpyxl import load_workbook

    check_zip(fileobj)
    fileobj.seek(0)
    workbook = reader = None
    try:
        # read_only streams the sheet; data_only=False so that a formula shows as a formula
        # and can be refused rather than silently read as its (maybe stale) cached value.
        workbook = load_workbook(fileobj, read_only=True, data_only=False)
        worksheets = workbook.worksheets
        if not worksheets:
            raise file_error("The workbook has no worksheet.")
        sheet = worksheets[0]
        notes = _sheet_notes(sheet, worksheets[1:])
        estimate = _count_rows(sheet)
        reader = WorksheetRows(workbook, sheet)
        cells = iter(reader)
        first = next(cells, None)
    except FileRejected:
        _close(workbook, reader)
        raise
    except (FormulaCell, DuplicateCell) as error:
        _close(workbook, reader)
        raise file_error(
            "The header row must hold the column names as plain text, each once.", row=1
        ) from error
    except Exception as error:  # openpyxl raises many kinds for a malformed workbook
        _close(workbook, reader)
        logger.info("unreadable workbook: %r", error)
        raise file_error(
            "The file could not be read as an Excel workbook. Save it again from Excel as an "
            "Excel Workbook (.xlsx), or upload it as CSV."
        ) from error
    if first is None:
        _close(workbook, reader)
        raise file_error("The first worksheet is empty: row 1 must name the columns.", row=1)
    if first[0] != 1:
        _close(workbook, reader)
        raise file_error(
            f"Row 1 of the first worksheet is empty (its first row with anything is row "
            f"{first[0]:,}): row 1 must name the columns.",
            row=1,
        )
    header = ["" if value is None else str(value) for value in first[1]]
    if not any(cell.strip() for cell in header):
        _close(workbook, reader)
        raise file_error("The first worksheet has no header row: row 1 must name the columns.")

    def column_name(column: int) -> str:
        return header[column - 1] if column <= len(header) else ""

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            yield from cells
        except FileRejected:
            raise
        except FormulaCell as formula:
            raise file_error(
                "This cell holds a formula. Formulas are never worked out here: "
                "copy the column and paste it back as values, then upload again.",
                row=formula.row,
                column=column_name(formula.column),
                value=formula.text,
            ) from formula
        except DuplicateCell as twice:
            raise file_error(
                "This cell is given twice in the row in the worksheet's XML, so which value "
                "is meant is not certain. Open the file in Excel, save it again and upload "
                "it again.",
                row=twice.row,
                column=column_name(twice.column),
            ) from twice
        except Exception as error:
            logger.info("workbook failed part way: %r", error)
            raise file_error(
                f"The workbook could not be read beyond row {reader.last}.", row=reader.current
            ) from error
        finally:
            _close(workbook, reader)

    return Table("xlsx", header, rows(), max(estimate - 1, 0), notes=notes)


def _close(workbook, reader: WorksheetRows | None) -> None:
    if reader is not None:
        reader.close()
    if workbook is not None:
        workbook.close()

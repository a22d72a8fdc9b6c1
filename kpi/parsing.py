"""Reading a cohort file: CSV or XLSX, streamed row by row (kpi-spec §2).

`open_table()` recognises the format from the bytes, checks the file-level limits and
yields the header and then each data row with its spreadsheet row number (the header is
row 1). Anything wrong with the file as a whole is a FileRejected carrying a report row;
cell values are checked later, in kpi/validation.py.
"""

import codecs
import csv
import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import IO, Any

from django.conf import settings

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHUNK = 1024 * 1024
# A real workbook compresses 5 to 20 times; far more than this is a zip bomb.
MAX_XLSX_RATIO = 100


@dataclass(frozen=True)
class Problem:
    """One line of a submission's report."""

    severity: str  # "error" or "warning"
    row: int | None
    column: str
    value: str
    message: str

    ERROR = "error"
    WARNING = "warning"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, severity: str, row: int | None, column: Any, value: Any, message: str):
        """A report line whose texts are safe to store and show: printable and short."""
        return cls(severity, row, _report_text(column), _report_text(value), message)


REPORT_TEXT_LIMIT = 200


def _report_text(value: Any) -> str:
    text = as_text(value).replace("\x00", "\\0")
    if len(text) > REPORT_TEXT_LIMIT:
        return text[: REPORT_TEXT_LIMIT - 1] + "…"
    return text


class FileRejected(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def file_error(message: str, *, row: int | None = None, column: str = "", value: str = ""):
    return FileRejected(Problem.of(Problem.ERROR, row, column, value, message))


@dataclass
class Table:
    format: str  # "csv" or "xlsx"
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    rows_estimate: int | None
    encoding: str = ""


def sniff_format(head: bytes, file_name: str) -> str:
    """'csv' or 'xlsx' from the first bytes; FileRejected for what is neither."""
    lower = file_name.lower()
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        raise file_error(
            "This is an old-style Excel file (.xls). Save it as an Excel Workbook (.xlsx) or "
            "as CSV and upload it again."
        )
    if lower.endswith((".xlsx", ".xlsm")):
        raise file_error(
            "The file is named as an Excel workbook but is not one (an .xlsx file is a zip "
            "archive and this is not). Save it again from Excel, or upload it as CSV."
        )
    return "csv"


def open_table(fileobj: IO[bytes], file_name: str = "") -> Table:
    fileobj.seek(0)
    head = fileobj.read(8)
    if not head:
        raise file_error("The file is empty.")
    file_format = sniff_format(head, file_name)
    fileobj.seek(0)
    if file_format == "xlsx":
        return _open_xlsx(fileobj)
    return _open_csv(fileobj)


# --- CSV --------------------------------------------------------------------------------


def _detect_encoding(fileobj: IO[bytes]) -> tuple[str, int]:
    """UTF-8 (with or without BOM) when every byte decodes as UTF-8, else Windows-1252.

    Returns the encoding and the number of line breaks (an estimate of the row count).
    """
    fileobj.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines = 0
    utf8 = True
    offset = 0
    first_bad: int | None = None
    while chunk := fileobj.read(CHUNK):
        newlines += chunk.count(b"\n")
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                utf8 = False
                first_bad = offset + error.start
        offset += len(chunk)
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
            first_bad = offset - 1
    if utf8:
        return "utf-8-sig", newlines
    fileobj.seek(0)
    cp_decoder = codecs.getincrementaldecoder("cp1252")()
    done = 0
    while chunk := fileobj.read(CHUNK):
        try:
            cp_decoder.decode(chunk)
        except UnicodeDecodeError as error:
            position = done + error.start
            fileobj.seek(0)
            line = fileobj.read(position).count(b"\n") + 1
            raise file_error(
                "The file is not text that can be read: it is neither UTF-8 nor Windows-1252 "
                f"(the byte 0x{chunk[error.start]:02X} cannot be read). Save it from Excel as "
                "'CSV UTF-8' or as an Excel Workbook and upload it again.",
                row=line,
            ) from error
        done += len(chunk)
    logger.debug("cohort CSV is not UTF-8 (first bad byte at %s): reading as cp1252", first_bad)
    return "cp1252", newlines


def _open_csv(fileobj: IO[bytes]) -> Table:
    encoding, newlines = _detect_encoding(fileobj)
    fileobj.seek(0)
    text = io.TextIOWrapper(fileobj, encoding=encoding, newline="")
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise file_error(f"The header row could not be read as CSV: {error}.", row=1) from error
    if header is None or not any(cell.strip() for cell in header):
        raise file_error("The file has no header row: row 1 must name the columns.", row=1)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        number = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise file_error(
                    f"Row {number + 1} could not be read as CSV ({error}). Check its quotes.",
                    row=number + 1,
                ) from error
            number += 1
            yield number, row

    return Table("csv", header, rows(), max(newlines - 1, 0), encoding)


# --- XLSX -------------------------------------------------------------------------------


def _check_zip(fileobj: IO[bytes]) -> None:
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


def _xlsx_value(cell) -> Any:
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    return value


def _open_xlsx(fileobj: IO[bytes]) -> Table:
    from openpyxl import load_workbook

    _check_zip(fileobj)
    fileobj.seek(0)
    try:
        # read_only streams the sheet; data_only=False so that a formula shows as a formula
        # and can be refused rather than silently read as its (maybe stale) cached value.
        workbook = load_workbook(fileobj, read_only=True, data_only=False)
        worksheets = workbook.worksheets
        if not worksheets:
            raise file_error("The workbook has no worksheet.")
        sheet = worksheets[0]
        estimate = sheet.max_row - 1 if sheet.max_row else None
        cells = sheet.iter_rows()
        first = next(cells, None)
    except FileRejected:
        raise
    except Exception as error:  # openpyxl raises many kinds for a malformed workbook
        logger.info("unreadable workbook: %r", error)
        raise file_error(
            "The file could not be read as an Excel workbook. Save it again from Excel as an "
            "Excel Workbook (.xlsx), or upload it as CSV."
        ) from error
    if first is None:
        workbook.close()
        raise file_error("The first worksheet is empty: row 1 must name the columns.", row=1)
    header = ["" if cell.value is None else str(cell.value) for cell in first]
    if not any(cell.strip() for cell in header):
        workbook.close()
        raise file_error("The first worksheet has no header row: row 1 must name the columns.")

    def rows() -> Iterator[tuple[int, list[Any]]]:
        number = 1
        try:
            for number, row in enumerate(cells, start=2):
                values = []
                for position, cell in enumerate(row):
                    if cell.data_type == "f":
                        raise file_error(
                            "This cell holds a formula. Formulas are never worked out here: "
                            "copy the column and paste it back as values, then upload again.",
                            row=number,
                            column=header[position] if position < len(header) else "",
                            value=str(cell.value),
                        )
                    values.append(_xlsx_value(cell))
                yield number, values
        except FileRejected:
            raise
        except Exception as error:
            logger.info("workbook failed part way: %r", error)
            raise file_error(
                f"The workbook could not be read beyond row {number}.", row=number
            ) from error
        finally:
            workbook.close()

    return Table("xlsx", header, rows(), estimate)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """A cell's value as a report shows it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)

"""Reading a cohort file: CSV or XLSX, streamed row by row (docs/kpi-specification.md §4).

`open_table()` recognises the format from the bytes, checks the file-level limits and
yields the header and then each data row with its spreadsheet row number (the header is
row 1). Anything wrong with the file as a whole is a FileRejected carrying a report row;
cell values are checked later, in kpi/ingest/checks.py.
"""

import codecs
import csv
import io
import logging
from collections.abc import Iterator
from typing import IO, Any

from kpi.ingest.table import CHUNK, Table, file_error
from kpi.ingest.xlsx import open_xlsx

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
        return open_xlsx(fileobj)
    return open_csv(fileobj)


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


def open_csv(fileobj: IO[bytes]) -> Table:
    """A CSV file's header and rows, decoded as docs/kpi-specification.md §4 says; also used
    for returned figures (kpi/returns/reading.py), so both paths read bytes the same way."""
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

# Excel's grid: a worksheet has at most this many rows and columns (A1 to XFD1048576).

"""Neutralising spreadsheet formula injection in every CSV the portal writes.

A cell that starts with `=`, `+`, `-` or `@` is run as a formula by Excel, LibreOffice and
Google Sheets when the file is opened; an attacker who can put text into the portal could
make an analyst's spreadsheet fetch a URL or run a command (OWASP, "CSV Injection").
Spreadsheets also skip leading spaces and line breaks before they look, read full-width
forms (`＝ ＋ － ＠`) as the ASCII ones, and treat a leading tab or carriage return as the
start of a formula in some versions. So a text cell is neutralised, by putting an
apostrophe in front of it (spreadsheets then show it as text), when

- it starts with a tab or a carriage return, or
- its first character after any leading white space (spaces, tabs, line feeds, no-break
  and ideographic spaces) and invisible format characters (zero-width space, byte order
  mark) is one of `= + - @`, or a compatibility form of one (`＝ ＋ － ＠`, the small forms
  `﹦ ﹢ ﹣ ﹫`), or the minus sign `−`.

Numbers are exported as numbers and left alone, so a negative count stays a number.

Every CSV export is made by `render_csv()`, the one CSV renderer: the submission report,
the values API's CSV renderer (seslip/renderers.py) and the evidence findings export. It
writes through `writer()` and shows every value the same way (`cell()`). Two places
write CSV that is not an export and must stay byte for byte what it was: the synthetic
cohort generator (`kpi/generator.py`, files the importer reads back) and the import's
`COPY` batches (`kpi/ingest/staging.py`, read by PostgreSQL only);
tests/seslip/test_csv_writers.py keeps that list closed.
"""

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMULA_STARTS = frozenset("=+-@")
# Spreadsheets run these only at the very start of a cell.
LEADING_CONTROL = ("\t", "\r")
# Characters that NFKC does not fold to an ASCII trigger but spreadsheets read as one.
EXTRA_STARTS = frozenset("\u2212")  # MINUS SIGN
# Kept for callers that want the plain list of ASCII triggers.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _skipped(character: str) -> bool:
    """White space and invisible format characters a spreadsheet looks past."""
    return character.isspace() or unicodedata.category(character) == "Cf"


def _first_significant(text: str) -> str:
    for character in text:
        if not _skipped(character):
            return character
    return ""


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could run this text as a formula (see the module docstring)."""
    if text.startswith(LEADING_CONTROL):
        return True
    first = _first_significant(text)
    if not first:
        return False
    return first in EXTRA_STARTS or unicodedata.normalize("NFKC", first)[:1] in FORMULA_STARTS


def neutralise_formula(value: Any) -> Any:
    """The value, with an apostrophe before it when it is text a spreadsheet would run."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    """`csv.writer(...).writerow(neutralise_row(row))`."""
    return [neutralise_formula(value) for value in values]


class _SafeWriter:
    """csv.writer whose rows are neutralised cell by cell before they are written."""

    def __init__(self, out: IO[str], **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(neutralise_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: IO[str], *, lineterminator: str = "\r\n", **options: Any) -> _SafeWriter:
    """The one CSV writer for exports: `csv_safety.writer(out).writerow(row)`."""
    return _SafeWriter(out, lineterminator=lineterminator, **options)


def cell(value: Any) -> Any:
    """A value as an export shows it: nothing for None, `true`/`false` for a boolean, text
    a spreadsheet would run neutralised, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise_formula(value)


def render_csv(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> str:
    """The one CSV renderer: a header line, then one line a row, every cell through
    `cell()`. Lines end in CRLF (RFC 4180)."""
    out = io.StringIO()
    csv_writer = writer(out)
    csv_writer.writerow(header)
    csv_writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()

"""Neutralising spreadsheet formula injection in CSV (and XLSX) exports.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula
by Excel, LibreOffice and Google Sheets when the file is opened; an attacker who can put
text into the portal could make an analyst's spreadsheet fetch a URL or run a command.
Every exported text cell goes through `neutralise_formula`, which prefixes such a value with
an apostrophe so spreadsheets show it as text (OWASP, "CSV Injection").

Numbers are exported as numbers and left alone, so a negative count stays a number.
"""

from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """The value, with an apostrophe before it when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    """`csv.writer(...).writerow(neutralise_row(row))`."""
    return [neutralise_formula(value) for value in values]

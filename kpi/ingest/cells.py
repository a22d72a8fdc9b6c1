"""One cell of a cohort file read as its column's type and range (docs/kpi-specification.md §4)."""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from kpi.ingest.columns import Column, Kind
from kpi.ingest.table import as_text

EARLIEST_DATE = date(1990, 1, 1)
MAX_TEXT = 200
MAX_COUNT = 2_147_483_647
# The digits 0 to 9 only, as in a quarter (kpi.quarters): `\d` would also match ٢٠١٧ or
# ２０１７, and int() would read them as 2017 without a word.
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_UK = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_TRUE = {"y", "yes", "true", "1"}
_FALSE = {"n", "no", "false", "0"}


class CellError(ValueError):
    """A cell that fails its column's type or range; the message is the report's."""


def uk_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def parse_date(value: Any) -> date:
    if value.__class__ is str and len(value) == 10 and value.isascii():
        # The two common spellings, read without a regular expression (hot path).
        try:
            if value[2] == "/" and value[5] == "/":
                return date(int(value[6:]), int(value[3:5]), int(value[:2]))
            if value[4] == "-" and value[7] == "-":
                return date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            pass  # not digits, or not a real date: the full parse below says which
    if isinstance(value, date):
        return value
    if isinstance(value, bool | int | float):
        raise CellError(
            "This is a number, not a date. Format the cells as dates, or write DD/MM/YYYY."
        )
    text = str(value).strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _UK.match(text)
        if not match:
            raise CellError("This is not a date: write DD/MM/YYYY (day first) or YYYY-MM-DD.")
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as error:
        raise CellError(
            "This is not a real date. Dates are read day first (DD/MM/YYYY), never month first."
        ) from error


def parse_integer(value: Any) -> int:
    if value.__class__ is str and value.isascii() and value.isdigit():
        return int(value)
    if isinstance(value, bool):
        raise CellError("This should be a whole number, not true/false.")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("This should be a whole number.")
    text = str(value).strip()
    if not _INTEGER.match(text):
        raise CellError("This should be a whole number.")
    return int(text)


def parse_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("This should be Y or N (Yes/No, True/False and 1/0 are accepted too).")


def parse_text(value: Any) -> str:
    text = value.strip() if value.__class__ is str else as_text(value).strip()
    if "\x00" in text:
        raise CellError("This contains a NUL character, which no text field may hold.")
    if len(text) > MAX_TEXT:
        raise CellError(f"This is longer than {MAX_TEXT} characters.")
    return text


def converter(column: Column) -> Callable[[Any], Any]:
    if column.kind == Kind.TEXT:
        return parse_text
    if column.kind == Kind.BOOLEAN:
        return parse_boolean
    if column.kind == Kind.DATE:
        return parse_date
    if column.kind == Kind.CHOICE:
        by_fold = {choice.casefold(): choice for choice in column.choices}
        allowed = ", ".join(column.choices)

        def choice(value: Any) -> str:
            text = as_text(value).strip()
            try:
                return by_fold[text.casefold()]
            except KeyError:
                raise CellError(f"This should be one of: {allowed}.") from None

        return choice
    lowest = 0 if column.minimum is None else column.minimum
    highest = MAX_COUNT if column.maximum is None else column.maximum

    def integer(value: Any) -> int:
        number = parse_integer(value)
        if number < lowest or number > highest:
            if column.maximum is None:
                raise CellError("This should be a whole number, 0 or more.")
            raise CellError(f"This should be a whole number from {lowest} to {highest}.")
        return number

    return integer

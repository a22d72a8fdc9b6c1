"""A table as read from a cohort file, and the problems found in it: one report row each."""

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

CHUNK = 1024 * 1024  # bytes read at a time


@dataclass(frozen=True)
class Problem:
    """One line of a submission's report."""

    severity: str  # "error" or "warning"
    row: int | None
    column: str  # the field's code and name ("R11 Child Protection Plan Start Date"), or a heading
    value: str
    message: str
    letter: str = ""  # the spreadsheet column ("C"), when the problem is in one column

    ERROR = "error"
    WARNING = "warning"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, severity: str, row: int | None, column: Any, value: Any, message: str, letter=""):
        """A report line whose texts are safe to store and show: printable and short."""
        return cls(severity, row, _report_text(column), _report_text(value), message, letter)

    @property
    def in_header(self) -> bool:
        return self.row == 1

    @property
    def place(self) -> tuple[int, int, str, int]:
        """Where it is, to sort a report by: row (the file's problems first), then column
        (A, B, …, Z, AA, …; problems of no one column after), errors before warnings."""
        column = column_number(self.letter) if self.letter else 10**6
        return (self.row or 0, column, self.column, 0 if self.severity == self.ERROR else 1)


def column_letter(position: int) -> str:
    """A spreadsheet's name of the column at 0-based `position`: 0 is A, 26 is AA."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def in_report_order(problems: list["Problem"]) -> list["Problem"]:
    return sorted(problems, key=lambda problem: problem.place)


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
    notes: list[Problem] = field(default_factory=list)  # warnings about the file as a whole


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

"""Reading the region's TOML data files with errors a regional admin can act on: every
problem names the file, the line and the field.

`tomllib` gives values without positions, so `LineIndex` scans the text once for the
`[[table]]` headers and the `key =` lines inside each, and `DataFile.where()` turns
(table, index, field) into a line number.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seslip.wording import count_of

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\"-]+)\s*=")

# A locator names a place as the document numbers itself. Several places are joined by ", "
# or "; ". Headings of unnumbered documents (slides, a learning summary) are quoted.
_SECTION = r"§\d+(?:\.\d+)*(?:–§?\d+(?:\.\d+)*)?"
_PAGES = r"(?:p ?\d+|pp ?\d+–\d+)"
_PARAGRAPHS = r"¶\d+(?:–¶?\d+)?"
_NUMBERED = r"(?:paragraphs?|slides?|item|indicators?|footnote|cohort) \d+(?:–\d+)?"
_QUOTED = r"(?:section|slide|table|heading|entry) (?:\"[^\"]+\"|'[^']+')"
_WORDS = r"(?:foreword|summary|title|appendix|definitions|attendees|apologies|recommendations)"
_PART = (
    r"(?:(?:minutes|overview|toolkit|slides|appendix|footnote \d+ of) )?"
    rf"(?:{_SECTION}|{_PAGES}|{_PARAGRAPHS}|{_NUMBERED}|{_QUOTED}|{_WORDS})"
)
LOCATOR = re.compile(rf"^{_PART}(?:(?:, |; ){_PART})*$", re.IGNORECASE)
LOCATOR_HELP = (
    "write where in the document, as it numbers itself: '§1.2.1', '§2.3.1–§2.3.8', 'p 12', "
    "'pp 9–10', '¶13', 'slide \"Our Story: July 2016\"', "
    "'section \"Hertfordshire County Council\"', 'overview §1.5', 'minutes §4'; "
    "several places joined by ', ' or '; '"
)


def valid_locator(text: str) -> bool:
    return bool(LOCATOR.match(text))


@dataclass(frozen=True)
class DataError:
    """One problem in a data file, located for the person who will fix it."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}, line {self.line}, field '{self.field}': {self.message}"


class DataFileInvalid(Exception):
    """A data file failed validation; `errors` lists every problem, not just the first."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        super().__init__(
            f"{count_of(len(errors), 'problem')} in the region's data files:\n"
            + "\n".join(f"  {error}" for error in errors)
        )


@dataclass
class LineIndex:
    """Line numbers of `[[table]]` entries and of the keys written inside them."""

    starts: dict[tuple[str, int], int] = field(default_factory=dict)
    keys: dict[tuple[str, int], dict[str, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> "LineIndex":
        index = cls()
        counts: dict[str, int] = {}
        current: tuple[str, int] | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if header := _HEADER.match(line):
                name = header[1]
                position = counts.get(name, 0)
                counts[name] = position + 1
                current = (name, position)
                index.starts[current] = number
                index.keys[current] = {}
            elif current is not None and (key := _KEY.match(line)):
                index.keys[current].setdefault(key[1].strip('"'), number)
        return index


@dataclass
class DataFile:
    """A parsed TOML data file that can say where each value was written."""

    path: Path
    data: dict[str, Any]
    lines: LineIndex
    errors: list[DataError] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> "DataFile":
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            line = int(match[1]) if (match := re.search(r"line (\d+)", str(error))) else 0
            raise DataFileInvalid([DataError(path, line, "(syntax)", str(error))]) from None
        return cls(path=path, data=data, lines=LineIndex.of(text))

    def entries(self, table: str) -> list[dict[str, Any]]:
        return list(self.data.get(table, []))

    def where(self, table: str, position: int, name: str = "") -> int:
        keys = self.lines.keys.get((table, position), {})
        return keys.get(name, self.lines.starts.get((table, position), 0))

    def error(self, table: str, position: int, name: str, message: str) -> None:
        self.errors.append(DataError(self.path, self.where(table, position, name), name, message))

    def raise_if_invalid(self) -> None:
        if self.errors:
            raise DataFileInvalid(self.errors)

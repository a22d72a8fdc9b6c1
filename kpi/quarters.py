"""Calendar quarters as the KPI returns name them: `YYYY-Qn` (docs/kpi-specification.md §2.1),
and the one rule for which quarter a return may be for (docs/kpi-specification.md §3;
docs/kpi-ingest.md, "Quarters").

Every way a quarter comes in goes through here: `Quarter.parse()` for how it is written
(query filters, commands), `check_return_quarter()` for a return's quarter (the cohort
upload page, API and command; the aggregate return form and CSV).
"""

import re
from dataclasses import dataclass
from datetime import date

# ASCII digits only: `\d` would also take ٢٠١٨ or １２３４ and quietly read them as 2018 or
# 1234. The Q may be lower case; nothing else varies.
_QUARTER = re.compile(r"([0-9]{4})-[Qq]([1-4])")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LAST_DAY = {1: 31, 2: 30, 3: 30, 4: 31}  # of the quarter's last month
# No date in a cohort file may be before 1 Jan 1990 (docs/kpi-specification.md §4.3), so no quarter
# is either.
FIRST_YEAR = 1990
SHOWN_TEXT = 40  # of a refused text quoted in a message


class QuarterError(ValueError):
    """A quarter that breaks the rule; the message says which part and how to put it right."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """`2017-Q4` (or `2017-q4`, surrounding spaces ignored), from 1990-Q1 to 9999-Q4;
        QuarterError with a plain message otherwise."""
        text = text if isinstance(text, str) else ""
        match = _QUARTER.fullmatch(text.strip())
        if not match:
            raise QuarterError(
                f"'{_shown(text)}' is not a quarter. Enter the quarter as YYYY-Qn with the "
                "digits 0 to 9, for example 2018-Q1 for January to March 2018."
            )
        year = int(match.group(1))
        if year < FIRST_YEAR:
            raise QuarterError(
                f"{match.group(0)} is before {FIRST_YEAR}: no return can be for a quarter "
                f"before {FIRST_YEAR}-Q1."
            )
        return cls(year, int(match.group(2)))

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        """qs: the quarter's first day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """qe: the quarter's last day (inclusive)."""
        return date(self.year, 3 * self.number, _LAST_DAY[self.number])

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    @property
    def label(self) -> str:
        """How pages show it: 'Oct–Dec 2017' (an en dash, as the spec writes it)."""
        first = 3 * self.number - 3
        return f"{_MONTHS[first]}–{_MONTHS[first + 2]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_TEXT else text[: SHOWN_TEXT - 1] + "…"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def check_return_quarter(
    text: "str | Quarter", *, today: date, first_window: date | None, authority_name: str
) -> Quarter:
    """The quarter a return (a cohort file or returned figures) is for, when it may be:

    1. written YYYY-Qn in the digits 0 to 9 (`Quarter.parse`);
    2. not after the quarter of `today`, the upload day: a return is for a quarter that
       has begun;
    3. not before the authority's earliest cohort window (`first_window`, its first day):
       before it there is no cohort to report on. An authority without cohort windows
       has no quarter to return yet.

    A cohort file must also agree with its quarter (every family's Family Safeguarding
    start on or before the quarter's end); that is checked with the file's rows, in
    kpi/ingest/assembly.py. QuarterError names the rule a quarter breaks.
    """
    quarter = text if isinstance(text, Quarter) else Quarter.parse(text)
    this_quarter = Quarter.containing(today)
    if quarter > this_quarter:
        raise QuarterError(
            f"{quarter} ({quarter.label}) has not begun: a return can be for this quarter "
            f"({this_quarter}, {this_quarter.label}) or an earlier one."
        )
    if first_window is None:
        raise QuarterError(
            f"{authority_name} has no Family Safeguarding cohort windows yet, so there is no "
            "quarter to return. A regional administrator can give it the toolkit's cohort "
            "windows on the regional team's pages (Family Safeguarding cohort windows)."
        )
    if quarter.end < first_window:
        earliest = Quarter.containing(first_window)
        raise QuarterError(
            f"{quarter} ({quarter.label}) is before {authority_name}'s first cohort window, "
            f"which starts on {_day(first_window)}: the earliest quarter a return can be for "
            f"is {earliest} ({earliest.label})."
        )
    return quarter


def quarter_hint(*, today: date, first_window: date | None = None) -> str:
    """The rule in a sentence, for the quarter field's hint on the upload and return pages."""
    this_quarter = Quarter.containing(today)
    earliest = (
        f"the quarter of your authority's first cohort ({Quarter.containing(first_window)})"
        if first_window
        else "the quarter of your authority's first cohort"
    )
    return (
        "The quarter the return covers, written YYYY-Qn: for example, 2018-Q1 for January to "
        f"March 2018. It can be from {earliest} to this quarter ({this_quarter})."
    )

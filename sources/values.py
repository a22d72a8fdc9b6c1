"""Values as vague as their source: a date with its precision, a figure that may be a range,
a lower bound or an approximation. Nothing here invents a day, a month or a midpoint."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import models


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    SEASON = "season", "Season"
    MONTH = "month", "Month"
    DAY = "day", "Day"


# Finest last: a value may not be written finer than its declared precision.
PRECISION_ORDER = [DatePrecision.YEAR, DatePrecision.SEASON, DatePrecision.MONTH, DatePrecision.DAY]

# A season is stored as its first month; only the season's name is ever shown.
SEASON_MONTH = {"Spring": 3, "Summer": 6, "Autumn": 9, "Winter": 12}
MONTH_SEASON = {month: season for season, month in SEASON_MONTH.items()}

_YEAR = re.compile(r"^(\d{4})$")
_SEASON = re.compile(r"^(Spring|Summer|Autumn|Winter) (\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class DateFormatError(ValueError):
    """A date string that is not one of the four forms, or finer than its precision."""


@dataclass(frozen=True)
class PreciseDate:
    """A date as precise as its source: '2018', 'Autumn 2019', 'July 2020', '19 February 2020'.

    `value` is the first day of the period (stored in the database with the precision); it
    is never shown: `str()` renders only what the source said."""

    value: datetime.date
    precision: str

    def __str__(self) -> str:
        if self.precision == DatePrecision.YEAR:
            return str(self.value.year)
        if self.precision == DatePrecision.SEASON:
            return f"{MONTH_SEASON[self.value.month]} {self.value.year}"
        if self.precision == DatePrecision.MONTH:
            return self.value.strftime("%B %Y")
        return f"{self.value.day} {self.value.strftime('%B %Y')}"

    @property
    def iso(self) -> str:
        """The date as the data files write it ('2018', 'Autumn 2019', '2020-07', '2020-02-19')."""
        if self.precision == DatePrecision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision == DatePrecision.SEASON:
            return str(self)
        if self.precision == DatePrecision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @classmethod
    def from_fields(cls, value: datetime.date | None, precision: str) -> "PreciseDate | None":
        return None if value is None or not precision else cls(value, precision)


def parse_precise_date(text: object, precision: str | None = None) -> PreciseDate:
    """Read '2018', 'Autumn 2019', '2020-07' or '2020-02-19' (or a TOML date).

    With `precision` given, the text must be written at exactly that precision: '2018-01-01'
    declared as a year is refused rather than read as 1 January."""
    if isinstance(text, datetime.date):
        text = text.isoformat()
    if not isinstance(text, str):
        raise DateFormatError(f"expected a date string, got {text!r}")
    text = text.strip()
    parsed: PreciseDate | None = None
    try:
        if match := _YEAR.match(text):
            parsed = PreciseDate(datetime.date(int(match[1]), 1, 1), DatePrecision.YEAR)
        elif match := _SEASON.match(text):
            month = SEASON_MONTH[match[1]]
            parsed = PreciseDate(datetime.date(int(match[2]), month, 1), DatePrecision.SEASON)
        elif match := _MONTH.match(text):
            parsed = PreciseDate(
                datetime.date(int(match[1]), int(match[2]), 1), DatePrecision.MONTH
            )
        elif match := _DAY.match(text):
            parsed = PreciseDate(
                datetime.date(int(match[1]), int(match[2]), int(match[3])), DatePrecision.DAY
            )
    except ValueError as error:
        raise DateFormatError(f"{text!r} is not a real date ({error})") from None
    if parsed is None:
        raise DateFormatError(
            f"{text!r} is not a date: write '2018', 'Autumn 2019', '2020-07' or '2020-02-19'"
        )
    if precision is not None and precision != parsed.precision:
        if precision not in PRECISION_ORDER:
            raise DateFormatError(f"unknown precision {precision!r}")
        finer = PRECISION_ORDER.index(DatePrecision(parsed.precision)) > PRECISION_ORDER.index(
            DatePrecision(precision)
        )
        relation = "finer" if finer else "coarser"
        raise DateFormatError(
            f"{text!r} is written to the {parsed.precision}, {relation} than its precision "
            f"({precision}); write it as the source does"
        )
    return parsed


class FigureKind(models.TextChoices):
    EXACT = "exact", "Exact"
    RANGE = "range", "Range"
    LOWER_BOUND = "lower_bound", "Lower bound"
    APPROXIMATE = "approximate", "Approximate"


@dataclass(frozen=True)
class Figure:
    """A number as the source gives it: exact ('15'), a range ('18–19'), a lower bound
    ('over 200') or approximate ('about 50'). A range keeps both ends; no midpoint."""

    kind: str
    value: Decimal
    upper: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.kind == FigureKind.RANGE) != (self.upper is not None):
            raise ValueError("a range has an upper end; other figures do not")
        if self.upper is not None and self.upper < self.value:
            raise ValueError("a range's upper end is below its lower end")

    def __str__(self) -> str:
        low = _plain(self.value)
        if self.kind == FigureKind.RANGE:
            return f"{low}–{_plain(self.upper)}"
        if self.kind == FigureKind.LOWER_BOUND:
            return f"over {low}"
        if self.kind == FigureKind.APPROXIMATE:
            return f"about {low}"
        return low

    def as_api(self) -> dict:
        """What the API gives: which kind of figure it is, its ends, and the text."""
        return {
            "kind": self.kind,
            "value": float(self.value) if self.kind != FigureKind.RANGE else None,
            "low": float(self.value) if self.kind == FigureKind.RANGE else None,
            "high": float(self.upper) if self.upper is not None else None,
            "text": str(self),
        }

    @classmethod
    def from_fields(
        cls, kind: str, value: Decimal | int | None, upper: Decimal | int | None = None
    ) -> "Figure | None":
        """The figure stored in a value column, its kind column and its upper-end column."""
        if value is None:
            return None
        return cls(
            kind or FigureKind.EXACT,
            Decimal(value),
            None if upper is None else Decimal(upper),
        )


def _plain(number: Decimal | None) -> str:
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    if "." not in text and abs(number) >= 10000:
        return f"{int(number):,}"
    return text


class FigureFormatError(ValueError):
    """A figure written in none of the forms `parse_figure` reads."""


_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_RANGE = re.compile(rf"^(?:between )?({_NUMBER})\s*(?:–|-|to|and)\s*({_NUMBER})$")
_LOWER_BOUND = re.compile(rf"^(?:over|more than) ({_NUMBER})$")
_APPROXIMATE = re.compile(rf"^(?:about|around|approximately) ({_NUMBER})$")
_EXACT = re.compile(rf"^({_NUMBER})$")


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def parse_figure(written: object) -> Figure:
    """Read a figure as a data file writes it: a number (exact), or the source's words:
    '18–19' or 'between 18 and 19' (a range), 'over 200' (a lower bound), 'about 50'
    (approximate). Anything else is refused rather than guessed."""
    if isinstance(written, bool):
        raise FigureFormatError(f"{written!r} is not a figure")
    if isinstance(written, int | float | Decimal):
        return Figure(FigureKind.EXACT, Decimal(str(written)))
    if not isinstance(written, str):
        raise FigureFormatError(f"{written!r} is not a figure")
    text = " ".join(written.strip().lower().split())
    try:
        if match := _RANGE.match(text):
            return Figure(FigureKind.RANGE, _number(match[1]), _number(match[2]))
        if match := _LOWER_BOUND.match(text):
            return Figure(FigureKind.LOWER_BOUND, _number(match[1]))
        if match := _APPROXIMATE.match(text):
            return Figure(FigureKind.APPROXIMATE, _number(match[1]))
        if match := _EXACT.match(text):
            return Figure(FigureKind.EXACT, _number(match[1]))
    except ValueError as error:  # a range whose upper end is below its lower end
        raise FigureFormatError(f"{written!r}: {error}") from None
    raise FigureFormatError(
        f"{written!r} is not a figure: write a number, '18–19', 'over 200' or 'about 50'"
    )

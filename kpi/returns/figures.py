"""One returned figure and the rules every figure meets, by form or CSV alike."""

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from kpi.ingest.table import Problem
from kpi.measures.definition import MeasureDefinition
from kpi.measures.returned import BY_KEY

# The limits of a return of figures (docs/kpi-ingest.md, "Returned figures"). A return is
# one row per measure (20 measures), so these leave room for a header, notes and blank
# lines and nothing else.
MAX_BYTES = 1024 * 1024
MAX_ROWS = 100  # data rows of a CSV
MAX_TEXT = 200  # characters in one cell, as for a cohort file's text cells
# Every figure and every count of people from 0 to this: more than any authority's
# children, workers or proceedings, and than an expert report's cost in pounds.
MAX_FIGURE = 1_000_000
COLUMNS = ("measure", "value", "people")

# A plain decimal in ASCII digits: 1234, 1,234 (thousands in threes), 12.5. No exponent, no
# NaN or infinity, no other digits (`float()` takes all of those).
_DECIMAL = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


class FigureError(ValueError):
    """A figure or count of people that cannot be stored; the message says why."""


@dataclass(frozen=True)
class Figure:
    measure: str
    value: float
    people: int | None = None


def _plain_decimal(text: str, *, what: str) -> Decimal:
    text = text.strip()
    digits = text.removeprefix("-")
    if not _DECIMAL.fullmatch(digits):
        raise FigureError(
            f"{what} must be a number written with the digits 0 to 9, for example 12 or 12.5"
        )
    number = Decimal(digits.replace(",", ""))
    if text.startswith("-") and number:
        raise FigureError(f"{what} cannot be negative")
    return number


def value_problem(measure: MeasureDefinition, value: float) -> str | None:
    """Why a figure cannot be stored for this measure, or None."""
    if math.isnan(value):
        return f"{measure.label} must be a number"
    if value < 0:
        return f"{measure.label} cannot be negative"
    if measure.kind == "percentage" and value > 100:
        return f"{measure.label} must be a percentage from 0 to 100"
    if value > MAX_FIGURE:
        return f"{measure.label} must be {MAX_FIGURE:,} or less"
    if measure.kind == "count" and not float(value).is_integer():
        return f"{measure.label} must be a whole number"
    return None


def people_problem(people: int) -> str | None:
    if people < 0:
        return "The number of people cannot be negative"
    if people > MAX_FIGURE:
        return f"The number of people must be {MAX_FIGURE:,} or less"
    return None


def read_value(measure: MeasureDefinition, text: str) -> float:
    """A figure as typed on the form or written in the CSV: a plain decimal (with £ for a
    cost, % for a percentage), then the measure's range. FigureError says what is wrong."""
    text = text.strip()
    if measure.kind == "money":
        text = text.removeprefix("£")
    elif measure.kind == "percentage":
        text = text.removesuffix("%")
    value = float(_plain_decimal(text, what=measure.label))
    problem = value_problem(measure, value)
    if problem:
        raise FigureError(problem)
    return value


def read_people(text: str) -> int:
    """How many people a percentage or mean rests on: a whole number from 0 to MAX_FIGURE."""
    number = _plain_decimal(text, what="The number of people")
    if number != number.to_integral_value():
        raise FigureError("The number of people must be a whole number")
    problem = people_problem(int(number))
    if problem:
        raise FigureError(problem)
    return int(number)


UNKNOWN_MEASURE = "This is not a measure returned as a figure. Use a name from the KPI definitions."


def shown_figure(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else str(value)


def error_problem(row: int | None, column: str, value: str | int, message: str) -> Problem:
    return Problem.of(Problem.ERROR, row, column, value, message)


def check_figures(figures: list[Figure]) -> list[Problem]:
    """Every error in figures handed over as values (the form's, or a caller's): the same
    ranges as read_value and read_people apply to text."""
    problems = []
    seen = set()
    for figure in figures:
        measure = BY_KEY.get(figure.measure)
        if measure is None:
            problems.append(error_problem(None, "measure", figure.measure, UNKNOWN_MEASURE))
            continue
        if figure.measure in seen:
            problems.append(
                error_problem(None, "measure", figure.measure, "This measure is given twice.")
            )
        seen.add(figure.measure)
        problem = value_problem(measure, figure.value)
        if problem:
            problems.append(error_problem(None, "value", shown_figure(figure.value), f"{problem}."))
        if figure.people is not None:
            problem = people_problem(figure.people)
            if problem:
                problems.append(error_problem(None, "people", figure.people, f"{problem}."))
    return problems

"""Dates and figures stay as vague as their source."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.values import (
    DateFormatError,
    DatePrecision,
    Figure,
    FigureKind,
    PreciseDate,
    parse_precise_date,
)


@pytest.mark.parametrize(
    ("written", "shown", "precision"),
    [
        ("2018", "2018", DatePrecision.YEAR),
        ("Autumn 2019", "Autumn 2019", DatePrecision.SEASON),
        ("2020-07", "July 2020", DatePrecision.MONTH),
        ("2020-02-19", "19 February 2020", DatePrecision.DAY),
    ],
)
def test_a_date_renders_as_the_source_wrote_it(written, shown, precision):
    date = parse_precise_date(written)
    assert str(date) == shown
    assert date.precision == precision
    assert date.iso == written


def test_a_year_is_not_read_as_the_first_of_january():
    with pytest.raises(DateFormatError, match="finer than its precision"):
        parse_precise_date("2018-01-01", DatePrecision.YEAR)


def test_a_season_is_not_read_as_a_day():
    with pytest.raises(DateFormatError, match="finer than its precision"):
        parse_precise_date("2019-11-30", DatePrecision.SEASON)


def test_a_date_coarser_than_its_declared_precision_is_refused():
    with pytest.raises(DateFormatError, match="coarser"):
        parse_precise_date("2019", DatePrecision.DAY)


@pytest.mark.parametrize("written", ["Fall 2019", "2019-13", "2019-02-30", "19/02/2020", ""])
def test_dates_that_are_not_one_of_the_four_forms_are_refused(written):
    with pytest.raises(DateFormatError):
        parse_precise_date(written)


@given(st.dates(min_value=datetime.date(1000, 1, 1)), st.sampled_from(list(DatePrecision)))
def test_a_written_date_reads_back_to_itself(day, precision):
    date = {
        DatePrecision.YEAR: day.replace(month=1, day=1),
        DatePrecision.SEASON: day.replace(month=(day.month // 3 * 3) or 12, day=1),
        DatePrecision.MONTH: day.replace(day=1),
        DatePrecision.DAY: day,
    }[precision]
    written = PreciseDate(date, precision).iso
    assert parse_precise_date(written, precision) == PreciseDate(date, precision)


def test_a_range_keeps_both_ends_and_invents_no_midpoint():
    figure = Figure(FigureKind.RANGE, Decimal(18), Decimal(19))
    assert str(figure) == "18–19"
    assert figure.as_api() == {
        "kind": "range",
        "value": None,
        "low": 18.0,
        "high": 19.0,
        "text": "18–19",
    }


def test_a_lower_bound_reads_over():
    figure = Figure(FigureKind.LOWER_BOUND, Decimal(200))
    assert str(figure) == "over 200"
    assert figure.as_api()["kind"] == "lower_bound"
    assert figure.as_api()["value"] == 200.0


def test_exact_and_approximate_figures():
    assert str(Figure(FigureKind.EXACT, Decimal("15"))) == "15"
    assert str(Figure(FigureKind.APPROXIMATE, Decimal("2000000"))) == "about 2,000,000"


def test_a_range_needs_an_upper_end_above_its_lower_end():
    with pytest.raises(ValueError):
        Figure(FigureKind.RANGE, Decimal(19))
    with pytest.raises(ValueError):
        Figure(FigureKind.RANGE, Decimal(19), Decimal(18))
    with pytest.raises(ValueError):
        Figure(FigureKind.EXACT, Decimal(19), Decimal(20))

"""The relations disclosure control knows are all the relations there are.

Secondary suppression protects against the sums and differences in the registry's
RELATIONS (kpi/indicators/). If two published numbers were related in a way the registry
does not say (say, active plans = plans closed in the quarter + plans open at its end),
the rules would not protect it. So: find every exact linear equation between the numbers
a cohort's figures publish (numerators and denominators) that holds for any cohort. It
must be one that the registry's relations imply once the differences no figure shows are
eliminated, and each of those must hold.

Every published number is a sum over the cohort's people of what each person adds (a
count adds 0 or 1, a total the person's own amount), so an equation holds for every
cohort exactly when it holds for every single person: the test samples many random
people, one at a time, which is fast and reaches rare outcomes. Relations over the
cohorts (they add up to all) hold by construction."""

from datetime import timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.indicators.base import Window
from kpi.measures.computation import RULES
from kpi.quarters import Quarter
from tests.kpi import reference_indicators as reference
from tests.kpi.strategies import COHORT_WINDOWS, QUARTERS, adult_row, child_rows

ALL = "all"
SHOWN = sorted(RULES.shown_quantities)
UNSHOWN = sorted({n for r in RULES.relations for n in r.members} - set(SHOWN))


def published_numbers(examples: int) -> list[list[int]]:
    """What single random people add to each published number."""
    samples = []

    @settings(max_examples=examples, database=None, derandomize=True, deadline=None)
    @given(data=st.data(), quarter=st.sampled_from(QUARTERS), child=st.booleans())
    def collect(data, quarter, child):
        period = Quarter.parse(quarter)
        window = Window(period.start, period.end)
        _, first, last = data.draw(st.sampled_from(COHORT_WINDOWS))
        start = data.draw(st.integers(0, (last - first).days).map(lambda d: first + timedelta(d)))
        person = child_rows if child else lambda *args: adult_row(*args).map(lambda r: [r])
        rows = data.draw(person("F", "P", start, window))
        amounts = reference.compute_amounts(rows, period.start, period.end, COHORT_WINDOWS)
        samples.append([amounts[(ALL, name)][0] for name in SHOWN])

    collect()
    return samples


def reduce(row: list[Fraction], basis: dict[int, list[Fraction]]) -> list[Fraction]:
    row = list(row)
    for pivot, pivot_row in basis.items():
        if row[pivot]:
            factor = row[pivot]
            row = [a - factor * b for a, b in zip(row, pivot_row, strict=True)]
    return row


def add_to_basis(row: list[Fraction], basis: dict[int, list[Fraction]]) -> bool:
    row = reduce(row, basis)
    pivot = next((i for i, value in enumerate(row) if value), None)
    if pivot is None:
        return False
    row = [value / row[pivot] for value in row]
    for other, other_row in basis.items():
        if other_row[pivot]:
            factor = other_row[pivot]
            basis[other] = [a - factor * b for a, b in zip(other_row, row, strict=True)]
    basis[pivot] = row
    return True


def implied_equations() -> list[list[Fraction]]:
    """The registry's relations with the unshown differences eliminated: equations among
    shown numbers only (columns: unshown first, then SHOWN)."""
    columns = UNSHOWN + SHOWN
    basis: dict[int, list[Fraction]] = {}
    for relation in RULES.relations:
        row = [Fraction(0)] * len(columns)
        row[columns.index(relation.total)] += 1
        for part in relation.parts:
            row[columns.index(part)] -= 1
        add_to_basis(row, basis)
    return [row[len(UNSHOWN) :] for pivot, row in basis.items() if pivot >= len(UNSHOWN)]


def test_the_published_numbers_obey_exactly_the_registered_relations():
    equations = implied_equations()
    assert equations, "the registry implies no equation between published numbers"
    samples = published_numbers(1500)
    for sample in samples:
        for equation in equations:
            assert sum(c * v for c, v in zip(equation, sample, strict=True)) == 0, equation
    basis: dict[int, list[Fraction]] = {}
    for sample in samples:
        add_to_basis([Fraction(v) for v in sample], basis)
        if len(basis) == len(SHOWN) - len(equations):
            return
    unexplained = [SHOWN[i] for i in range(len(SHOWN)) if i not in basis]
    raise AssertionError(
        f"published numbers seem related beyond the registry; look at {unexplained}"
    )

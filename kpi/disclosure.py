"""Disclosure control: which figures are hidden from whom (docs/kpi-specification.md §8,
docs/security.md).

The one place the rule lives. Whether a figure must be hidden depends only on the data, so
it is decided once, when the figures are stored (`cells_to_suppress`), and kept with each
value; every path out (pages, API, CSV, charts) then asks `shown_to` and shows `c` / null
for a suppressed figure to everybody who may not see small numbers.

The rules work on *quantities*: the whole numbers a figure shows (a count of people, or of
plans, sessions, incidents, days or score points) and the quantities that follow from
them by subtraction. Each quantity comes with the number of distinct people contributing
to it. A figure (a *cell*: one measure for one cohort) shows one quantity, or two for a
mean or percentage (its numerator and denominator). `Rules` say which quantities each
measure shows and how quantities are related within a cohort (`Relation`: total = sum of
parts); every quantity of the cohorts also adds up to the "all cohorts" one.

- Primary suppression: a cell is hidden when a quantity it shows rests on 1 to 4 people,
  or when the difference of its own quantities does (a rate's denominator minus its
  numerator). A count that was not given (None) counts as too small. Zero is not small.
- Secondary suppression: no hidden cell's quantities, and no quantity resting on 1 to 4
  people that no cell shows (a difference such as "assessed minus improved minus
  declined"), may be worked out from the cells that are shown, by any sum or difference
  of them. This is checked exactly, as linear algebra over each group of related
  quantities; while something can be worked out, one more cell is hidden: a cohort's
  before the "all cohorts" headline (so a small cohort does not blank the total when
  another cohort can cover it), then the one resting on the fewest people.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from math import gcd

from accounts.models import AnyUser
from accounts.permissions import sees_unsuppressed
from kpi.models.values import ALL_COHORTS, IndicatorValue

logger = logging.getLogger(__name__)

SMALLEST_SHOWN, LARGEST_HIDDEN = 5, 4
# Stored with every decision. Raise it whenever the rules or the registries they read
# change: after the next `migrate`, values decided under older rules are recomputed
# (kpi.services.values.recompute_stale). 1 was the rule before issue 16.
RULES_VERSION = 2

Key = tuple[str, str]  # (cohort, measure) for a cell, (cohort, quantity) for a quantity


@dataclass(frozen=True)
class Relation:
    """total = sum(parts), in every cohort and in all cohorts together."""

    total: str
    parts: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Quantity:
    """What a quantity counts and, unless it counts people itself, the people who
    contribute to it, in plain English (the tables in docs/security.md are generated from
    these: `protection_table`)."""

    counts: str
    people: str = ""


@dataclass(frozen=True)
class Rules:
    """What a table of figures shows and how its quantities are related.

    `shows` maps each measure to the quantities it shows (its value or numerator, then its
    denominator); a quantity that no measure shows, but that a relation names, is a
    difference a viewer could work out (e.g. adults assessed but neither improved nor
    declined)."""

    shows: Mapping[str, tuple[str, ...]]
    relations: tuple[Relation, ...] = ()

    @property
    def shown_quantities(self) -> set[str]:
        return {quantity for quantities in self.shows.values() for quantity in quantities}


def is_small(people: int | None) -> bool:
    """Resting on 1 to 4 people, or on a number of people nobody gave."""
    return people is None or 1 <= people <= LARGEST_HIDDEN


def cells_to_suppress(people: Mapping[Key, int | None], rules: Rules) -> set[Key]:
    """For one authority and quarter: `people` maps (cohort, quantity) to the people each
    quantity rests on; returns the cells (cohort, measure) to hide from anyone who may
    not see small numbers."""
    return _Table(people, rules).suppress()


@dataclass
class _Block:
    """A group of quantities linked by relations: they are solved together."""

    nodes: list[Key]
    equations: list[dict[Key, int]]
    cells: set[Key] = field(default_factory=set)


class _Table:
    def __init__(self, people: Mapping[Key, int | None], rules: Rules):
        self.people = people
        cohorts = sorted({cohort for cohort, _ in people}, key=lambda c: (c == ALL_COHORTS, c))
        self.cells: dict[Key, tuple[Key, ...]] = {}
        for cohort in cohorts:
            for measure, quantities in rules.shows.items():
                keys = tuple((cohort, q) for q in quantities)
                if all(key in people for key in keys):
                    self.cells[(cohort, measure)] = keys
        self.shown_by: dict[Key, list[Key]] = {}
        for cell, keys in self.cells.items():
            for key in keys:
                self.shown_by.setdefault(key, []).append(cell)
        equations = self._equations(cohorts, rules)
        self.within_cohort = [eq for eq in equations if len({c for c, _ in eq}) == 1]
        self.blocks = self._blocks(equations)
        self.block_of = {node: block for block in self.blocks for node in block.nodes}
        for block in self.blocks:
            block.cells = {cell for node in block.nodes for cell in self.shown_by.get(node, ())}

    def _equations(self, cohorts: list[str], rules: Rules) -> list[dict[Key, int]]:
        """Every relation in every cohort, and each quantity's cohorts adding up to all."""
        equations = []
        for cohort in cohorts:
            for relation in rules.relations:
                if all((cohort, name) in self.people for name in relation.members):
                    equation = {(cohort, relation.total): 1}
                    for part in relation.parts:
                        equation[(cohort, part)] = equation.get((cohort, part), 0) - 1
                    equations.append(equation)
        parts = [cohort for cohort in cohorts if cohort != ALL_COHORTS]
        if ALL_COHORTS in cohorts and parts:
            names = {name for cohort, name in self.people if cohort == ALL_COHORTS}
            for name in sorted(names):
                if all((cohort, name) in self.people for cohort in parts):
                    equation = {(ALL_COHORTS, name): 1}
                    equation.update({(cohort, name): -1 for cohort in parts})
                    equations.append(equation)
        return equations

    def _blocks(self, equations: list[dict[Key, int]]) -> list[_Block]:
        parent: dict[Key, Key] = {}

        def root(node: Key) -> Key:
            parent.setdefault(node, node)
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        for node in self.people:
            root(node)
        for equation in equations:
            first, *others = equation
            for other in others:
                parent[root(other)] = root(first)
        grouped: dict[Key, _Block] = {}
        for node in sorted(self.people):
            grouped.setdefault(root(node), _Block([], [])).nodes.append(node)
        for equation in equations:
            grouped[root(next(iter(equation)))].equations.append(equation)
        return list(grouped.values())

    def small(self, node: Key) -> bool:
        return is_small(self.people[node])

    def primary(self) -> set[Key]:
        hidden = {cell for cell, keys in self.cells.items() if any(map(self.small, keys))}
        for equation in self.within_cohort:
            unshown = [node for node in equation if node not in self.shown_by]
            if len(unshown) != 1 or not self.small(unshown[0]):
                continue
            showing_all = set.intersection(
                *(set(self.shown_by[node]) for node in equation if node in self.shown_by)
            )
            hidden |= showing_all
        return hidden

    def exposed(self, block: _Block, hidden: set[Key]) -> dict[Key, set[Key]]:
        """The block's quantities that the shown cells give away (a hidden cell's, or an
        unshown difference resting on 1 to 4 people), each with the known quantities it
        can be worked out from."""
        worked_out = _worked_out(block, self._known(block, hidden))
        return {
            node: sources
            for node, sources in sorted(worked_out.items())
            if node in self.shown_by or self.small(node)
        }

    def _known(self, block: _Block, hidden: set[Key]) -> set[Key]:
        return {
            node
            for node in block.nodes
            if any(cell not in hidden for cell in self.shown_by.get(node, ()))
        }

    def suppress(self) -> set[Key]:
        hidden = self.primary()
        exposed = {id(block): self.exposed(block, hidden) for block in self.blocks}
        while True:
            block = next((b for b in self.blocks if exposed[id(b)]), None)
            if block is None:
                return hidden
            target, sources = next(iter(exposed[id(block)].items()))
            cell = self._complement(block, target, sources, hidden)
            if cell is None:
                logger.error("Disclosure control cannot protect %s; the rules are wrong", target)
                exposed[id(block)].pop(target)
                continue
            hidden.add(cell)
            for node in self.cells[cell]:
                touched = self.block_of[node]
                exposed[id(touched)] = self.exposed(touched, hidden)

    def _complement(
        self, block: _Block, target: Key, sources: set[Key], hidden: set[Key]
    ) -> Key | None:
        """The cheapest shown cell whose hiding stops `target` being worked out: one of a
        cohort before one of all cohorts, then the one resting on the fewest people. Only
        a cell showing one of the quantities `target` is worked out from can help."""
        candidates = sorted(
            {cell for node in sources for cell in self.shown_by[node]} - hidden, key=self._cost
        )
        for cell in candidates:
            if target not in _worked_out(block, self._known(block, hidden | {cell})):
                return cell
        return candidates[0] if candidates else None

    def _cost(self, cell: Key) -> tuple:
        cohort, measure = cell
        rests_on = self.people[self.cells[cell][-1]]
        return (cohort == ALL_COHORTS, rests_on if rests_on is not None else 0, cohort, measure)


def _worked_out(block: _Block, known: set[Key]) -> dict[Key, set[Key]]:
    """The unknown quantities of `block` that its equations fix, given the known ones, each
    with the known quantities it is worked out from: exact Gauss-Jordan elimination that
    pivots on unknowns only. An unknown is fixed when it is a pivot whose row has no other
    unknown left in it; the known quantities left in that row are its sources.

    Only which quantities are left in each row matters, so the rows stay whole numbers:
    eliminating a pivot multiplies the row by the pivot's coefficient instead of dividing
    by it (fraction-free), then divides out the common factor. Exact, as fractions were,
    and several times faster (docs/performance.md, "KPI recompute")."""
    if len(known) == len(block.nodes) or not block.equations:
        return {}
    if len(block.equations) == 1:  # most blocks: one quantity adding up over the cohorts
        (equation,) = block.equations
        unknown = [node for node in equation if node not in known]
        return {unknown[0]: set(equation) - {unknown[0]}} if len(unknown) == 1 else {}
    pivots: dict[Key, dict[Key, int]] = {}
    for equation in block.equations:
        row = {node: c for node, c in equation.items() if c}
        for pivot, pivot_row in pivots.items():
            if pivot in row:
                row = _eliminate(row, pivot_row, pivot)
        unknown = [node for node in row if node not in known]
        if not unknown:
            continue
        pivot = min(unknown)
        for other_pivot, other in pivots.items():
            if pivot in other:
                pivots[other_pivot] = _eliminate(other, row, pivot)
        pivots[pivot] = row
    fixed = {}
    for pivot, row in pivots.items():
        sources = {node for node in row if node in known}
        if len(row) - len(sources) == 1:
            fixed[pivot] = sources
    return fixed


def _eliminate(row: dict[Key, int], pivot_row: dict[Key, int], pivot: Key) -> dict[Key, int]:
    """`row` times the pivot's coefficient in `pivot_row`, less `pivot_row` times the
    pivot's coefficient in `row` (so without `pivot`), its zeros dropped and its common
    factor divided out."""
    times_row, times_pivot_row = pivot_row[pivot], row[pivot]
    result = {node: value * times_row for node, value in row.items()}
    for node, value in pivot_row.items():
        result[node] = result.get(node, 0) - times_pivot_row * value
    result = {node: value for node, value in result.items() if value}
    common = gcd(*result.values())
    return {node: value // common for node, value in result.items()} if common > 1 else result


@dataclass(frozen=True)
class Shown:
    """A value as one viewer may see it."""

    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None
    people: int | None
    suppressed: bool


def shown_to(user: AnyUser, indicator_value: IndicatorValue) -> Shown:
    """The value as `user` may see it. The owning authority's analysts and regional
    analysts (accounts.permissions.sees_unsuppressed) see everything, including how many
    people each figure rests on. Everyone else sees no suppressed figure, and no `people`
    count at all: it is the rules' working, and publishing it would add numbers (such as
    children with plans of both kinds) that the rules would then have to protect too."""
    if sees_unsuppressed(user, indicator_value.authority_id):
        return Shown(
            indicator_value.value,
            indicator_value.numerator,
            indicator_value.denominator,
            indicator_value.people,
            False,
        )
    if indicator_value.suppressed:
        return Shown(None, None, None, None, True)
    return Shown(
        indicator_value.value, indicator_value.numerator, indicator_value.denominator, None, False
    )


def protection_table(rules: Rules, quantities: Mapping[str, Quantity]) -> str:
    """The rules as a Markdown table: for each measure, the numbers it shows and the people
    each rests on, and the equations it is part of within a cohort (secondary
    suppression; every figure also adds up over the cohorts to all cohorts)."""

    def named(quantity: str) -> str:
        for measure, shown in rules.shows.items():
            if shown == (quantity,):
                return f"`{measure}`"
        for part, words in ((0, "numerator"), (1, "denominator")):
            for measure, shown in rules.shows.items():
                if len(shown) == 2 and shown[part] == quantity:
                    return f"`{measure}`'s {words}"
        return _described(quantities[quantity])

    lines = [
        "| measure | numbers it shows (and the people each rests on) | part of |",
        "|---|---|---|",
    ]
    for measure, shown in rules.shows.items():
        numbers = "; ".join(_described(quantities[q]) for q in shown)
        equations = [
            f"{named(r.total)} = {' + '.join(named(part) for part in r.parts)}"
            for r in rules.relations
            if set(r.members) & set(shown)
        ]
        lines.append(f"| `{measure}` | {numbers} | {'; '.join(equations) or '—'} |")
    return "\n".join(lines) + "\n"


def _described(quantity: Quantity) -> str:
    if not quantity.people:
        return quantity.counts
    return f"{quantity.counts} ({quantity.people})"

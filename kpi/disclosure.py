"""Disclosure control: which aggregates are hidden from whom (kpi-spec §5).

The one place the rule lives. Whether a cell must be hidden depends only on the data, so
it is decided once, when the indicators are computed (`cells_to_suppress`), and stored
with each value; every path out (pages, API, CSV, charts) then asks `sees_unsuppressed`
and shows `c` / null for a suppressed cell to everybody else.

- Primary suppression: a cell resting on 1 to 4 people. A zero is not suppressed; a mean
  or percentage rests on the people of its denominator, so it goes with them.
- Secondary suppression: where values add up (every measure over the cohorts adds up to
  "all"; cp_plans_active = cp_plans_at_fs_start + cp_plans_after_fs_start), no equation
  may be left with exactly one hidden member, or subtraction would reveal it. Another
  member is hidden: the total if it is visible, otherwise the visible part resting on
  the fewest people.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from accounts.permissions import sees_unsuppressed

SMALLEST_SHOWN, LARGEST_HIDDEN = 5, 4
ALL_COHORTS = "all"
SPLITS = {"cp_plans_active": ("cp_plans_at_fs_start", "cp_plans_after_fs_start")}


@dataclass(frozen=True)
class Equation:
    """total = sum(parts), over cell keys (cohort, measure)."""

    total: tuple[str, str]
    parts: tuple[tuple[str, str], ...]

    @property
    def members(self) -> tuple[tuple[str, str], ...]:
        return (self.total, *self.parts)


def is_small(people: int) -> bool:
    return 1 <= people <= LARGEST_HIDDEN


def equations(cohorts: Iterable[str], measures: Iterable[str]) -> list[Equation]:
    cohorts = [c for c in cohorts if c != ALL_COHORTS]
    found = [
        Equation((ALL_COHORTS, measure), tuple((cohort, measure) for cohort in cohorts))
        for measure in measures
    ]
    for total, parts in SPLITS.items():
        for cohort in [*cohorts, ALL_COHORTS]:
            found.append(Equation((cohort, total), tuple((cohort, part) for part in parts)))
    return found


def cells_to_suppress(people: dict[tuple[str, str], int]) -> set[tuple[str, str]]:
    """For one authority and quarter: `people` maps (cohort, measure) to the people each
    cell rests on; returns the cells to hide from anyone not entitled to see them all."""
    hidden = {key for key, count in people.items() if is_small(count)}
    cohorts = {cohort for cohort, _ in people}
    measures = {measure for _, measure in people}
    system = [eq for eq in equations(cohorts, measures) if all(key in people for key in eq.members)]
    changed = True
    while changed:
        changed = False
        for equation in system:
            hidden_members = [key for key in equation.members if key in hidden]
            if len(hidden_members) != 1:
                continue
            if equation.total not in hidden:
                hidden.add(equation.total)
            else:
                visible = [key for key in equation.parts if key not in hidden]
                hidden.add(min(visible, key=lambda key: (people[key], key)))
            changed = True
    return hidden


@dataclass(frozen=True)
class Shown:
    """A value as one viewer may see it."""

    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None
    people: int | None
    suppressed: bool


def shown_to(user, indicator_value) -> Shown:
    """The value as `user` may see it: everything for the owning authority's analysts and
    regional analysts (accounts.permissions.sees_unsuppressed), suppressed cells hidden
    from everyone else."""
    hide = indicator_value.suppressed and not sees_unsuppressed(user, indicator_value.authority_id)
    if hide:
        return Shown(None, None, None, None, True)
    return Shown(
        indicator_value.value,
        indicator_value.numerator,
        indicator_value.denominator,
        indicator_value.people,
        False,
    )

"""A deliberately plain reference of the disclosure rule set (docs/security.md), for
property tests. Written apart from kpi/disclosure.py, on what a viewer actually gets: the
numerator and denominator of each figure in the values API.

- `must_hide(people)`: the figures the rules hide whatever else happens (primary): a
  number shown resting on 1 to 4 people, or a rate whose denominator minus numerator does.
- `revealed(shown, people)`: an attacker. It knows every shown number and how the numbers
  are related (the list below, its own), and works out by exact elimination every number
  that the shown ones fix. It returns those that rest on 1 to 4 people.

`people` maps (cohort, quantity) to the people a quantity rests on, as
tests/kpi/reference_indicators.compute_amounts gives it; `shown` is the set of
(cohort, measure) a viewer sees unsuppressed.
"""

from fractions import Fraction

ALL = "all"
TOPS = ("substance_misuse", "psychological_wellbeing", "physical_health", "employment")
TOPS += ("quality_of_life",)
SCALES = ("depression", "anxiety")

# The quantity behind each figure's numerator and denominator, where it is not the
# measure's own name.
NUMERATOR = {
    "cp_closed_mean_days": "cp_closed_days",
    "cp_open_mean_days": "cp_open_days",
    "cla_closed_mean_days": "cla_closed_days",
    "cla_open_mean_days": "cla_open_days",
    "pct_unauthorised": "sessions_unauthorised",
    "pct_authorised": "sessions_authorised",
    "da_completion_rate": "da_completed_by_qe",
    **{f"{s}_initial_mean": f"{s}_initial_total" for s in SCALES},
    **{f"{s}_end_mean": f"{s}_end_total" for s in SCALES},
}
DENOMINATOR = {
    "cp_closed_mean_days": "cp_closed_plans",
    "cp_open_mean_days": "cp_open_plans",
    "cla_closed_mean_days": "cla_closed_periods",
    "cla_open_mean_days": "cla_open_periods",
    "pct_unauthorised": "sessions_possible",
    "pct_authorised": "sessions_possible",
    "no_representation_6m": "representation_known",
    "da_completion_rate": "da_ended_by_qe",
    **{f"{s}_initial_mean": f"{s}_assessed" for s in SCALES},
    **{f"{s}_end_mean": f"{s}_assessed" for s in SCALES},
}
# A rate of people: its denominator minus its numerator counts people too.
RATE_REMAINDER = {
    "da_completion_rate": "da_not_completed_by_qe",
    "no_representation_6m": "representation_6m",
}


def N(measure):
    return ("N", measure)


def D(measure):
    return ("D", measure)


def X(quantity):
    """A difference no figure shows, named by the quantity it is."""
    return ("X", quantity)


# total = sum(parts), within each cohort. A number that is the same in two figures is a
# relation with one part.
RELATIONS = [
    (D("no_representation_6m"), [N("representation_known")]),
    (D("pct_unauthorised"), [N("sessions_possible")]),
    (D("pct_authorised"), [N("sessions_possible")]),
    (N("pct_unauthorised"), [N("sessions_unauthorised")]),
    (N("pct_authorised"), [N("sessions_authorised")]),
    *((D(f"{s}_initial_mean"), [N(f"{s}_assessed")]) for s in SCALES),
    *((D(f"{s}_end_mean"), [N(f"{s}_assessed")]) for s in SCALES),
    (N("cp_plans_active"), [N("cp_plans_at_fs_start"), N("cp_plans_after_fs_start")]),
    (N("cp_plans_active"), [D("cp_closed_mean_days"), D("cp_open_mean_days")]),
    (N("cp_plans_active"), [N("cp_new_in_quarter"), X("cp_plans_from_before")]),
    (N("cp_new_in_quarter"), [N("cp_repeat_24m"), X("cp_new_not_repeat")]),
    (N("cp_repeat_24m"), [N("cp_repeat_12m"), X("cp_repeat_12_to_24m")]),
    (
        N("sessions_possible"),
        [N("sessions_unauthorised"), N("sessions_authorised"), X("sessions_not_absent")],
    ),
    (
        N("treatments_ended"),
        [
            N("treatments_successful"),
            N("ended_did_not_attend"),
            X("treatments_ended_otherwise"),
        ],
    ),
    (N("representation_known"), [N("no_representation_6m"), X("representation_6m")]),
    (N("initial_assessments"), [N("assessments_no_engagement"), X("assessments_engaged")]),
    *(
        (
            N(f"tops_{d}_assessed"),
            [N(f"tops_{d}_improved"), N(f"tops_{d}_declined"), X(f"tops_{d}_unchanged")],
        )
        for d in TOPS
    ),
    *((N(f"{s}_assessed"), [N(f"{s}_improved"), X(f"{s}_not_improved")]) for s in SCALES),
    (N("da_ended"), [N("da_completed"), X("da_ended_not_completed")]),
    (D("da_completion_rate"), [N("da_completion_rate"), X("da_not_completed_by_qe")]),
    (D("da_completion_rate"), [N("da_ended"), X("da_ended_before_quarter")]),
    (N("da_completion_rate"), [N("da_completed"), X("da_completed_before_quarter")]),
]


def quantity_of(number: tuple) -> str:
    kind, name = number
    if kind == "N":
        return NUMERATOR.get(name, name)
    if kind == "D":
        return DENOMINATOR[name]
    return name


def numbers_of(measure: str) -> list[tuple]:
    return [N(measure), D(measure)] if measure in DENOMINATOR else [N(measure)]


def small(count) -> bool:
    return count is not None and 1 <= count <= 4


def must_hide(people: dict, measures: list[str]) -> set[tuple[str, str]]:
    cohorts = {cohort for cohort, _ in people}
    hide = set()
    for cohort in cohorts:
        for measure in measures:
            for number in numbers_of(measure):
                if small(people[(cohort, quantity_of(number))]):
                    hide.add((cohort, measure))
            if measure in RATE_REMAINDER and small(people[(cohort, RATE_REMAINDER[measure])]):
                hide.add((cohort, measure))
    return hide


def revealed(shown: set[tuple[str, str]], people: dict, measures: list[str]) -> list:
    """Every number resting on 1 to 4 people that the shown figures fix, as
    (cohort, number, people)."""
    cohorts = sorted({cohort for cohort, _ in people})
    parts = [c for c in cohorts if c != ALL]
    equations = []
    for cohort in cohorts:
        for total, members in RELATIONS:
            equation = {(cohort, total): Fraction(1)}
            for member in members:
                equation[(cohort, member)] = equation.get((cohort, member), 0) - 1
            equations.append(equation)
    every_number = {n for m in measures for n in numbers_of(m)}
    every_number |= {n for total, members in RELATIONS for n in [total, *members]}
    if ALL in cohorts and parts:
        for number in every_number:
            equation = {(ALL, number): Fraction(1)}
            for cohort in parts:
                equation[(cohort, number)] = Fraction(-1)
            equations.append(equation)
    known = {(cohort, n) for cohort, measure in shown for n in numbers_of(measure)}

    # Gauss-Jordan on the unknowns only: known numbers are constants.
    rows = []
    for equation in equations:
        row = {v: c for v, c in equation.items() if v not in known and c != 0}
        if row:
            rows.append(row)
    reduced = []  # (pivot, row) with every other row cleared of the pivot
    for row in rows:
        for pivot, pivot_row in reduced:
            if pivot in row:
                row = combine(row, pivot_row, row[pivot])
        if not row:
            continue
        pivot = sorted(row)[0]
        row = {v: c / row[pivot] for v, c in row.items()}
        reduced = [(p, combine(r, row, r[pivot]) if pivot in r else r) for p, r in reduced]
        reduced.append((pivot, row))

    found = []
    for cohort in cohorts:
        for number in sorted(every_number):
            variable = (cohort, number)
            count = people[(cohort, quantity_of(number))]
            if variable in known or not small(count):
                continue
            # Fixed when the unit vector of the number reduces to nothing.
            target = {variable: Fraction(1)}
            for pivot, pivot_row in reduced:
                if pivot in target:
                    target = combine(target, pivot_row, target[pivot])
            if not target:
                found.append((cohort, number, count))
    return found


def combine(row: dict, other: dict, factor) -> dict:
    out = dict(row)
    for v, c in other.items():
        out[v] = out.get(v, 0) - factor * c
        if out[v] == 0:
            del out[v]
    return out

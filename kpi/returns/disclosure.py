"""Disclosure control of returned figures (kpi/disclosure.py, docs/security.md)."""

import math

from kpi.disclosure import Quantity, Relation, Rules
from kpi.measures.returned import BY_KEY, RETURNED_MEASURES
from kpi.models.values import ALL_COHORTS
from kpi.returns.figures import Figure

# Disclosure control of returned figures (kpi/disclosure.py, docs/security.md). A count
# rests on itself. A percentage shows, in effect, how many of its people have the event
# (value × people / 100) and how many do not; a mean or an average cost rests on the
# number it is over. A figure whose number of people was not given is hidden from the
# public until a return gives it. LSIR improvements are part of those assessed.
AGGREGATE_RULES = Rules(
    shows={
        m.key: {
            "count": (m.key,),
            "percentage": (m.key, f"{m.key}_people"),
        }.get(m.kind, (f"{m.key}_people",))
        for m in RETURNED_MEASURES
    },
    relations=(
        *(
            Relation(f"{m.key}_people", (m.key, f"{m.key}_others"))
            for m in RETURNED_MEASURES
            if m.kind == "percentage"
        ),
        Relation("lsir_assessed", ("lsir_improved", "lsir_not_improved")),
    ),
)


GIVEN = "given with the return; too few until given"
AGGREGATE_QUANTITIES = {
    **{m.key: Quantity(m.label) for m in RETURNED_MEASURES if m.kind == "count"},
    **{
        f"{m.key}_people": Quantity(f"{m.people_label.lower()} ({GIVEN})")
        for m in RETURNED_MEASURES
        if m.kind != "count"
    },
    **{
        name: Quantity(f"{m.people_label.lower()} {words} (percentage × number ÷ 100)")
        for m in RETURNED_MEASURES
        if m.kind == "percentage"
        for name, words in ((m.key, "it counts"), (f"{m.key}_others", "it leaves out"))
    },
    "lsir_not_improved": Quantity("adults assessed with LSIR whose score did not improve"),
}


def disclosure_people(figures: list[Figure]) -> dict[tuple[str, str], int | None]:
    """The people each quantity of AGGREGATE_RULES rests on (None: not given)."""
    people: dict[str, int | None] = {}
    for figure in figures:
        kind = BY_KEY[figure.measure].kind
        if kind == "count":
            people[figure.measure] = int(figure.value)
            continue
        people[f"{figure.measure}_people"] = figure.people
        if kind == "percentage":
            having: int | None = None
            others: int | None = None
            if figure.people is not None and math.isfinite(figure.value):
                having = round(figure.value * figure.people / 100)
                others = figure.people - having
            people[figure.measure] = having
            people[f"{figure.measure}_others"] = others
    # Both are counts, so each is a number when it was returned.
    assessed, improved = people.get("lsir_assessed"), people.get("lsir_improved")
    if assessed is not None and improved is not None:
        people["lsir_not_improved"] = assessed - improved
    return {(ALL_COHORTS, name): count for name, count in people.items()}

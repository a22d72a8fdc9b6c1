"""Groups of measures: each toolkit indicator is one, and the measures that belong to no
toolkit indicator (police involvement and the cohort's size) form a named group of their
own, with its own definition (issue 23: never "indicator 0").

Values are stored with the toolkit's indicator number, and with 0 for the measures of no
indicator (kpi.models.IndicatorValue.indicator); this module is where 0 gets its name."""

from dataclasses import dataclass

# The stored indicator number of measures that belong to no toolkit indicator.
NO_TOOLKIT_INDICATOR = 0


@dataclass(frozen=True)
class MeasureGroup:
    """Measures outside the toolkit's 20 indicators: a stable `key` (the values API's
    `group`), a title, and what the measures count, citing the KPI specification."""

    key: str
    title: str
    definition: str
    citation: str


POLICE_AND_COHORT = MeasureGroup(
    key="police-and-cohort",
    title="Police involvement and cohort size",
    definition=(
        "Not one of the toolkit's 20 indicators. Police involvement of the people counted "
        "in the quarter: the times they were a victim of crime or an offender in the 12 "
        "months before Family Safeguarding began (fields I01, I02) and in the quarter since "
        "it began (I03, I04), summed; and `people`, the number of people counted in the "
        "cohort."
    ),
    citation="§6.15",
)

GROUPS_OUTSIDE_TOOLKIT: dict[int, MeasureGroup] = {NO_TOOLKIT_INDICATOR: POLICE_AND_COHORT}


def group_key(indicator: int) -> str:
    """The values API's `group` of a stored indicator number: `indicator-7`, or the
    named group's key."""
    if indicator in GROUPS_OUTSIDE_TOOLKIT:
        return GROUPS_OUTSIDE_TOOLKIT[indicator].key
    return f"indicator-{indicator}"


def toolkit_number(indicator: int) -> int | None:
    """The toolkit's indicator number, or None for a measure of no toolkit indicator."""
    return None if indicator in GROUPS_OUTSIDE_TOOLKIT else indicator

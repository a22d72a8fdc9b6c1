"""The columns of a cohort file, exactly as docs/kpi-specification.md §4.5 lists them.

The toolkit's field table (kpi/definitions.py) gives each column its code and name; this
module adds what the parser and validator need: how a header is recognised, what a cell
must hold, and who may have it.
"""

from dataclasses import dataclass
from typing import Any

from kpi.definitions import FIELDS


class Who:
    ALL = "all"
    CHILD = "child"
    ADULT = "adult"


class Kind:
    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"


CLOSURE_REASONS = ("Successful completion", "Dropped out", "Did not attend", "Transferred", "Other")
DA_OUTCOMES = ("Completed", "Not completed", "Ongoing")
CATEGORIES_OF_NEED = tuple(f"N{n}" for n in range(1, 10))


@dataclass(frozen=True)
class Column:
    code: str  # '' when the column is accepted by name only
    name: str
    attr: str
    who: str
    kind: str
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """How reports name the column: 'R11 Child Protection Plan Start Date'."""
        return f"{self.code} {self.name}" if self.code else self.name


# The toolkit's field table (kpi.definitions.FIELDS) is the one source of each column's
# code and name: a column names its field by key and says only what the parser needs.
_INPUT_FIELDS = {field.key: field for field in FIELDS if field.input_column}


def _column(key: str, attr: str, who: str, kind: str, **options: Any) -> Column:
    field = _INPUT_FIELDS[key]
    return Column(code=field.code, name=field.name, attr=attr, who=who, kind=kind, **options)


def _count(key: str, attr: str, who: str) -> Column:
    return _column(key, attr, who, Kind.INTEGER, minimum=0)


def _score(key: str, attr: str, maximum: int) -> Column:
    return _column(key, attr, Who.ADULT, Kind.INTEGER, minimum=0, maximum=maximum)


def _tops(first: int, attr: str, maximum: int) -> list[Column]:
    """A TOPS domain's initial, latest and end scores (I32–I46, three fields a domain)."""
    return [
        _score(f"I{first + i}", f"tops_{attr}_{stage}", maximum)
        for i, stage in enumerate(("initial", "latest", "end"))
    ]


def _scale(first: int, attr: str, maximum: int) -> list[Column]:
    """A mental-health scale's initial, interim and end scores (X02–X07)."""
    return [
        _score(f"X{first + i:02d}", f"{attr}_{stage}", maximum)
        for i, stage in enumerate(("initial", "interim", "end"))
    ]


COLUMNS: tuple[Column, ...] = (
    _column("R01", "family_key", Who.ALL, Kind.TEXT, required=True),
    _column("D01", "person_key", Who.ALL, Kind.TEXT, required=True),
    _column("D02", "sex", Who.ALL, Kind.TEXT),
    _column("D04", "age", Who.ALL, Kind.INTEGER, minimum=0, maximum=120),
    _column("D06", "ethnicity", Who.ALL, Kind.TEXT),
    _column("D07", "relationship", Who.ALL, Kind.TEXT),
    _column("R02", "referral_key", Who.CHILD, Kind.TEXT),
    _column("R03", "fs_start", Who.ALL, Kind.DATE, required=True),
    _column("TEAM", "fs_team", Who.ALL, Kind.TEXT),
    _column("R04", "fs_end", Who.ALL, Kind.DATE),
    _column("R05", "cohort_name", Who.ALL, Kind.TEXT),
    _column("R06", "referral_start", Who.CHILD, Kind.DATE),
    _column(
        "R07",
        "referral_category",
        Who.CHILD,
        Kind.CHOICE,
        choices=CATEGORIES_OF_NEED,
    ),
    _column("R08", "referral_end", Who.CHILD, Kind.DATE),
    _count("R09", "previous_referrals", Who.CHILD),
    _column("R10", "cp_plan_key", Who.CHILD, Kind.TEXT),
    _column("R11", "cp_plan_start", Who.CHILD, Kind.DATE),
    _column("R12", "cp_plan_end", Who.CHILD, Kind.DATE),
    _column(
        "R13",
        "previous_plan_key",
        Who.CHILD,
        Kind.TEXT,
    ),
    _column(
        "R14",
        "previous_plan_start",
        Who.CHILD,
        Kind.DATE,
    ),
    _column("R15", "previous_plan_end", Who.CHILD, Kind.DATE),
    _column("R16", "care_period_key", Who.CHILD, Kind.TEXT),
    _column("R17", "care_start", Who.CHILD, Kind.DATE),
    _column("R18", "care_end", Who.CHILD, Kind.DATE),
    _column("X01", "uasc", Who.CHILD, Kind.BOOLEAN),
    _count("I01", "victim_before", Who.ALL),
    _count("I02", "offender_before", Who.ALL),
    _count(
        "I03",
        "victim_in_quarter",
        Who.ALL,
    ),
    _count(
        "I04",
        "offender_in_quarter",
        Who.ALL,
    ),
    _count("I15", "sessions_unauthorised", Who.CHILD),
    _count("I16", "sessions_authorised", Who.CHILD),
    _count("I17", "sessions_possible", Who.CHILD),
    _column("I25", "treatment_start", Who.ADULT, Kind.DATE),
    _column("I26", "treatment_closed", Who.ADULT, Kind.DATE),
    _column(
        "I27",
        "treatment_closure_reason",
        Who.ADULT,
        Kind.CHOICE,
        choices=CLOSURE_REASONS,
    ),
    _column("I28", "representation_6m", Who.ADULT, Kind.BOOLEAN),
    _count("I29", "initial_assessments", Who.ADULT),
    _count(
        "I30",
        "assessments_no_engagement",
        Who.ADULT,
    ),
    _count(
        "I31",
        "treatments_non_engagement",
        Who.ADULT,
    ),
    *_tops(32, "substance", 28),
    *_tops(35, "psychological", 20),
    *_tops(38, "physical", 20),
    *_tops(41, "employment", 20),
    *_tops(44, "quality_of_life", 20),
    _column("I47", "da_start", Who.ADULT, Kind.DATE),
    _column("I48", "da_end", Who.ADULT, Kind.DATE),
    _column(
        "I49",
        "da_outcome",
        Who.ADULT,
        Kind.CHOICE,
        choices=DA_OUTCOMES,
    ),
    _column(
        "I66",
        "da_high_risk",
        Who.ADULT,
        Kind.BOOLEAN,
    ),
    *_scale(2, "depression", 27),
    *_scale(5, "anxiety", 21),
    _count("X08", "da_incidents_before", Who.ADULT),
    _count("X09", "da_incidents_since", Who.ADULT),
)

BY_ATTR: dict[str, Column] = {column.attr: column for column in COLUMNS}
REQUIRED: tuple[Column, ...] = tuple(column for column in COLUMNS if column.required)

# A person may have several rows, one per plan and/or period of care (docs/kpi-specification.md
# §4.4); these
# columns may differ between them, every other column must agree.
PER_ROW_ATTRS = frozenset(
    {"cp_plan_key", "cp_plan_start", "cp_plan_end", "care_period_key", "care_start", "care_end"}
)


def _normalise(header: str) -> str:
    return " ".join(header.split()).casefold()


# Headers by code or by name, case-insensitively and ignoring surrounding spaces. The team
# column has no code: 'R13' always means the previous plan key (docs/kpi-specification.md §9.1).
_HEADERS: dict[str, Column] = {}
for _known in COLUMNS:
    _HEADERS[_normalise(_known.name)] = _known
    if _known.code:
        _HEADERS[_normalise(_known.code)] = _known


def column_for_header(header: str) -> Column | None:
    return _HEADERS.get(_normalise(header))

"""The columns of a cohort file, exactly as docs/kpi-specification.md §4.5 lists them.

The toolkit's field texts live in kpi/definitions.py; this module is what the parser and
validator need: how a header is recognised, what a cell must hold, and who may have it.
"""

from dataclasses import dataclass


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


def _column(code, name, attr, who, kind, **options) -> Column:
    return Column(code=code, name=name, attr=attr, who=who, kind=kind, **options)


def _count(code, name, attr, who) -> Column:
    return _column(code, name, attr, who, Kind.INTEGER, minimum=0)


def _score(code, name, attr, maximum) -> Column:
    return _column(code, name, attr, Who.ADULT, Kind.INTEGER, minimum=0, maximum=maximum)


def _tops(first: int, domain: str, attr: str, maximum: int) -> list[Column]:
    return [
        _score(f"I{first + i}", f"{domain}: {stage} Score (TOPS)", f"tops_{attr}_{key}", maximum)
        for i, (stage, key) in enumerate(
            (("Initial", "initial"), ("Latest", "latest"), ("End", "end"))
        )
    ]


def _scale(first: int, measure: str, attr: str, maximum: int) -> list[Column]:
    return [
        _score(f"X{first + i:02d}", f"{measure} {stage} Score", f"{attr}_{stage.lower()}", maximum)
        for i, stage in enumerate(("Initial", "Interim", "End"))
    ]


COLUMNS: tuple[Column, ...] = (
    _column("R01", "Family Grouping Key", "family_key", Who.ALL, Kind.TEXT, required=True),
    _column("D01", "Person ID", "person_key", Who.ALL, Kind.TEXT, required=True),
    _column("D02", "Sex", "sex", Who.ALL, Kind.TEXT),
    _column("D04", "Age", "age", Who.ALL, Kind.INTEGER, minimum=0, maximum=120),
    _column("D06", "Ethnicity", "ethnicity", Who.ALL, Kind.TEXT),
    _column("D07", "Relationship Type", "relationship", Who.ALL, Kind.TEXT),
    _column("R02", "Referral Key", "referral_key", Who.CHILD, Kind.TEXT),
    _column(
        "R03", "First FS Case Worker Start Date", "fs_start", Who.ALL, Kind.DATE, required=True
    ),
    _column("", "Latest FS Case Worker Team", "fs_team", Who.ALL, Kind.TEXT),
    _column("R04", "Latest FS Case Worker End Date", "fs_end", Who.ALL, Kind.DATE),
    _column("R05", "Cohort", "cohort_name", Who.ALL, Kind.TEXT),
    _column("R06", "Referral Start Date", "referral_start", Who.CHILD, Kind.DATE),
    _column(
        "R07",
        "Referral Category of Need",
        "referral_category",
        Who.CHILD,
        Kind.CHOICE,
        choices=CATEGORIES_OF_NEED,
    ),
    _column("R08", "Referral End Date", "referral_end", Who.CHILD, Kind.DATE),
    _count("R09", "No. Previous Referrals", "previous_referrals", Who.CHILD),
    _column("R10", "Unique Child Protection Plan Key", "cp_plan_key", Who.CHILD, Kind.TEXT),
    _column("R11", "Child Protection Plan Start Date", "cp_plan_start", Who.CHILD, Kind.DATE),
    _column("R12", "Child Protection Plan End Date", "cp_plan_end", Who.CHILD, Kind.DATE),
    _column(
        "R13",
        "Unique Previous Child Protection Plan Key",
        "previous_plan_key",
        Who.CHILD,
        Kind.TEXT,
    ),
    _column(
        "R14",
        "Previous Child Protection Plan Start Date",
        "previous_plan_start",
        Who.CHILD,
        Kind.DATE,
    ),
    _column(
        "R15", "Previous Child Protection Plan End Date", "previous_plan_end", Who.CHILD, Kind.DATE
    ),
    _column("R16", "CLA PK", "care_period_key", Who.CHILD, Kind.TEXT),
    _column("R17", "CLA Start Date", "care_start", Who.CHILD, Kind.DATE),
    _column("R18", "CLA End Date", "care_end", Who.CHILD, Kind.DATE),
    _column("X01", "UASC", "uasc", Who.CHILD, Kind.BOOLEAN),
    _count("I01", "Number of Times Previously a victim", "victim_before", Who.ALL),
    _count("I02", "Number of Times Previously an Offender", "offender_before", Who.ALL),
    _count(
        "I03",
        "Number of Times a victim since FS intervention in Quarter",
        "victim_in_quarter",
        Who.ALL,
    ),
    _count(
        "I04",
        "Number of Times an Offender since FS intervention in Quarter",
        "offender_in_quarter",
        Who.ALL,
    ),
    _count("I15", "Count of Unauthorised Absence Sessions", "sessions_unauthorised", Who.CHILD),
    _count("I16", "Count of Authorised Absence Sessions", "sessions_authorised", Who.CHILD),
    _count("I17", "Count of Total Possible Sessions", "sessions_possible", Who.CHILD),
    _column("I25", "Structured treatment Start Date", "treatment_start", Who.ADULT, Kind.DATE),
    _column("I26", "Closure Date", "treatment_closed", Who.ADULT, Kind.DATE),
    _column(
        "I27",
        "Closure Reason",
        "treatment_closure_reason",
        Who.ADULT,
        Kind.CHOICE,
        choices=CLOSURE_REASONS,
    ),
    _column("I28", "Re-presentation within 6 months", "representation_6m", Who.ADULT, Kind.BOOLEAN),
    _count("I29", "Number of Initial Assessments", "initial_assessments", Who.ADULT),
    _count(
        "I30",
        "Number of Initial Assessments with no engagement",
        "assessments_no_engagement",
        Who.ADULT,
    ),
    _count(
        "I31",
        "Number of Treatment programs with non engagement",
        "treatments_non_engagement",
        Who.ADULT,
    ),
    *_tops(32, "Substance Misuse", "substance", 28),
    *_tops(35, "Psychological Wellbeing", "psychological", 20),
    *_tops(38, "Physical Health", "physical", 20),
    *_tops(41, "Employment", "employment", 20),
    *_tops(44, "Quality of Life", "quality_of_life", 20),
    _column("I47", "DA Intervention Programme Start Date", "da_start", Who.ADULT, Kind.DATE),
    _column("I48", "DA Intervention Programme End Date", "da_end", Who.ADULT, Kind.DATE),
    _column(
        "I49",
        "DA Intervention Programme Outcome",
        "da_outcome",
        Who.ADULT,
        Kind.CHOICE,
        choices=DA_OUTCOMES,
    ),
    _column(
        "I66",
        "DA 4 or more repeats in 12 months or cases going to MARAC",
        "da_high_risk",
        Who.ADULT,
        Kind.BOOLEAN,
    ),
    *_scale(2, "Depression", "depression", 27),
    *_scale(5, "Anxiety", "anxiety", 21),
    _count("X08", "DA Incidents 12 Months Before FS", "da_incidents_before", Who.ADULT),
    _count("X09", "DA Incidents Since FS", "da_incidents_since", Who.ADULT),
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

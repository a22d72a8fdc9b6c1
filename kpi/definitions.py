# ruff: noqa: E501 -- one field or indicator a line reads best in this data module
"""The Family Safeguarding KPI Definitions Toolkit as data.

Source: the "Family Safeguarding KPI Definitions Toolkit" appended to the SESLIP report
"Models of Social Work Practice" (2020): the cohort windows, indicators 1–20 and the field
appendix (R01–R18, D01–D07, I01–I68). Titles and field names are the toolkit's; the other
text is our own summary. Where the toolkit contradicts itself, the portal's KPI
specification decides (docs/kpi-specification.md §9):

- R13 names two fields. "Unique Previous Child Protection Plan Key" keeps R13; "Latest FS
  Case Worker Team" gets no code and is accepted in files by its name only.
- I66 names two fields. The flag "DA 4 or more repeats in 12 months or cases going to
  MARAC" keeps I66 as an input column; the count of individuals starting a DA programme is
  listed under the key I66-count, as a derived figure, never as an input column.
- The toolkit asks for UASC exclusion, mental-health scores and repeat DA incident counts
  without fields for them: X01–X09 are the portal's additions.
"""

from dataclasses import dataclass, field
from datetime import date

TOOLKIT = (
    "Family Safeguarding KPI Definitions Toolkit, appended to the SESLIP report "
    "Models of Social Work Practice (2020)"
)
# docs/kpi-specification.md, the portal's own specification, which pages and the API cite.
SPECIFICATION = "The portal's KPI specification (docs/kpi-specification.md)"


@dataclass(frozen=True)
class Citation:
    """A document by its title and a place in it, as the document numbers itself."""

    title: str
    locator: str
    # The document's key in the sources catalogue (sources/data/sources.toml).
    source: str = ""


# Where each indicator is specified: the toolkit's own heading, then the section of the
# portal's KPI specification that says how the portal works it out.
_TOOLKIT_HEADINGS = {8: "Indicators 8 & 9", 9: "Indicators 8 & 9"}
SPECIFICATION_SECTIONS: dict[int, str] = {
    1: "§6.2",
    2: "§6.3",
    3: "§6.4, §9.7",
    4: "§7",
    5: "§6.5, §7",
    6: "§6.6",
    7: "§6.7, §9.5",
    8: "§7",
    9: "§7",
    10: "§6.8, §9.9",
    11: "§6.9",
    12: "§6.10",
    13: "§6.10",
    14: "§7",
    15: "§6.11, §9.3",
    16: "§7",
    17: "§6.12, §9.3",
    18: "§6.13, §9.8",
    19: "§6.14, §9.2",
    20: "§7, §9.3",
}


def indicator_citations(number: int) -> tuple[Citation, ...]:
    """The toolkit's heading for the indicator and the portal's specification sections."""
    return (
        Citation(
            TOOLKIT,
            _TOOLKIT_HEADINGS.get(number, f"Indicator {number}"),
            "family-safeguarding-kpi-toolkit",
        ),
        Citation(SPECIFICATION, SPECIFICATION_SECTIONS[number], "portal-kpi-specification"),
    )


@dataclass(frozen=True)
class IndicatorSpec:
    number: int
    title: str
    evidences: str
    scope: str
    data_source: str
    method: str
    collection: str  # "records", "aggregate" or "both" (docs/kpi-specification.md §6 and §7)
    fields: tuple[str, ...] = field(default=())
    note: str = ""


@dataclass(frozen=True)
class FieldSpec:
    key: str  # unique; the toolkit code except where the toolkit repeats one
    code: str  # as printed in the toolkit ('' for the team field, see module docstring)
    name: str
    explanation: str
    toolkit_kind: str  # "Final", "Working", "Indicator" or "Added by the portal"
    input_column: bool  # accepted as a column of a cohort file (docs/kpi-specification.md §4.5)
    note: str = ""


@dataclass(frozen=True)
class CohortWindow:
    number: int
    start: date
    end: date

    @property
    def name(self) -> str:
        return f"Cohort {self.number}"


COHORT_WINDOWS: tuple[CohortWindow, ...] = (
    CohortWindow(1, date(2017, 10, 1), date(2017, 12, 31)),
    CohortWindow(2, date(2018, 1, 1), date(2018, 3, 31)),
    CohortWindow(3, date(2018, 10, 1), date(2018, 12, 31)),
    CohortWindow(4, date(2019, 1, 1), date(2019, 3, 31)),
    CohortWindow(5, date(2019, 10, 1), date(2019, 12, 31)),
    CohortWindow(6, date(2020, 1, 1), date(2020, 3, 31)),
)

# The practice model the toolkit measures, by its slug in models_registry/data/models.toml:
# an authority with an adoption of it uses Family Safeguarding.
FAMILY_SAFEGUARDING_MODEL = "family-safeguarding"

# The five South East authorities using Family Safeguarding: SESLIP report "Models of Social
# Work Practice" (2020), §1.2.1.
FAMILY_SAFEGUARDING_AUTHORITIES: tuple[str, ...] = (
    "bracknell-forest",
    "surrey",
    "west-berkshire",
    "oxfordshire",
    "portsmouth",
)

_CHILDRENS_SERVICES = "Children's services"
_SUBSTANCE_MISUSE_WORKERS = "Substance misuse workers or the partner organisation"
_WHOLE = "The whole authority, possibly leaving out disabled children open to CWD teams"
_SM_ADULTS = "Adults in the cohort with substance misuse needs"

INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        1,
        "Number of Child Protection (CP) Cases",
        "Fewer children at risk because family relationships improve, problems are resolved "
        "and families stay together.",
        _WHOLE,
        _CHILDRENS_SERVICES,
        "For the cohort, list every child protection plan active during the period. The plan "
        "start date shows whether the child was already on a plan when Family Safeguarding "
        "began or became subject to one afterwards.",
        "records",
        ("D01", "R10", "R11", "R12", "I08"),
    ),
    IndicatorSpec(
        2,
        "Average Length of CP Cases",
        "Working with families resolves concerns more quickly.",
        _WHOLE,
        _CHILDRENS_SERVICES,
        "For the plans found for indicator 1, the mean length in days, separately for plans "
        "that closed in the quarter and for plans still open at its end (counted up to the "
        "quarter end).",
        "records",
        ("D01", "R10", "R11", "R12", "I06"),
    ),
    IndicatorSpec(
        3,
        "Number of Repeat CP cases within 1 year and 2 years",
        "Concerns are resolved more quickly and stay resolved.",
        _WHOLE,
        _CHILDRENS_SERVICES,
        "Of the plans that started in the quarter, how many began within 12 months, and how "
        "many within 24 months, of the end of the child's latest previous plan (the national "
        "NI65 measure applied to Family Safeguarding teams).",
        "records",
        ("D01", "R10", "R11", "R13", "R15", "I20", "I21", "I22"),
    ),
    IndicatorSpec(
        4,
        "No. of care Proceedings and length of Care Proceedings",
        "Concerns are resolved more quickly and stay resolved.",
        "Not stated in the toolkit",
        "Legal team",
        "A local indicator for Bracknell Forest, outside the shared evaluation: the number of "
        "care proceedings and their mean length in weeks, returned as a figure per quarter.",
        "aggregate",
        note="Local to Bracknell Forest in the toolkit.",
    ),
    IndicatorSpec(
        5,
        "Number of CLA",
        "Fewer children at risk because family relationships improve, problems are resolved "
        "and families stay together.",
        _WHOLE,
        _CHILDRENS_SERVICES,
        "The number of children looked after at the start and at the end of the quarter, "
        "leaving out unaccompanied asylum-seeking children: for the whole authority as a "
        "returned figure, and for the cohort from the records.",
        "both",
        ("R16", "R17", "R18", "X01"),
    ),
    IndicatorSpec(
        6,
        "Length of time for CLA",
        "Children and young people spend less time in care.",
        "All children whose families have been through Family Safeguarding",
        _CHILDRENS_SERVICES,
        "For periods of care active at any point in the quarter, the days from the CLA start "
        "date to the CLA end date, or to the quarter end for periods still open; reported "
        "separately for closed and open periods.",
        "records",
        ("D01", "R16", "R17", "R18", "I23", "I24"),
    ),
    IndicatorSpec(
        7,
        "Educational Attendance",
        "Alongside the other measures, the work has a positive effect on children and parents.",
        "Children in each Family Safeguarding cohort",
        "The authority's education data",
        "For cohort children of compulsory school age (5 to 15), the unauthorised and "
        "authorised absence sessions against possible sessions, summed to cohort level and "
        "shown as percentages that can be set beside local, regional and national figures.",
        "records",
        ("I15", "I16", "I17", "I18", "I19"),
    ),
    IndicatorSpec(
        8,
        "Number of A&E Attendances (Separately for Children and Adults)",
        "Could show fewer domestic abuse incidents leading to A&E visits.",
        "Cohort adults and children",
        "Clinical commissioning groups or the local health trust",
        "Health partners could not share person-level data, so they return, per quarter, the "
        "percentage of cohort children and of cohort adults with an A&E attendance.",
        "aggregate",
    ),
    IndicatorSpec(
        9,
        "Number of emergency hospital admissions (Separately for Children and Adults)",
        "Could show fewer domestic abuse incidents leading to hospital admissions.",
        "Cohort adults and children",
        "Clinical commissioning groups or the local health trust",
        "As indicator 8, for emergency admissions: a percentage per quarter for cohort "
        "children and for cohort adults, returned by health partners.",
        "aggregate",
    ),
    IndicatorSpec(
        10,
        "Successful completion of treatment for substance misuse and no re-presentation "
        "within 6 months",
        "The project has a positive effect on substance misuse.",
        _SM_ADULTS,
        _SUBSTANCE_MISUSE_WORKERS,
        "The number of substance misuse treatment programmes completed successfully in the "
        "quarter and, of those, how many people did not come back into treatment within six "
        "months.",
        "records",
        ("I25", "I26", "I27", "I28"),
    ),
    IndicatorSpec(
        11,
        "Improvements in DNA rates for FS cohort alongside Number dropped out pre-engagement "
        "and number dropped out post engagement",
        "The new way of working improves engagement and wastes less service time.",
        _SM_ADULTS,
        _SUBSTANCE_MISUSE_WORKERS,
        "How many cohort adults were offered an assessment or treatment, how many dropped out "
        "before engaging (assessments with no engagement) and how many after (treatment "
        "closed because the person did not attend).",
        "records",
        ("I27", "I29", "I30", "I31"),
    ),
    IndicatorSpec(
        12,
        "Substance Misuse - Reduction in Substance Misuse (measure for cohort)",
        "The project has a positive effect on substance misuse.",
        _SM_ADULTS,
        _SUBSTANCE_MISUSE_WORKERS,
        "The change in the substance-use domain of the Treatment Outcomes Profile (TOPS) "
        "between the initial and the latest form.",
        "records",
        ("I32", "I33", "I34"),
    ),
    IndicatorSpec(
        13,
        "Substance Misuse – Improvements in Social functioning Indicators for individuals",
        "Less substance misuse and better psychological wellbeing, physical health, "
        "employment and overall quality of life, comparable with regional and national "
        "measures.",
        _SM_ADULTS,
        _SUBSTANCE_MISUSE_WORKERS,
        "For each TOPS social functioning domain, the change between the initial and the "
        "latest score of adults worked with by substance misuse workers.",
        "records",
        tuple(f"I{n}" for n in range(35, 47)),
    ),
    IndicatorSpec(
        14,
        "Social Workers, Substance Misuse, Mental Health and DA workers Caseloads per worker",
        "Workloads by type of work (assessment, one-to-one, group work), in numbers and time.",
        "All workers working with adult family members",
        "The authority's or partner organisation's records",
        "Caseloads and waiting lists for every worker in the Family Safeguarding teams; for "
        "internal review, outside the main evaluation.",
        "aggregate",
        note="Internal review only in the toolkit.",
    ),
    IndicatorSpec(
        15,
        "Mental Health Measures – Improvements in Depression and Anxiety Scores for Adults",
        "Embedded mental health workers improve the mental health of cohort adults.",
        "Adults working with mental health workers in Family Safeguarding",
        "NHS mental health trust or clinical psychologists",
        "Psychologists score depression and anxiety at the start, part way through and at the "
        "end of the intervention; the measure is the change from first to last score.",
        "records",
        ("X02", "X03", "X04", "X05", "X06", "X07"),
        note="The toolkit names no fields: the portal adds X02–X07 (PHQ-9 and GAD-7 scores).",
    ),
    IndicatorSpec(
        16,
        "Mental Health Measures – Reduction in Expert witness costs",
        "Embedded clinical psychologists write expert reports more efficiently, saving money.",
        "All Family Safeguarding cases that need expert witness reports",
        "Not stated in the toolkit",
        "The number of expert reports by team psychologists accepted as evidence in court, "
        "multiplied by the average cost of an external expert report (the cost of staff time "
        "may also need counting). Internal review only.",
        "aggregate",
        note="Internal review only in the toolkit.",
    ),
    IndicatorSpec(
        17,
        "No. of repeat Domestic Violence Incidents reported",
        "May show that families find it easier to report domestic abuse, and later that "
        "repeat incidents fall.",
        "All adults in the cohort",
        "Police",
        "For cohort adults being worked with, the number of repeat domestic abuse call-outs or "
        "incidents in the 12 months before Family Safeguarding started and since.",
        "records",
        ("X08", "X09"),
        note="The toolkit names no fields: the portal adds X08 and X09.",
    ),
    IndicatorSpec(
        18,
        "DA – successful completion rates of DA programs both victim and perpetrator",
        "Better engagement by the cohort.",
        "Adults working with domestic abuse workers in Family Safeguarding",
        "BeNCH, probation or domestic abuse workers",
        "How many cohort adults worked with by domestic abuse officers completed their "
        "intervention programme, as a number and a percentage.",
        "records",
        ("I47", "I48", "I49"),
    ),
    IndicatorSpec(
        19,
        "DA 4 or more repeats in 12 months or cases going to MARAC",
        "May show fewer repeat domestic abuse incidents.",
        "All adults in the cohort",
        "Police",
        "How many cohort adults had four or more repeat domestic abuse call-outs in 12 months "
        "or a case that went to MARAC, from police incident data.",
        "records",
        ("I66",),
    ),
    IndicatorSpec(
        20,
        "DA Improvements shown through LSIR",
        "Family Safeguarding improves outcomes for domestic abuse.",
        "Adults working with domestic abuse workers in Family Safeguarding",
        "Domestic abuse workers or the partner organisation",
        "Level of Service Inventory–Revised (LSIR) assessments of cohort adults worked with by "
        "domestic abuse officers: how many improved, of those assessed, returned per quarter.",
        "aggregate",
        note="The toolkit names no fields; KPI specification §7 makes it a returned figure.",
    ),
)


def _field(key, name, explanation, kind, *, code=None, input_column=True, note=""):
    return FieldSpec(
        key=key,
        code=key if code is None else code,
        name=name,
        explanation=explanation,
        toolkit_kind=kind,
        input_column=input_column,
        note=note,
    )


_CHILD_ONLY = " Filled for children only."
_PREVIOUS = " The latest plan that ended before Family Safeguarding began, possibly from an earlier referral."
_TOPS = "Score on the {which} Treatment Outcomes Profile (TOPS) form for {domain}."
_INDIVIDUALS = "How many people in the family group {what}."

FIELDS: tuple[FieldSpec, ...] = (
    _field(
        "R01",
        "Family Grouping Key",
        "Identifies the family; used to add figures up by family.",
        "Final",
    ),
    _field(
        "R02",
        "Referral Key",
        "Identifies the referral. Only children have one, which is what makes a person a child.",
        "Final",
    ),
    _field("D01", "Person ID", "Identifies the person.", "Final"),
    _field("D02", "Sex", "The person's sex.", "Final"),
    _field(
        "D04",
        "Age",
        "Age in years, ideally at the Family Safeguarding start date; it also tells adults from children at a glance.",
        "Working",
    ),
    _field("D06", "Ethnicity", "The person's ethnicity.", "Final"),
    _field(
        "D07",
        "Relationship Type",
        "The person's role in the family. It need not be exact (a family may have several fathers over time); children can be marked as an active or closed case.",
        "Final",
    ),
    _field(
        "R03",
        "First FS Case Worker Start Date",
        "Effectively the Family Safeguarding start date, on which most calculations rest.",
        "Final",
    ),
    _field(
        "TEAM",
        "Latest FS Case Worker Team",
        "The team the case sits with now, or sat with last, for breakdowns by team.",
        "Final",
        code="",
        note="The toolkit prints code R13 for this field and for the previous plan key; the portal accepts this one by its name only (KPI specification §9.1).",
    ),
    _field(
        "R04",
        "Latest FS Case Worker End Date",
        "Effectively the Family Safeguarding end date: empty while the family is still open to Family Safeguarding. Must not be after the referral end date.",
        "Final",
    ),
    _field(
        "R05",
        "Cohort",
        "The cohort the case belongs to, a grouping kept for ease of analysis.",
        "Working",
    ),
    _field("R06", "Referral Start Date", "When the referral started." + _CHILD_ONLY, "Final"),
    _field(
        "R07",
        "Referral Category of Need",
        "The referral's category of need (N1–N9 as in the children in need census)." + _CHILD_ONLY,
        "Final",
    ),
    _field("R08", "Referral End Date", "When the referral ended." + _CHILD_ONLY, "Final"),
    _field(
        "R09",
        "No. Previous Referrals",
        "How many referrals the child has had in their life before this one." + _CHILD_ONLY,
        "Final",
    ),
    _field(
        "R10",
        "Unique Child Protection Plan Key",
        "Identifies the child protection plan." + _CHILD_ONLY,
        "Final",
    ),
    _field(
        "R11",
        "Child Protection Plan Start Date",
        "When the child protection plan started." + _CHILD_ONLY,
        "Final",
    ),
    _field(
        "R12",
        "Child Protection Plan End Date",
        "When the child protection plan ended." + _CHILD_ONLY,
        "Final",
    ),
    _field(
        "R13",
        "Unique Previous Child Protection Plan Key",
        "Identifies the child's previous plan." + _PREVIOUS + _CHILD_ONLY,
        "Final",
        note="Keeps code R13 (KPI specification §9.1).",
    ),
    _field(
        "R14",
        "Previous Child Protection Plan Start Date",
        "When the previous plan started." + _PREVIOUS + _CHILD_ONLY,
        "Final",
    ),
    _field(
        "R15",
        "Previous Child Protection Plan End Date",
        "When the previous plan ended." + _PREVIOUS + _CHILD_ONLY,
        "Final",
    ),
    _field("R16", "CLA PK", "Identifies the period of care." + _CHILD_ONLY, "Final"),
    _field("R17", "CLA Start Date", "When the period of care started." + _CHILD_ONLY, "Final"),
    _field("R18", "CLA End Date", "When the period of care ended." + _CHILD_ONLY, "Final"),
    _field(
        "I01",
        "Number of Times Previously a victim",
        "How often the person was the victim of a crime in the 12 months before Family Safeguarding.",
        "Indicator",
    ),
    _field(
        "I02",
        "Number of Times Previously an Offender",
        "How often the person committed a crime in the 12 months before Family Safeguarding.",
        "Indicator",
    ),
    _field(
        "I03",
        "Number of Times a victim since FS intervention in Quarter",
        "How often the person was the victim of a crime in the quarter since Family Safeguarding began, up to its end if it has ended.",
        "Indicator",
    ),
    _field(
        "I04",
        "Number of Times an Offender since FS intervention in Quarter",
        "How often the person committed a crime in the quarter since Family Safeguarding began, up to its end if it has ended.",
        "Indicator",
    ),
    _field(
        "I05",
        "Duration of Child Protection Plans Prior to FS Intervention",
        "Total days of the child's plans that ended before Family Safeguarding.",
        "Indicator",
        input_column=False,
    ),
    _field(
        "I06",
        "Duration of Child Protection Plans during FS Intervention",
        "Total days of the child's plans active in the quarter since Family Safeguarding began.",
        "Indicator",
        input_column=False,
    ),
    _field(
        "I07",
        "Count of Child Protection Plans prior to FS Intervention",
        "How many of the child's plans ended before Family Safeguarding.",
        "Indicator",
        input_column=False,
    ),
    _field(
        "I08",
        "Count of Child Protection Plans during FS Intervention",
        "How many plans the child had during Family Safeguarding.",
        "Indicator",
        input_column=False,
        note="The toolkit repeats I07's explanation here; the portal reads it as plans during the intervention, as the name says.",
    ),
    _field(
        "I15",
        "Count of Unauthorised Absence Sessions",
        "Unauthorised absence sessions in the period, summed over every school the child attended.",
        "Indicator",
    ),
    _field(
        "I16",
        "Count of Authorised Absence Sessions",
        "Authorised absence sessions in the period, summed over every school the child attended.",
        "Indicator",
    ),
    _field(
        "I17",
        "Count of Total Possible Sessions",
        "Possible sessions in the period, summed over every school the child attended.",
        "Indicator",
    ),
    _field(
        "I18", "% of Sessions unauthorised", "I15 divided by I17.", "Indicator", input_column=False
    ),
    _field(
        "I19", "% of Sessions authorised", "I16 divided by I17.", "Indicator", input_column=False
    ),
    _field(
        "I20",
        "Duration (Days) between last previous CP plan and New CP Plan",
        "Days from the end of the latest previous plan to the start of the new one.",
        "Indicator",
        input_column=False,
    ),
    _field(
        "I21",
        "Is Duration since previous CPP within 12 months?",
        "Whether I20 is under 365 days; blank without a previous plan or a plan since Family Safeguarding.",
        "Indicator",
        input_column=False,
    ),
    _field(
        "I22",
        "Is Duration since previous CPP within 24 months?",
        "Whether I20 is under 730 days; blank without a previous plan or a plan since Family Safeguarding.",
        "Indicator",
        input_column=False,
    ),
    _field(
        "I23",
        "Duration of Periods of Care open at Quarter end",
        "Total days of the child's periods of care still open at the quarter end, since Family Safeguarding.",
        "Indicator",
        input_column=False,
    ),
    _field(
        "I24",
        "Duration of Periods of Care closed during Quarter",
        "Total days of the child's periods of care that closed in the quarter, since Family Safeguarding.",
        "Indicator",
        input_column=False,
    ),
    _field(
        "I25",
        "Structured treatment Start Date",
        "When structured substance misuse treatment started.",
        "Indicator",
    ),
    _field("I26", "Closure Date", "When the structured treatment closed.", "Indicator"),
    _field("I27", "Closure Reason", "Why the structured treatment closed.", "Indicator"),
    _field(
        "I28",
        "Re-presentation within 6 months",
        "Yes or no: did the person come back into treatment within six months of closure.",
        "Indicator",
    ),
    _field(
        "I29",
        "Number of Initial Assessments",
        "Initial assessments by the substance misuse partner.",
        "Indicator",
    ),
    _field(
        "I30",
        "Number of Initial Assessments with no engagement",
        "Initial assessments by the substance misuse partner that ended without engagement.",
        "Indicator",
    ),
    _field(
        "I31",
        "Number of Treatment programs with non engagement",
        "Treatment programmes that ended without engagement.",
        "Indicator",
    ),
    _field(
        "I32",
        "Substance Misuse: Initial Score (TOPS)",
        _TOPS.format(which="initial", domain="substance misuse")
        + " Days used in the past 28: lower is better.",
        "Indicator",
    ),
    _field(
        "I33",
        "Substance Misuse: Latest Score (TOPS)",
        _TOPS.format(which="latest", domain="substance misuse"),
        "Indicator",
    ),
    _field(
        "I34",
        "Substance Misuse: End Score (TOPS)",
        _TOPS.format(which="end", domain="substance misuse"),
        "Indicator",
    ),
    _field(
        "I35",
        "Psychological Wellbeing: Initial Score (TOPS)",
        _TOPS.format(which="initial", domain="psychological wellbeing") + " Higher is better.",
        "Indicator",
    ),
    _field(
        "I36",
        "Psychological Wellbeing: Latest Score (TOPS)",
        _TOPS.format(which="latest", domain="psychological wellbeing"),
        "Indicator",
    ),
    _field(
        "I37",
        "Psychological Wellbeing: End Score (TOPS)",
        _TOPS.format(which="end", domain="psychological wellbeing"),
        "Indicator",
    ),
    _field(
        "I38",
        "Physical Health: Initial Score (TOPS)",
        _TOPS.format(which="initial", domain="physical health") + " Higher is better.",
        "Indicator",
    ),
    _field(
        "I39",
        "Physical Health: Latest Score (TOPS)",
        _TOPS.format(which="latest", domain="physical health"),
        "Indicator",
    ),
    _field(
        "I40",
        "Physical Health: End Score (TOPS)",
        _TOPS.format(which="end", domain="physical health"),
        "Indicator",
    ),
    _field(
        "I41",
        "Employment: Initial Score (TOPS)",
        _TOPS.format(which="initial", domain="employment") + " Higher is better.",
        "Indicator",
    ),
    _field(
        "I42",
        "Employment: Latest Score (TOPS)",
        _TOPS.format(which="latest", domain="employment"),
        "Indicator",
    ),
    _field(
        "I43",
        "Employment: End Score (TOPS)",
        _TOPS.format(which="end", domain="employment"),
        "Indicator",
    ),
    _field(
        "I44",
        "Quality of Life: Initial Score (TOPS)",
        _TOPS.format(which="initial", domain="quality of life") + " Higher is better.",
        "Indicator",
    ),
    _field(
        "I45",
        "Quality of Life: Latest Score (TOPS)",
        _TOPS.format(which="latest", domain="quality of life"),
        "Indicator",
    ),
    _field(
        "I46",
        "Quality of Life: End Score (TOPS)",
        _TOPS.format(which="end", domain="quality of life"),
        "Indicator",
    ),
    _field(
        "I47",
        "DA Intervention Programme Start Date",
        "When the domestic abuse intervention programme started.",
        "Indicator",
    ),
    _field(
        "I48",
        "DA Intervention Programme End Date",
        "When the domestic abuse intervention programme ended.",
        "Indicator",
    ),
    _field(
        "I49",
        "DA Intervention Programme Outcome",
        "How the domestic abuse intervention programme ended.",
        "Indicator",
    ),
    _field(
        "I50",
        "Number of Individuals starting structured treatment",
        _INDIVIDUALS.format(what="started structured treatment in the quarter"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I51",
        "Number of Individuals Ending the Structured treatment within the quarter",
        _INDIVIDUALS.format(what="had structured treatment closed in the quarter"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I52",
        "Number of Treatments Successful",
        _INDIVIDUALS.format(what="completed treatment successfully"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I53",
        "No of individuals Re-presenting within 6 months",
        _INDIVIDUALS.format(what="came back into treatment within six months"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I54",
        "Number of Individuals with Initial Assessments",
        _INDIVIDUALS.format(what="had an initial assessment"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I55",
        "Number of Individuals with Initial Assessments with no engagement",
        _INDIVIDUALS.format(what="had an initial assessment that ended without engagement"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I56",
        "Number of Individuals improved in Substance Misuse",
        _INDIVIDUALS.format(
            what="improved on the substance misuse TOPS score from initial to latest form"
        ),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I57",
        "Number of Individuals declined in Substance Misuse",
        _INDIVIDUALS.format(
            what="declined on the substance misuse TOPS score from initial to latest form"
        ),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I58",
        "Number of Individuals improved in Psychological Wellbeing",
        _INDIVIDUALS.format(what="improved on the psychological wellbeing TOPS score"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I59",
        "Number of Individuals declined in Psychological Wellbeing",
        _INDIVIDUALS.format(what="declined on the psychological wellbeing TOPS score"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I60",
        "Number of Individuals improved in Physical Health",
        _INDIVIDUALS.format(what="improved on the physical health TOPS score"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I61",
        "Number of Individuals decline in Physical Health",
        _INDIVIDUALS.format(what="declined on the physical health TOPS score"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I62",
        "Number of Individuals improved in Employment",
        _INDIVIDUALS.format(what="improved on the employment TOPS score"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I63",
        "Number of Individuals declined in Employment",
        _INDIVIDUALS.format(what="declined on the employment TOPS score"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I64",
        "Number of Individuals improved in Quality of Life",
        _INDIVIDUALS.format(what="improved on the quality of life TOPS score"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I65",
        "Number of Individuals declined in Quality of Life",
        _INDIVIDUALS.format(what="declined on the quality of life TOPS score"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I66",
        "DA 4 or more repeats in 12 months or cases going to MARAC",
        "Yes or no: was the person involved in four or more repeat domestic abuse incidents in the previous 12 months, or referred to MARAC.",
        "Indicator",
        note="Keeps code I66 as an input column (KPI specification §9.2).",
    ),
    _field(
        "I66-count",
        "Count of Individuals starting a DA Intervention Programme in quarter",
        _INDIVIDUALS.format(what="started a domestic abuse intervention programme in the quarter"),
        "Indicator",
        code="I66",
        input_column=False,
        note="The toolkit prints I66 twice; this derived count is never read from files.",
    ),
    _field(
        "I67",
        "Count of Individuals ending a DA Intervention Programme in quarter",
        _INDIVIDUALS.format(what="ended a domestic abuse intervention programme in the quarter"),
        "Indicator",
        input_column=False,
    ),
    _field(
        "I68",
        "count of Individual with DA 4 or more repeats in 12 months or cases going to MARAC",
        _INDIVIDUALS.format(
            what="had four or more repeat domestic abuse incidents in 12 months or went to MARAC"
        ),
        "Indicator",
        input_column=False,
    ),
    _field(
        "X01",
        "UASC",
        "Yes for an unaccompanied asylum-seeking child; empty means no. The toolkit leaves these children out of the CLA indicators but has no field to mark them.",
        "Added by the portal",
    ),
    _field(
        "X02",
        "Depression Initial Score",
        "PHQ-9 depression score (0–27, lower is better) at the start of the mental health intervention.",
        "Added by the portal",
    ),
    _field(
        "X03",
        "Depression Interim Score",
        "PHQ-9 depression score part way through the intervention.",
        "Added by the portal",
    ),
    _field(
        "X04",
        "Depression End Score",
        "PHQ-9 depression score at the end of the intervention.",
        "Added by the portal",
    ),
    _field(
        "X05",
        "Anxiety Initial Score",
        "GAD-7 anxiety score (0–21, lower is better) at the start of the mental health intervention.",
        "Added by the portal",
    ),
    _field(
        "X06",
        "Anxiety Interim Score",
        "GAD-7 anxiety score part way through the intervention.",
        "Added by the portal",
    ),
    _field(
        "X07",
        "Anxiety End Score",
        "GAD-7 anxiety score at the end of the intervention.",
        "Added by the portal",
    ),
    _field(
        "X08",
        "DA Incidents 12 Months Before FS",
        "Domestic abuse incidents involving the adult in the 12 months before Family Safeguarding.",
        "Added by the portal",
    ),
    _field(
        "X09",
        "DA Incidents Since FS",
        "Domestic abuse incidents involving the adult since Family Safeguarding began, up to the quarter end.",
        "Added by the portal",
    ),
)

_FIELDS_BY_KEY = {field.key: field for field in FIELDS}


def field_label(key: str) -> str:
    """How reports and the record models name a field of the table: its code and name
    ('R11 Child Protection Plan Start Date'), or its name alone when it has no code."""
    field = _FIELDS_BY_KEY[key]
    return f"{field.code} {field.name}" if field.code else field.name

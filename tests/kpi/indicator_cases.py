"""Small hand-made KPI cases whose answers are worked out by hand (kpi-spec §3).

Each case is a quarter, the authority's cohort windows, the file's rows and the expected
values. The same cases check the plain reference implementation and the database one.
The arithmetic behind every expected number is written next to it.
"""

from dataclasses import dataclass, field
from datetime import date

COHORTS = [
    ("Cohort 1", date(2017, 10, 1), date(2017, 12, 31)),
    ("Cohort 2", date(2018, 1, 1), date(2018, 3, 31)),
]
QS, QE = date(2018, 1, 1), date(2018, 3, 31)  # 2018-Q1


def row(family: str, person: str, fs_start: date, *, child: bool, **fields) -> dict:
    base = {
        "R01": family,
        "D01": person,
        "R03": fs_start,
        "R02": f"REF-{person}" if child else None,
    }
    base.update(fields)
    return base


@dataclass
class Case:
    name: str
    rows: list[dict]
    expected: dict[tuple[str, str], tuple] = field(default_factory=dict)
    """{(cohort, measure): (value, numerator, denominator, people)}"""


F1_START = date(2017, 11, 1)  # family F1: Cohort 1
F2_START = date(2018, 3, 1)  # family F2: Cohort 2 (its earliest member)

CHILD_PROTECTION = Case(
    name="child protection plans: same-day plans, plans ending on qs, open plans, repeats",
    rows=[
        # Child A: previous plan ended 1 Mar 2017.
        # P1 started before FS and ended on qs: active, at FS start, closed in Q, 78 days.
        row(
            "F1",
            "A",
            F1_START,
            child=True,
            D04=4,
            R10="P1",
            R11=date(2017, 10, 15),
            R12=date(2018, 1, 1),
            R15=date(2017, 3, 1),
        ),
        # P2 starts and ends the same day in Q: 0 days; new; 346 days after R15 (<365).
        row(
            "F1",
            "A",
            F1_START,
            child=True,
            D04=4,
            R10="P2",
            R11=date(2018, 2, 10),
            R12=date(2018, 2, 10),
            R15=date(2017, 3, 1),
        ),
        # P3 starts on qe and is open: open at qe, qe - R11 = 0; new; 395 days (<730 only).
        row(
            "F1",
            "A",
            F1_START,
            child=True,
            D04=4,
            R10="P3",
            R11=date(2018, 3, 31),
            R15=date(2017, 3, 1),
        ),
        # Child B: P4 ended the day before B's FS start: not since FS, never counted.
        row(
            "F1",
            "B",
            F1_START,
            child=True,
            D04=5,
            R10="P4",
            R11=date(2017, 6, 1),
            R12=date(2017, 10, 31),
        ),
        # P5 overlaps FS but ended before qs: since FS, not active in Q.
        row(
            "F1",
            "B",
            F1_START,
            child=True,
            D04=5,
            R10="P5",
            R11=date(2017, 9, 1),
            R12=date(2017, 12, 31),
        ),
        # Child K: open plan P7 starts exactly 365 days after K's previous plan ended:
        # not a repeat within 12 months (< 365), a repeat within 24. Open at qe: 75 days.
        row(
            "F1",
            "K",
            F1_START,
            child=True,
            D04=8,
            R10="P7",
            R11=date(2018, 1, 15),
            R15=date(2017, 1, 15),
        ),
        # Child L: open plan P8 starts exactly 730 days after L's previous plan ended
        # (2 Feb 2016, across 29 Feb 2016): not a repeat within 24 months. Open: 58 days.
        row(
            "F1",
            "L",
            F1_START,
            child=True,
            D04=8,
            R10="P8",
            R11=date(2018, 2, 1),
            R15=date(2016, 2, 2),
        ),
        # F2's adult sets F2's cohort (Cohort 2); child C joins after qe: not counted yet.
        row("F2", "O", F2_START, child=False),
        row("F2", "C", date(2018, 4, 15), child=True, D04=7, R10="P6", R11=date(2018, 1, 5)),
    ],
    expected={
        ("all", "cp_plans_active"): (5, 5, None, 3),  # P1, P2, P3 (A), P7 (K), P8 (L)
        ("all", "cp_plans_at_fs_start"): (1, 1, None, 1),  # P1 (A): R11 <= R03
        ("all", "cp_plans_after_fs_start"): (4, 4, None, 3),  # P2, P3 (A), P7 (K), P8 (L)
        ("all", "children_with_cp_plan"): (3, 3, None, 3),  # A, K, L
        ("all", "cp_closed_mean_days"): (39.0, 78, 2, 1),  # (78 + 0) / 2, both child A
        ("all", "cp_open_mean_days"): (133 / 3, 133, 3, 3),  # P3 0 + P7 75 + P8 58
        ("all", "cp_new_in_quarter"): (4, 4, None, 3),  # P2, P3, P7, P8
        ("all", "cp_repeat_12m"): (1, 1, None, 1),  # P2: 346 days; P7's 365 is not < 365
        ("all", "cp_repeat_24m"): (3, 3, None, 2),  # P2 346, P3 395, P7 365; P8's 730 is not
        ("Cohort 1", "cp_plans_active"): (5, 5, None, 3),
        ("Cohort 2", "cp_plans_active"): (0, 0, None, 0),  # C is not counted before Q2
        ("Cohort 2", "cp_closed_mean_days"): (None, 0, 0, 0),
        ("all", "people"): (5, 5, None, 5),  # A, B, K, L, O (C joins after qe)
        ("Cohort 2", "people"): (1, 1, None, 1),  # O
    },
)

LOOKED_AFTER_AND_ATTENDANCE = Case(
    name="children looked after (UASC excluded, periods ending on qe) and attendance ages",
    rows=[
        # B (age 5): in care since 1 Dec 2017, still open: in care on qs and qe;
        # open at qe for 30 + 31 + 28 + 31 = 120 days. 11 of 100 sessions missed: persistent.
        row(
            "F1",
            "B",
            F1_START,
            child=True,
            D04=5,
            R16="CLA1",
            R17=date(2017, 12, 1),
            I15=5,
            I16=6,
            I17=100,
        ),
        # D (age 15): period ends on qe: in care on qs and on qe, closed during Q,
        # 15 Nov 2017 to 31 Mar 2018 = 136 days. Exactly 10% absent: persistent.
        row(
            "F1",
            "D",
            F1_START,
            child=True,
            D04=15,
            R16="CLA2",
            R17=date(2017, 11, 15),
            R18=date(2018, 3, 31),
            I15=0,
            I16=10,
            I17=100,
        ),
        # G is an unaccompanied asylum-seeking child: excluded from CLA measures.
        row(
            "F1",
            "G",
            F1_START,
            child=True,
            D04=16,
            X01=True,
            R16="CLA3",
            R17=date(2018, 1, 10),
            I15=50,
            I16=0,
            I17=100,
        ),
        # A (age 4) and H (no possible sessions) are outside the attendance measure.
        row("F1", "A", F1_START, child=True, D04=4, I15=10, I16=10, I17=100),
        row("F1", "H", F1_START, child=True, D04=9, I15=0, I16=0, I17=0),
    ],
    expected={
        ("all", "cla_at_start"): (2, 2, None, 2),  # B, D
        ("all", "cla_at_end"): (2, 2, None, 2),  # B, D (D's end = qe counts)
        ("all", "cla_closed_mean_days"): (136.0, 136, 1, 1),
        ("all", "cla_open_mean_days"): (120.0, 120, 1, 1),
        ("all", "sessions_possible"): (200, 200, None, 2),  # B and D only
        ("all", "sessions_unauthorised"): (5, 5, None, 1),  # B's 5; D missed none
        ("all", "sessions_authorised"): (16, 16, None, 2),
        ("all", "pct_unauthorised"): (2.5, 5, 200, 2),
        ("all", "pct_authorised"): (8.0, 16, 200, 2),
        ("all", "persistently_absent"): (2, 2, None, 2),
    },
)

TREATMENT = Case(
    name="substance misuse treatment: quarter bounds, six calendar months, I28 unknown",
    rows=[
        # M: started and completed in Q; 20 Mar + 6 months is after qe: not yet known.
        row(
            "F1",
            "M",
            F1_START,
            child=False,
            I25=date(2018, 1, 15),
            I26=date(2018, 3, 20),
            I27="Successful completion",
            I28=False,
        ),
        # N: 31 Aug 2017 + 6 calendar months = 28 Feb 2018 <= qe: known, no re-presentation.
        row(
            "F1",
            "N",
            F1_START,
            child=False,
            I25=date(2017, 5, 1),
            I26=date(2017, 8, 31),
            I27="Successful completion",
            I28=False,
            I29=3,
            I30=1,
        ),
        # O: 30 Sep 2017 + 6 months = 30 Mar 2018 <= qe: known, re-presented.
        row(
            "F2",
            "O",
            F2_START,
            child=False,
            I26=date(2017, 9, 30),
            I27="Successful completion",
            I28=True,
            I29=2,
            I30=0,
            I31=1,
        ),
        # P: ended in Q, did not attend.
        row(
            "F2",
            "P",
            F2_START,
            child=False,
            I25=date(2017, 12, 1),
            I26=date(2018, 2, 1),
            I27="Did not attend",
        ),
        # Q: completed long ago, re-presentation unknown: in neither count.
        row("F2", "Q", F2_START, child=False, I26=date(2017, 9, 1), I27="Successful completion"),
    ],
    expected={
        ("all", "treatments_started"): (1, 1, None, 1),  # M
        ("all", "treatments_ended"): (2, 2, None, 2),  # M, P
        ("all", "treatments_successful"): (1, 1, None, 1),  # M
        ("all", "ended_did_not_attend"): (1, 1, None, 1),  # P
        ("all", "representation_known"): (2, 2, None, 2),  # N, O
        ("all", "no_representation_6m"): (1, 1, 2, 2),  # N of N, O
        ("all", "initial_assessments"): (5, 5, None, 2),  # N 3 + O 2
        ("all", "assessments_no_engagement"): (1, 1, None, 1),  # N's 1; O's 0
        ("all", "treatments_non_engagement"): (1, 1, None, 1),
        ("Cohort 1", "treatments_ended"): (1, 1, None, 1),  # M
        ("Cohort 2", "representation_known"): (1, 1, None, 1),  # O
    },
)

SCORES_AND_ABUSE = Case(
    name="TOPS directions, mental health, domestic abuse programmes and police counts",
    rows=[
        # R: substance use down 20 -> 10 (better), wellbeing 10 -> 10 (neither), physical
        # health 10 -> 14 (better), employment 5 -> 3 (worse), quality of life 12 -> 12.
        # Depression 20 -> 10 improved; anxiety 10 -> 12 not improved.
        row(
            "F1",
            "R",
            F1_START,
            child=False,
            I32=20,
            I33=10,
            I35=10,
            I36=10,
            I38=10,
            I39=14,
            I41=5,
            I42=3,
            I44=12,
            I45=12,
            X02=20,
            X04=10,
            X05=10,
            X07=12,
            X08=4,
            X09=1,
            I47=date(2017, 12, 1),
            I48=date(2018, 2, 1),
            I49="Completed",
            I66=True,
            I01=2,
            I02=1,
            I03=1,
            I04=0,
        ),
        # S: substance use up 5 -> 8 (worse), wellbeing 8 -> 12 (better), physical health
        # 15 -> 15 (neither), quality of life 8 -> 10 (better); depression has
        # no end score (not assessed). DA programme ended before qs, not completed.
        row(
            "F1",
            "S",
            F1_START,
            child=False,
            I32=5,
            I33=8,
            I35=8,
            I36=12,
            I38=15,
            I39=15,
            I44=8,
            I45=10,
            X02=15,
            X08=2,
            I47=date(2017, 11, 1),
            I48=date(2017, 12, 20),
            I49="Not completed",
            I66=False,
            I01=0,
            I02=3,
        ),
        # T: starts a programme in Q, still ongoing.
        row("F1", "T", F1_START, child=False, I47=date(2018, 3, 1), I49="Ongoing"),
        # A child's police counts count too.
        row("F1", "A", F1_START, child=True, D04=12, I01=1, I03=2),
    ],
    expected={
        ("all", "tops_substance_misuse_improved"): (1, 1, None, 1),  # R
        ("all", "tops_substance_misuse_declined"): (1, 1, None, 1),  # S
        ("all", "tops_substance_misuse_assessed"): (2, 2, None, 2),
        ("all", "tops_psychological_wellbeing_improved"): (1, 1, None, 1),  # S
        ("all", "tops_psychological_wellbeing_declined"): (0, 0, None, 0),
        ("all", "tops_psychological_wellbeing_assessed"): (2, 2, None, 2),
        ("all", "tops_physical_health_improved"): (1, 1, None, 1),  # R
        ("all", "tops_physical_health_declined"): (0, 0, None, 0),
        ("all", "tops_physical_health_assessed"): (2, 2, None, 2),
        ("all", "tops_employment_improved"): (0, 0, None, 0),
        ("all", "tops_employment_declined"): (1, 1, None, 1),  # R
        ("all", "tops_employment_assessed"): (1, 1, None, 1),  # S has no employment scores
        ("all", "tops_quality_of_life_improved"): (1, 1, None, 1),  # S
        ("all", "tops_quality_of_life_declined"): (0, 0, None, 0),  # R unchanged
        ("all", "tops_quality_of_life_assessed"): (2, 2, None, 2),
        ("all", "depression_improved"): (1, 1, None, 1),
        ("all", "depression_assessed"): (1, 1, None, 1),  # S has no end score
        ("all", "depression_initial_mean"): (20.0, 20, 1, 1),
        ("all", "depression_end_mean"): (10.0, 10, 1, 1),
        ("all", "anxiety_improved"): (0, 0, None, 0),
        ("all", "anxiety_assessed"): (1, 1, None, 1),
        ("all", "anxiety_initial_mean"): (10.0, 10, 1, 1),  # R only
        ("all", "anxiety_end_mean"): (12.0, 12, 1, 1),
        ("all", "da_incidents_before"): (6, 6, None, 2),  # R 4 + S 2
        ("all", "da_incidents_since"): (1, 1, None, 1),  # R's 1; S has none
        ("all", "da_adults"): (2, 2, None, 2),
        ("all", "da_started"): (1, 1, None, 1),  # T
        ("all", "da_ended"): (1, 1, None, 1),  # R
        ("all", "da_completed"): (1, 1, None, 1),  # R
        ("all", "da_completion_rate"): (50.0, 1, 2, 2),  # R completed of R, S ended by qe
        ("all", "da_high_risk_adults"): (1, 1, None, 1),  # R
        # A sum rests on the people who contributed to it, not on everyone counted.
        ("all", "victim_before"): (3, 3, None, 2),  # R 2 + A 1
        ("all", "offender_before"): (4, 4, None, 2),  # R 1 + S 3
        ("all", "victim_in_quarter"): (3, 3, None, 2),  # R 1 + A 2
        ("all", "offender_in_quarter"): (0, 0, None, 0),
    },
)

CASES = [CHILD_PROTECTION, LOOKED_AFTER_AND_ATTENDANCE, TREATMENT, SCORES_AND_ABUSE]

"""A deliberately plain reference implementation of kpi-spec §3, for property tests.

It works on the file's own rows (dicts keyed by field code, values already parsed into
Python types: dates, ints, bools, strings or None) and loops over them in the most
obvious way. The portal's real implementation computes in the database; the property
test feeds both the same generated rows and asserts the same numbers. Keep this file
boring: no cleverness, no shared code with kpi/.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

ALL_COHORTS = "all"

TOPS_DOMAINS = {
    # domain: (initial code, latest code, lower is better)
    "substance_misuse": ("I32", "I33", True),
    "psychological_wellbeing": ("I35", "I36", False),
    "physical_health": ("I38", "I39", False),
    "employment": ("I41", "I42", False),
    "quality_of_life": ("I44", "I45", False),
}


@dataclass(frozen=True)
class Value:
    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None
    people: int


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def count(n: int, people: int) -> Value:
    return Value(n, n, None, people)


def total(n: int, people: int) -> Value:
    return Value(n, n, None, people)


def mean(numbers: list[int], people: int) -> Value:
    if not numbers:
        return Value(None, 0, 0, people)
    return Value(sum(numbers) / len(numbers), sum(numbers), len(numbers), people)


def percentage(numerator: int, denominator: int, people: int) -> Value:
    if denominator == 0:
        return Value(None, numerator, denominator, people)
    return Value(100 * numerator / denominator, numerator, denominator, people)


def cohort_of(fs_start: date, cohorts: list[tuple[str, date, date]]) -> str | None:
    for name, first_day, last_day in cohorts:
        if first_day <= fs_start <= last_day:
            return name
    return None


def people_from_rows(rows: list[dict]) -> dict[str, dict]:
    """One entry per person: their attributes, plans and periods."""
    people: dict[str, dict] = {}
    for row in rows:
        person = people.setdefault(
            row["D01"], {"row": row, "plans": {}, "periods": {}, "family": row["R01"]}
        )
        if row.get("R10"):
            person["plans"][row["R10"]] = (row["R11"], row.get("R12"))
        if row.get("R16"):
            person["periods"][row["R16"]] = (row["R17"], row.get("R18"))
    return people


def compute(
    rows: list[dict], qs: date, qe: date, cohorts: list[tuple[str, date, date]]
) -> dict[tuple[str, str], Value]:
    """Every §3 measure for each cohort and for all cohorts: {(cohort, measure): Value}."""
    people = people_from_rows(rows)
    family_start: dict[str, date] = {}
    for person in people.values():
        start = person["row"]["R03"]
        family = person["family"]
        if family not in family_start or start < family_start[family]:
            family_start[family] = start
    results: dict[tuple[str, str], Value] = {}
    names = [name for name, _, _ in cohorts] + [ALL_COHORTS]
    for name in names:
        members = []
        for person in people.values():
            if person["row"]["R03"] > qe:
                continue
            family_cohort = cohort_of(family_start[person["family"]], cohorts)
            if name == ALL_COHORTS or family_cohort == name:
                members.append(person)
        for measure, value in measures(members, qs, qe).items():
            results[(name, measure)] = value
    return results


def is_child(person: dict) -> bool:
    return bool(person["row"].get("R02"))


def since_fs(end: date | None, fs_start: date) -> bool:
    return end is None or end >= fs_start


def measures(members: list[dict], qs: date, qe: date) -> dict[str, Value]:
    out: dict[str, Value] = {}
    children = [p for p in members if is_child(p)]
    adults = [p for p in members if not is_child(p)]

    # KPI 1, 2, 3: child protection plans since FS intervention.
    active = at_start = after_start = 0
    children_active, children_at_start, children_after_start = set(), set(), set()
    closed_days, open_days = [], []
    closed_children, open_children = set(), set()
    new_plans = repeat_12 = repeat_24 = 0
    new_children, repeat_12_children, repeat_24_children = set(), set(), set()
    for child in children:
        fs_start = child["row"]["R03"]
        previous_end = child["row"].get("R15")
        for start, end in child["plans"].values():
            if not since_fs(end, fs_start):
                continue
            if start <= qe and (end is None or end >= qs):
                active += 1
                children_active.add(child["row"]["D01"])
                if start <= fs_start:
                    at_start += 1
                    children_at_start.add(child["row"]["D01"])
                else:
                    after_start += 1
                    children_after_start.add(child["row"]["D01"])
            if end is not None and qs <= end <= qe:
                closed_days.append((end - start).days)
                closed_children.add(child["row"]["D01"])
            if start <= qe and (end is None or end > qe):
                open_days.append((qe - start).days)
                open_children.add(child["row"]["D01"])
            if qs <= start <= qe:
                new_plans += 1
                new_children.add(child["row"]["D01"])
                if previous_end is not None and (start - previous_end).days < 365:
                    repeat_12 += 1
                    repeat_12_children.add(child["row"]["D01"])
                if previous_end is not None and (start - previous_end).days < 730:
                    repeat_24 += 1
                    repeat_24_children.add(child["row"]["D01"])
    out["cp_plans_active"] = count(active, len(children_active))
    out["cp_plans_at_fs_start"] = count(at_start, len(children_at_start))
    out["cp_plans_after_fs_start"] = count(after_start, len(children_after_start))
    out["children_with_cp_plan"] = count(len(children_active), len(children_active))
    out["cp_closed_mean_days"] = mean(closed_days, len(closed_children))
    out["cp_open_mean_days"] = mean(open_days, len(open_children))
    out["cp_new_in_quarter"] = count(new_plans, len(new_children))
    out["cp_repeat_12m"] = count(repeat_12, len(repeat_12_children))
    out["cp_repeat_24m"] = count(repeat_24, len(repeat_24_children))

    # KPI 5, 6: children looked after, UASC excluded, since FS intervention.
    in_care_start, in_care_end = set(), set()
    cla_closed, cla_open = [], []
    cla_closed_children, cla_open_children = set(), set()
    for child in children:
        if child["row"].get("X01"):
            continue
        fs_start = child["row"]["R03"]
        for start, end in child["periods"].values():
            if not since_fs(end, fs_start):
                continue
            if start <= qs and (end is None or end >= qs):
                in_care_start.add(child["row"]["D01"])
            if start <= qe and (end is None or end >= qe):
                in_care_end.add(child["row"]["D01"])
            if end is not None and qs <= end <= qe:
                cla_closed.append((end - start).days)
                cla_closed_children.add(child["row"]["D01"])
            if start <= qe and (end is None or end > qe):
                cla_open.append((qe - start).days)
                cla_open_children.add(child["row"]["D01"])
    out["cla_at_start"] = count(len(in_care_start), len(in_care_start))
    out["cla_at_end"] = count(len(in_care_end), len(in_care_end))
    out["cla_closed_mean_days"] = mean(cla_closed, len(cla_closed_children))
    out["cla_open_mean_days"] = mean(cla_open, len(cla_open_children))

    # KPI 7: educational attendance, children aged 5 to 15 with possible sessions.
    pupils = [
        c
        for c in children
        if c["row"].get("D04") is not None
        and 5 <= c["row"]["D04"] <= 15
        and (c["row"].get("I17") or 0) > 0
    ]
    possible = sum(c["row"]["I17"] for c in pupils)
    unauthorised = sum(c["row"].get("I15") or 0 for c in pupils)
    authorised = sum(c["row"].get("I16") or 0 for c in pupils)
    persistent = 0
    for c in pupils:
        absent = (c["row"].get("I15") or 0) + (c["row"].get("I16") or 0)
        if absent / c["row"]["I17"] >= 0.10:
            persistent += 1
    out["sessions_possible"] = total(possible, len(pupils))
    out["sessions_unauthorised"] = total(unauthorised, len(pupils))
    out["sessions_authorised"] = total(authorised, len(pupils))
    out["pct_unauthorised"] = percentage(unauthorised, possible, len(pupils))
    out["pct_authorised"] = percentage(authorised, possible, len(pupils))
    out["persistently_absent"] = count(persistent, persistent)

    # KPI 10, 11: substance misuse treatment and engagement (adults).
    six_month_cutoff_ok = [
        a
        for a in adults
        if a["row"].get("I26") is not None
        and a["row"].get("I27") == "Successful completion"
        and add_months(a["row"]["I26"], 6) <= qe
    ]
    started = [a for a in adults if a["row"].get("I25") and qs <= a["row"]["I25"] <= qe]
    ended = [a for a in adults if a["row"].get("I26") and qs <= a["row"]["I26"] <= qe]
    successful = [a for a in ended if a["row"].get("I27") == "Successful completion"]
    did_not_attend = [a for a in ended if a["row"].get("I27") == "Did not attend"]
    known = [a for a in six_month_cutoff_ok if a["row"].get("I28") is not None]
    no_representation = [a for a in known if a["row"]["I28"] is False]
    out["treatments_started"] = count(len(started), len(started))
    out["treatments_ended"] = count(len(ended), len(ended))
    out["treatments_successful"] = count(len(successful), len(successful))
    out["no_representation_6m"] = Value(
        len(no_representation), len(no_representation), len(known), len(known)
    )
    out["representation_known"] = count(len(known), len(known))
    for measure, code in (
        ("initial_assessments", "I29"),
        ("assessments_no_engagement", "I30"),
        ("treatments_non_engagement", "I31"),
    ):
        reporting = [a for a in adults if a["row"].get(code) is not None]
        out[measure] = total(sum(a["row"][code] for a in reporting), len(reporting))
    out["ended_did_not_attend"] = count(len(did_not_attend), len(did_not_attend))

    # KPI 12, 13: TOPS change per domain (adults with initial and latest scores).
    for domain, (initial_code, latest_code, lower_is_better) in TOPS_DOMAINS.items():
        assessed = [
            a
            for a in adults
            if a["row"].get(initial_code) is not None and a["row"].get(latest_code) is not None
        ]
        improved = declined = 0
        for a in assessed:
            initial, latest = a["row"][initial_code], a["row"][latest_code]
            better = latest < initial if lower_is_better else latest > initial
            worse = latest > initial if lower_is_better else latest < initial
            improved += better
            declined += worse
        out[f"tops_{domain}_improved"] = count(improved, improved)
        out[f"tops_{domain}_declined"] = count(declined, declined)
        out[f"tops_{domain}_assessed"] = count(len(assessed), len(assessed))

    # KPI 15: depression (PHQ-9) and anxiety (GAD-7), adults with initial and end scores.
    for name, initial_code, end_code in (("depression", "X02", "X04"), ("anxiety", "X05", "X07")):
        assessed = [
            a
            for a in adults
            if a["row"].get(initial_code) is not None and a["row"].get(end_code) is not None
        ]
        improved = [a for a in assessed if a["row"][end_code] < a["row"][initial_code]]
        out[f"{name}_improved"] = count(len(improved), len(improved))
        out[f"{name}_assessed"] = count(len(assessed), len(assessed))
        out[f"{name}_initial_mean"] = mean(
            [a["row"][initial_code] for a in assessed], len(assessed)
        )
        out[f"{name}_end_mean"] = mean([a["row"][end_code] for a in assessed], len(assessed))

    # KPI 17: repeat domestic abuse incidents (adults with X08 or X09).
    reporting = [
        a for a in adults if a["row"].get("X08") is not None or a["row"].get("X09") is not None
    ]
    out["da_incidents_before"] = total(
        sum(a["row"].get("X08") or 0 for a in reporting), len(reporting)
    )
    out["da_incidents_since"] = total(
        sum(a["row"].get("X09") or 0 for a in reporting), len(reporting)
    )
    out["da_adults"] = count(len(reporting), len(reporting))

    # KPI 18: DA programmes (adults with I47).
    on_programme = [a for a in adults if a["row"].get("I47") is not None]
    da_started = [a for a in on_programme if qs <= a["row"]["I47"] <= qe]
    da_ended = [a for a in on_programme if a["row"].get("I48") and qs <= a["row"]["I48"] <= qe]
    da_completed = [a for a in da_ended if a["row"].get("I49") == "Completed"]
    ended_by_qe = [a for a in on_programme if a["row"].get("I48") and a["row"]["I48"] <= qe]
    completed_by_qe = [a for a in ended_by_qe if a["row"].get("I49") == "Completed"]
    out["da_started"] = count(len(da_started), len(da_started))
    out["da_ended"] = count(len(da_ended), len(da_ended))
    out["da_completed"] = count(len(da_completed), len(da_completed))
    out["da_completion_rate"] = percentage(len(completed_by_qe), len(ended_by_qe), len(ended_by_qe))

    # KPI 19: DA four or more repeats in 12 months, or MARAC.
    high_risk = [a for a in adults if a["row"].get("I66") is True]
    out["da_high_risk_adults"] = count(len(high_risk), len(high_risk))

    # Police involvement (everyone in the cohort).
    for measure, code in (
        ("victim_before", "I01"),
        ("offender_before", "I02"),
        ("victim_in_quarter", "I03"),
        ("offender_in_quarter", "I04"),
    ):
        out[measure] = total(sum(p["row"].get(code) or 0 for p in members), len(members))
    out["people"] = count(len(members), len(members))
    return out

"""A deliberately plain reference implementation of docs/kpi-specification.md §6, for
property tests.

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


def total(numbers: list[int]) -> Value:
    """A sum rests on the people who contributed something to it."""
    return Value(sum(numbers), sum(numbers), None, sum(1 for n in numbers if n > 0))


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
    out["sessions_possible"] = total([c["row"]["I17"] for c in pupils])
    out["sessions_unauthorised"] = total([c["row"].get("I15") or 0 for c in pupils])
    out["sessions_authorised"] = total([c["row"].get("I16") or 0 for c in pupils])
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
        out[measure] = total([a["row"].get(code) or 0 for a in adults])
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
    out["da_incidents_before"] = total([a["row"].get("X08") or 0 for a in reporting])
    out["da_incidents_since"] = total([a["row"].get("X09") or 0 for a in reporting])
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
        out[measure] = total([p["row"].get(code) or 0 for p in members])
    out["people"] = count(len(members), len(members))
    return out


# --- Quantities for disclosure control ---------------------------------------------------
#
# Every whole number behind the measures, and every difference of them that counts
# something (adults assessed but neither better nor worse, ...), each with the number of
# distinct people who contribute to it: for a count of people the count itself, for a
# count of plans or periods the children who have them, for a sum the people who added
# more than nothing.


def compute_amounts(
    rows: list[dict], qs: date, qe: date, cohorts: list[tuple[str, date, date]]
) -> dict[tuple[str, str], tuple[int, int]]:
    """{(cohort, quantity): (value, people)} for each cohort and for all cohorts."""
    people = people_from_rows(rows)
    family_start: dict[str, date] = {}
    for person in people.values():
        family = person["family"]
        start = person["row"]["R03"]
        if family not in family_start or start < family_start[family]:
            family_start[family] = start
    out = {}
    for name in [name for name, _, _ in cohorts] + [ALL_COHORTS]:
        members = [
            person
            for person in people.values()
            if person["row"]["R03"] <= qe
            and (name == ALL_COHORTS or cohort_of(family_start[person["family"]], cohorts) == name)
        ]
        for quantity, amount in amounts(members, qs, qe).items():
            out[(name, quantity)] = amount
    return out


def tally(items: list[tuple[str, int]]) -> tuple[int, int]:
    """(person, amount) pairs: the total, and the people whose amounts add up to more than
    nothing."""
    by_person: dict[str, int] = {}
    for person, amount in items:
        by_person[person] = by_person.get(person, 0) + amount
    return sum(by_person.values()), sum(1 for amount in by_person.values() if amount != 0)


def amounts(members: list[dict], qs: date, qe: date) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    children = [p for p in members if is_child(p)]
    adults = [p for p in members if not is_child(p)]

    def plan_counts(prefix: str, people: list[dict], key: str, tests: dict) -> None:
        found = {name: [] for name in tests}
        for person in people:
            fs_start = person["row"]["R03"]
            for start, end in person[key].values():
                if not since_fs(end, fs_start):
                    continue
                for name, test in tests.items():
                    if test(person, start, end):
                        found[name].append(person["row"]["D01"])
        for name, owners in found.items():
            out[f"{prefix}{name}"] = (len(owners), len(set(owners)))

    def repeat_within(person: dict, start: date, days: int) -> bool:
        previous_end = person["row"].get("R15")
        return previous_end is not None and (start - previous_end).days < days

    def active(p, s, e):
        return s <= qe and (e is None or e >= qs)

    def new(p, s, e):
        return qs <= s <= qe

    def closed(p, s, e):
        return e is not None and qs <= e <= qe

    def still_open(p, s, e):
        return s <= qe and (e is None or e > qe)

    plan_counts(
        "cp_",
        children,
        "plans",
        {
            "plans_active": active,
            "plans_at_fs_start": lambda p, s, e: active(p, s, e) and s <= p["row"]["R03"],
            "plans_after_fs_start": lambda p, s, e: active(p, s, e) and s > p["row"]["R03"],
            "plans_from_before": lambda p, s, e: active(p, s, e) and s < qs,
            "closed_plans": closed,
            "open_plans": still_open,
            "new_in_quarter": new,
            "repeat_12m": lambda p, s, e: new(p, s, e) and repeat_within(p, s, 365),
            "repeat_24m": lambda p, s, e: new(p, s, e) and repeat_within(p, s, 730),
            "new_not_repeat": lambda p, s, e: new(p, s, e) and not repeat_within(p, s, 730),
            "repeat_12_to_24m": lambda p, s, e: (
                new(p, s, e) and repeat_within(p, s, 730) and not repeat_within(p, s, 365)
            ),
        },
    )
    with_plan = set()
    closed_days, open_days = [], []
    for child in children:
        for start, end in child["plans"].values():
            if not since_fs(end, child["row"]["R03"]):
                continue
            if active(child, start, end):
                with_plan.add(child["row"]["D01"])
            if closed(child, start, end):
                closed_days.append((child["row"]["D01"], (end - start).days))
            if still_open(child, start, end):
                open_days.append((child["row"]["D01"], (qe - start).days))
    out["children_with_cp_plan"] = (len(with_plan), len(with_plan))
    out["cp_closed_days"] = tally(closed_days)
    out["cp_open_days"] = tally(open_days)

    in_care = [c for c in children if not c["row"].get("X01")]
    plan_counts(
        "cla_",
        in_care,
        "periods",
        {"closed_periods": closed, "open_periods": still_open},
    )
    on_qs, on_qe = set(), set()
    cla_closed, cla_open = [], []
    for child in in_care:
        for start, end in child["periods"].values():
            if not since_fs(end, child["row"]["R03"]):
                continue
            if start <= qs and (end is None or end >= qs):
                on_qs.add(child["row"]["D01"])
            if start <= qe and (end is None or end >= qe):
                on_qe.add(child["row"]["D01"])
            if closed(child, start, end):
                cla_closed.append((child["row"]["D01"], (end - start).days))
            if still_open(child, start, end):
                cla_open.append((child["row"]["D01"], (qe - start).days))
    out["cla_at_start"] = (len(on_qs), len(on_qs))
    out["cla_at_end"] = (len(on_qe), len(on_qe))
    out["cla_closed_days"] = tally(cla_closed)
    out["cla_open_days"] = tally(cla_open)

    pupils = [
        c
        for c in children
        if c["row"].get("D04") is not None
        and 5 <= c["row"]["D04"] <= 15
        and (c["row"].get("I17") or 0) > 0
    ]

    def pupil_sum(amount) -> tuple[int, int]:
        return tally([(c["row"]["D01"], amount(c["row"])) for c in pupils])

    out["sessions_possible"] = pupil_sum(lambda r: r["I17"])
    out["sessions_unauthorised"] = pupil_sum(lambda r: r.get("I15") or 0)
    out["sessions_authorised"] = pupil_sum(lambda r: r.get("I16") or 0)
    out["sessions_not_absent"] = pupil_sum(
        lambda r: r["I17"] - (r.get("I15") or 0) - (r.get("I16") or 0)
    )
    persistent = [
        c
        for c in pupils
        if 10 * ((c["row"].get("I15") or 0) + (c["row"].get("I16") or 0)) >= c["row"]["I17"]
    ]
    out["persistently_absent"] = (len(persistent), len(persistent))

    def adults_where(test) -> tuple[int, int]:
        n = sum(1 for a in adults if test(a["row"]))
        return n, n

    def in_quarter(day: date | None) -> bool:
        return day is not None and qs <= day <= qe

    out["treatments_started"] = adults_where(lambda r: in_quarter(r.get("I25")))
    out["treatments_ended"] = adults_where(lambda r: in_quarter(r.get("I26")))
    out["treatments_successful"] = adults_where(
        lambda r: in_quarter(r.get("I26")) and r.get("I27") == "Successful completion"
    )
    out["ended_did_not_attend"] = adults_where(
        lambda r: in_quarter(r.get("I26")) and r.get("I27") == "Did not attend"
    )
    out["treatments_ended_otherwise"] = adults_where(
        lambda r: (
            in_quarter(r.get("I26"))
            and r.get("I27") not in ("Successful completion", "Did not attend")
        )
    )

    def known(r: dict) -> bool:
        return (
            r.get("I26") is not None
            and r.get("I27") == "Successful completion"
            and add_months(r["I26"], 6) <= qe
            and r.get("I28") is not None
        )

    out["representation_known"] = adults_where(known)
    out["no_representation_6m"] = adults_where(lambda r: known(r) and r["I28"] is False)
    out["representation_6m"] = adults_where(lambda r: known(r) and r["I28"] is True)

    def adult_sum(amount) -> tuple[int, int]:
        return tally([(a["row"]["D01"], amount(a["row"])) for a in adults])

    out["initial_assessments"] = adult_sum(lambda r: r.get("I29") or 0)
    out["assessments_no_engagement"] = adult_sum(lambda r: r.get("I30") or 0)
    out["treatments_non_engagement"] = adult_sum(lambda r: r.get("I31") or 0)
    out["assessments_engaged"] = adult_sum(lambda r: (r.get("I29") or 0) - (r.get("I30") or 0))

    for domain, (initial_code, latest_code, lower_is_better) in TOPS_DOMAINS.items():
        counts = {"assessed": 0, "improved": 0, "declined": 0, "unchanged": 0}
        for a in adults:
            initial, latest = a["row"].get(initial_code), a["row"].get(latest_code)
            if initial is None or latest is None:
                continue
            counts["assessed"] += 1
            if latest == initial:
                counts["unchanged"] += 1
            elif (latest < initial) == lower_is_better:
                counts["improved"] += 1
            else:
                counts["declined"] += 1
        for outcome, n in counts.items():
            out[f"tops_{domain}_{outcome}"] = (n, n)

    for name, initial_code, end_code in (("depression", "X02", "X04"), ("anxiety", "X05", "X07")):
        assessed = [
            a
            for a in adults
            if a["row"].get(initial_code) is not None and a["row"].get(end_code) is not None
        ]
        improved = sum(1 for a in assessed if a["row"][end_code] < a["row"][initial_code])
        out[f"{name}_assessed"] = (len(assessed), len(assessed))
        out[f"{name}_improved"] = (improved, improved)
        out[f"{name}_not_improved"] = (len(assessed) - improved, len(assessed) - improved)
        out[f"{name}_initial_total"] = tally(
            [(a["row"]["D01"], a["row"][initial_code]) for a in assessed]
        )
        out[f"{name}_end_total"] = tally([(a["row"]["D01"], a["row"][end_code]) for a in assessed])

    out["da_incidents_before"] = adult_sum(lambda r: r.get("X08") or 0)
    out["da_incidents_since"] = adult_sum(lambda r: r.get("X09") or 0)
    out["da_adults"] = adults_where(lambda r: r.get("X08") is not None or r.get("X09") is not None)

    def programme(test) -> tuple[int, int]:
        return adults_where(lambda r: r.get("I47") is not None and test(r))

    def done(r: dict) -> bool:
        return r.get("I49") == "Completed"

    def ended_in_q(r: dict) -> bool:
        return in_quarter(r.get("I48"))

    def ended_by_qe(r: dict) -> bool:
        return r.get("I48") is not None and r["I48"] <= qe

    def ended_before(r: dict) -> bool:
        return r.get("I48") is not None and r["I48"] < qs

    out["da_started"] = programme(lambda r: in_quarter(r["I47"]))
    out["da_ended"] = programme(ended_in_q)
    out["da_completed"] = programme(lambda r: ended_in_q(r) and done(r))
    out["da_ended_not_completed"] = programme(lambda r: ended_in_q(r) and not done(r))
    out["da_ended_by_qe"] = programme(ended_by_qe)
    out["da_completed_by_qe"] = programme(lambda r: ended_by_qe(r) and done(r))
    out["da_not_completed_by_qe"] = programme(lambda r: ended_by_qe(r) and not done(r))
    out["da_ended_before_quarter"] = programme(ended_before)
    out["da_completed_before_quarter"] = programme(lambda r: ended_before(r) and done(r))
    out["da_high_risk_adults"] = adults_where(lambda r: r.get("I66") is True)

    for measure, code in (
        ("victim_before", "I01"),
        ("offender_before", "I02"),
        ("victim_in_quarter", "I03"),
        ("offender_in_quarter", "I04"),
    ):
        out[measure] = tally([(p["row"]["D01"], p["row"].get(code) or 0) for p in members])
    out["people"] = (len(members), len(members))
    return out

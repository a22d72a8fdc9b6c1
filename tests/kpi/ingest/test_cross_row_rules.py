"""The rules that span rows (kpi-spec §1, §2), which the import applies in the database
over its staging table: hand-made cases, then random files against a plain reference that
walks the rows one by one, as a reader of the spec would."""

import csv
import io
import itertools
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.models import CPPlan, Family, PeriodOfCare, Person

HEADER = ["R01", "D01", "R02", "R03", "D02", "R05", "R10", "R11", "R12", "R16", "R17", "R18"]
# The toolkit's cohort windows, as the fs_bracknell fixture configures them.
WINDOWS = (
    ("Cohort 1", 1, date(2017, 10, 1), date(2017, 12, 31)),
    ("Cohort 2", 2, date(2018, 1, 1), date(2018, 3, 31)),
    ("Cohort 3", 3, date(2018, 10, 1), date(2018, 12, 31)),
)
LABEL = {
    "D01": "D01 Person ID",
    "R03": "R03 First FS Case Worker Start Date",
    "R05": "R05 Cohort",
    "R10": "R10 Unique Child Protection Plan Key",
    "R16": "R16 CLA PK",
}
PER_ROW = {"R10", "R11", "R12", "R16", "R17", "R18"}


def csv_bytes(rows: list[dict], team: str = "") -> bytes:
    """The file; `team` (one for every row, so people still agree) makes it unique."""
    out = io.StringIO()
    writer = csv.DictWriter(out, [*HEADER, "Latest FS Case Worker Team"], lineterminator="\n")
    writer.writeheader()
    writer.writerows({**cells, "Latest FS Case Worker Team": team} for cells in rows)
    return out.getvalue().encode()


def found_in_detail(report) -> list[tuple]:
    """Each error with the earlier row (or the cohort) its message names."""
    details = []
    for e in report.errors:
        named = re.search(r"on row (\d+)|their row (\d+)|puts it in (.+)\.$", e.message)
        detail = next((group for group in named.groups() if group), None) if named else None
        details.append((e.row, e.column, e.value, detail))
    return details


def row(family, person, fs_start, *, child=True, **cells) -> dict:
    base = dict.fromkeys(HEADER, "")
    base.update(R01=family, D01=person, R03=fs_start, R02=f"REF-{person}" if child else "")
    base.update(cells)
    return base


def found(report) -> list[tuple]:
    return [(e.row, e.column, e.value) for e in report.errors]


def test_a_person_may_come_back_later_in_the_file(upload):
    rows = [
        row("F1", "P1", "02/11/2017", R10="CP1", R11="01/10/2017"),
        row("F2", "P2", "15/01/2018", child=False),
        row("F1", "P1", "02/11/2017", R10="CP2", R11="01/11/2017", R12="01/12/2017"),
        row("F1", "P1", "02/11/2017", R10="CP1", R11="01/10/2017", R16="C1", R17="01/12/2017"),
    ]
    report = upload(csv_bytes(rows))

    assert report.outcome == "accepted", report.errors
    person = Person.objects.get(first_row=2)
    assert sorted(person.cp_plans.values_list("start", flat=True)) == [
        date(2017, 10, 1),
        date(2017, 11, 1),
    ]
    assert person.care_periods.get().start == date(2017, 12, 1)
    submission = report.submission
    assert (submission.person_count, submission.family_count) == (2, 2)
    assert (submission.cp_plan_count, submission.care_period_count) == (2, 1)


def test_a_period_of_care_repeated_with_other_dates_is_an_error(upload):
    rows = [
        row("F1", "P1", "02/11/2017", R16="C1", R17="01/12/2017"),
        row("F1", "P1", "02/11/2017", R16="C1", R17="01/12/2017", R18="05/12/2017"),
    ]
    report = upload(csv_bytes(rows))

    assert found(report) == [(3, LABEL["R16"], "C1")]
    assert "on row 2 with different dates" in report.errors[0].message


def test_a_blank_and_a_value_differ(upload):
    """NULL is a value like any other when a person's rows are compared."""
    rows = [row("F1", "P1", "02/11/2017", D02=""), row("F1", "P1", "02/11/2017", D02="Male")]

    assert found(upload(csv_bytes(rows))) == [(3, LABEL["D01"], "P1")]


def test_a_disagreeing_row_says_nothing_more(upload):
    """A row whose person's details differ is reported once; its plan is not compared."""
    rows = [
        row("F1", "P1", "02/11/2017", D02="Female", R10="CP1", R11="01/10/2017"),
        row("F1", "P1", "02/11/2017", D02="Male", R10="CP1", R11="05/10/2017"),
    ]

    assert found(upload(csv_bytes(rows))) == [(3, LABEL["D01"], "P1")]


def test_a_rejected_file_still_says_what_it_held(upload):
    rows = [
        row("F1", "P1", "02/11/2017", R10="CP1", R11="01/10/2017"),
        row("F1", "P1", "02/11/2017", R10="CP1", R11="05/10/2017"),
        row("F1", "P2", "02/11/2017", child=False),
        row("F2", "P3", "15/01/2018"),
    ]
    report = upload(csv_bytes(rows))

    assert report.outcome == "rejected"
    submission = report.submission
    counts = (submission.row_count, submission.family_count, submission.person_count)
    assert counts == (4, 2, 3)
    assert (submission.child_count, submission.adult_count) == (2, 1)
    assert (submission.cp_plan_count, Person.objects.count()) == (0, 0)


def test_a_family_takes_its_cohort_from_its_earliest_member(upload):
    rows = [
        row("F1", "P1", "15/01/2018", R05="cohort 1"),
        row("F1", "P2", "02/11/2017", child=False, R05="1"),
    ]
    report = upload(csv_bytes(rows))

    assert report.outcome == "accepted", report.errors
    family = Family.objects.get()
    assert (family.fs_start, family.cohort.name) == (date(2017, 11, 2), "Cohort 1")


def test_every_cross_row_error_is_counted_and_the_first_thousand_kept(upload):
    rows = []
    for n in range(1010):
        rows.append(row("F1", f"P{n}", "02/11/2017", D02="Female"))
        rows.append(row("F1", f"P{n}", "02/11/2017", D02="Male"))
    report = upload(csv_bytes(rows))

    assert report.error_count == 1010
    assert len(report.errors) == 1000
    assert [e.row for e in report.errors] == list(range(3, 2002, 2))


# --- Random files against a reference that reads them row by row -----------------------

DATES = ("15/09/2017", "02/11/2017", "2017-12-01", "15/01/2018", "2018-02-01")
PLAN_STARTS = ("01/10/2017", "2017-11-01")
ENDS = ("", "01/12/2017", "2018-01-15")


def _day(text: str) -> date:
    if "/" in text:
        d, m, y = text.split("/")
        return date(int(y), int(m), int(d))
    return date.fromisoformat(text)


@st.composite
def details(draw) -> dict:
    """A person's details: what all their rows must repeat."""
    return {
        "R01": draw(st.sampled_from(("F1", "F2"))),
        "R03": draw(st.sampled_from(DATES)),
        "child": draw(st.booleans()),
        "D02": draw(st.sampled_from(("", "Female", "Male"))),
        "R05": draw(st.sampled_from(("", "", "Cohort 1", "cohort 2", "2", "Cohort 3"))),
    }


@st.composite
def files(draw) -> list[dict]:
    """Rows of up to four people, each row now and then changing one of its person's
    details, with plans and periods of care drawn from few keys and dates, so that
    repeats with the same or other dates are common."""
    people = {person: draw(details()) for person in ("P1", "P2", "P3", "P4")}
    rows = []
    for _ in range(draw(st.integers(1, 14))):
        person = draw(st.sampled_from(sorted(people)))
        mine = dict(people[person])
        if draw(st.integers(0, 5)) == 0:
            changed = draw(details())
            name = draw(st.sampled_from(sorted(changed)))
            mine[name] = changed[name]
        child = mine.pop("child")
        cells = {"D02": mine["D02"], "R05": mine["R05"]}
        if child and draw(st.booleans()):
            cells.update(
                R10=draw(st.sampled_from(("CP1", "CP2"))),
                R11=draw(st.sampled_from(PLAN_STARTS)),
                R12=draw(st.sampled_from(ENDS)),
            )
        if child and draw(st.booleans()):
            cells.update(
                R16=draw(st.sampled_from(("C1", "C2"))),
                R17=draw(st.sampled_from(PLAN_STARTS)),
                R18=draw(st.sampled_from(ENDS)),
            )
        rows.append(row(mine["R01"], person, mine["R03"], child=child, **cells))
    return rows


def reference(rows: list[dict]) -> tuple[list[tuple], dict, dict]:
    """kpi-spec §1–2's cross-row rules, one row at a time (file row = index + 2)."""
    errors, people, families, repeats = [], {}, {}, {}
    for number, cells in enumerate(rows, start=2):
        details = tuple(value for code, value in cells.items() if code not in PER_ROW)
        person = cells["D01"]
        if person in people:
            first_row, first_details = people[person]
            if details != first_details:
                errors.append((number, LABEL["D01"], person, str(first_row)))
                continue
        else:
            people[person] = (number, details)
            start = _day(cells["R03"])
            family = families.setdefault(cells["R01"], {"start": start, "row": number})
            if start < family["start"]:
                family.update(start=start, row=number)
            if cells["R05"]:
                family.setdefault("claims", {}).setdefault(
                    cells["R05"].casefold(), (number, cells["R05"])
                )
        for code, start, end in (("R10", "R11", "R12"), ("R16", "R17", "R18")):
            if cells[code]:
                dates = (_day(cells[start]), cells[end] and _day(cells[end]))
                first = repeats.setdefault((code, person, cells[code]), (dates, number))
                if first[0] != dates:
                    errors.append((number, LABEL[code], cells[code], str(first[1])))
    for family in families.values():
        cohort = next((w for w in WINDOWS if w[2] <= family["start"] <= w[3]), None)
        if cohort is None:
            errors.append((family["row"], LABEL["R03"], family["start"].isoformat(), None))
            continue
        for folded, (number, claim) in family.get("claims", {}).items():
            if folded not in (cohort[0].casefold(), str(cohort[1])):
                errors.append((number, LABEL["R05"], claim, cohort[0]))
    plans = {key for key in repeats if key[0] == "R10"}
    counts = {
        "person_count": len(people),
        "family_count": len(families),
        "child_count": sum(1 for _row, details in people.values() if details[2]),
        "cp_plan_count": len(plans),
        "care_period_count": len(repeats) - len(plans),
    }
    # What an accepted file stores: each person by their first row, with their family's
    # FS start and cohort, and each plan and period with its first dates.
    cohort_of = {
        key: next((w[0] for w in WINDOWS if w[2] <= family["start"] <= w[3]), None)
        for key, family in families.items()
    }
    stored = {
        "people": sorted(
            (first_row, families[details[0]]["start"], cohort_of[details[0]])
            for first_row, details in people.values()
        ),
        "repeats": sorted(
            (
                (code, people[person][0], dates[0], dates[1] or None)
                for (code, person, _key), (dates, _row) in repeats.items()
            ),
            key=repr,  # an open end is None
        ),
    }
    return errors, counts, stored


_uploads = itertools.count()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=files())
def test_the_database_applies_the_same_rules_as_a_row_by_row_reading(upload, rows):
    """Errors and counts, and for an accepted file what is stored: each person from their
    first row with their family's FS start and cohort, each plan and period once with its
    first dates."""
    expected_errors, expected_counts, expected_records = reference(rows)

    # Each example is a new file, never a byte-identical re-upload of an earlier one.
    report = upload(csv_bytes(rows, team=f"Team {next(_uploads)}"))

    assert sorted(found_in_detail(report), key=repr) == sorted(expected_errors, key=repr)
    if expected_errors:
        assert report.outcome == "rejected"
        return
    assert report.outcome == "accepted"
    submission = report.submission
    assert {name: getattr(submission, name) for name in expected_counts} == expected_counts
    assert CPPlan.objects.filter(submission=submission).count() == expected_counts["cp_plan_count"]
    assert (
        PeriodOfCare.objects.filter(submission=submission).count()
        == expected_counts["care_period_count"]
    )
    people = Person.objects.filter(submission=submission)
    assert {
        "people": sorted(
            people.values_list("first_row", "family__fs_start", "family__cohort__name")
        ),
        "repeats": sorted(
            [
                ("R10", *plan)
                for plan in CPPlan.objects.filter(submission=submission).values_list(
                    "person__first_row", "start", "end"
                )
            ]
            + [
                ("R16", *period)
                for period in PeriodOfCare.objects.filter(submission=submission).values_list(
                    "person__first_row", "start", "end"
                )
            ],
            key=repr,
        ),
    } == expected_records


pytestmark = pytest.mark.django_db

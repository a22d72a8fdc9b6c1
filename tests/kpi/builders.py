"""Build a submission's record-level rows straight from file-shaped rows (dicts keyed by
field code, values already parsed), for testing the indicators apart from the importer.

Fields map to model fields by the code that starts each field's verbose name
("I01 Number of Times Previously a victim" -> I01)."""

from datetime import date

from kpi.models import (
    Cohort,
    CPPlan,
    Family,
    PeriodOfCare,
    Person,
    PreviousCPPlan,
    QuarterMeasures,
    Submission,
)


def fields_by_code(model) -> dict[str, str]:
    mapping = {}
    for field in model._meta.get_fields():
        verbose = str(getattr(field, "verbose_name", ""))
        code = verbose.split(" ", 1)[0]
        if len(code) == 3 and code[0] in "DIRX" and code[1:].isdigit():
            mapping[code] = field.name
    return mapping


def make_cohorts(authority, windows: list[tuple[str, date, date]]) -> list[Cohort]:
    return [
        Cohort.objects.create(authority=authority, number=n, name=name, start=start, end=end)
        for n, (name, start, end) in enumerate(windows, start=1)
    ]


def build_submission(authority, quarter: str, rows: list[dict], cohorts: list[Cohort]):
    submission = Submission.objects.create(
        authority=authority, quarter=quarter, sha256=f"{len(rows):064d}", status="accepted"
    )
    family_start: dict[str, date] = {}
    for row in rows:
        family_start[row["R01"]] = min(row["R03"], family_start.get(row["R01"], row["R03"]))
    families = {}
    for key, start in family_start.items():
        cohort = next(c for c in cohorts if c.start <= start <= c.end)
        families[key] = Family.objects.create(
            submission=submission, cohort=cohort, key_hash=f"family-{key}", fs_start=start
        )
    person_fields = fields_by_code(Person)
    measure_fields = fields_by_code(QuarterMeasures)
    people = {}
    for number, row in enumerate(rows, start=2):
        if row["D01"] in people:
            person = people[row["D01"]]
        else:
            attributes = {
                person_fields[code]: value
                for code, value in row.items()
                if code in person_fields and code not in ("R01", "D01", "R03") and value is not None
            }
            attributes["uasc"] = bool(row.get("X01"))
            person = Person.objects.create(
                submission=submission,
                family=families[row["R01"]],
                key_hash=f"person-{row['D01']}",
                first_row=number,
                is_child=bool(row.get("R02")),
                fs_start=row["R03"],
                **attributes,
            )
            people[row["D01"]] = person
            measures = {
                measure_fields[code]: value
                for code, value in row.items()
                if code in measure_fields and value is not None
            }
            QuarterMeasures.objects.create(person=person, submission=submission, **measures)
            if row.get("R15") or row.get("R13"):
                PreviousCPPlan.objects.create(
                    person=person,
                    submission=submission,
                    key_hash=row.get("R13") or "",
                    start=row.get("R14"),
                    end=row.get("R15"),
                )
        if row.get("R10"):
            CPPlan.objects.get_or_create(
                person=person,
                key_hash=row["R10"],
                defaults={"submission": submission, "start": row["R11"], "end": row.get("R12")},
            )
        if row.get("R16"):
            PeriodOfCare.objects.get_or_create(
                person=person,
                key_hash=row["R16"],
                defaults={"submission": submission, "start": row["R17"], "end": row.get("R18")},
            )
    return submission


def stored_cohort(api_row: dict) -> str:
    """The cohort as values are stored (its name, or `all`) of a values API row, whose
    `cohort` is the stable key (`1` … `6`, `all`) and `cohort_name` the display name."""
    return "all" if api_row["cohort"] == "all" else api_row["cohort_name"]

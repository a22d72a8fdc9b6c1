"""Deterministic synthetic cohort files in the format of docs/kpi-specification.md §4.

Nothing here comes from a real person: keys are sequence numbers and every value is drawn
from a seeded random generator, so the same arguments always give the same bytes. The
rates are set to look like a Family Safeguarding cohort as the toolkit describes it (the
toolkit appended to the SESLIP report "Models of Social Work Practice", 2020): families of one to
four children and one to three adults, about half of the
children on a child protection plan when the work starts, some repeat plans, about one
family in eight with a child entering care, and adults with substance misuse, domestic
abuse and mental health work.
"""

import csv
import math
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import IO, Any

from kpi.definitions import COHORT_WINDOWS
from kpi.ingest.columns import CATEGORIES_OF_NEED, COLUMNS, Kind
from kpi.quarters import Quarter

HEADER = [column.name for column in COLUMNS]
_ATTRS = [column.attr for column in COLUMNS]
_KINDS = [column.kind for column in COLUMNS]
# Returns are extracted some weeks after the quarter closes (docs/kpi-specification.md §4.3): later
# events in
# that gap appear in the file, and nothing is dated after it.
EXTRACTION_LAG = timedelta(days=42)
CARE_RATE = 0.12


class GeneratorError(ValueError):
    pass


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


class CohortGenerator:
    def __init__(self, *, authority_slug: str, quarter: Quarter, families: int, seed: int):
        self.quarter = quarter
        self.families = families
        self.rng = random.Random(f"{authority_slug}:{seed}")
        self.prefix = "".join(part[0] for part in authority_slug.split("-")).upper()
        self.extracted = quarter.end + EXTRACTION_LAG
        self.windows = [w for w in COHORT_WINDOWS if w.start <= quarter.end]
        if not self.windows:
            raise GeneratorError(
                f"No toolkit cohort starts on or before the end of {quarter} "
                f"({quarter.end:%d/%m/%Y}); the first starts 1 Oct 2017."
            )
        self.person_seq = 0

    def rows(self) -> Iterator[dict[str, Any]]:
        for number in range(1, self.families + 1):
            yield from self._family(number)

    def _clip(self, day: date | None) -> date | None:
        """An event after extraction is not known yet: leave it out."""
        return day if day is not None and day <= self.extracted else None

    def _family(self, number: int) -> Iterator[dict[str, Any]]:
        rng = self.rng
        window = rng.choice(self.windows)
        start = _day(rng, window.start, min(window.end, self.quarter.end))
        family_key = f"{self.prefix}-F{number:06d}"
        team = f"Family Safeguarding Team {rng.randint(1, 4)}"
        on_plan_at_start = rng.random() < 0.5
        plan_later = not on_plan_at_start and rng.random() < 0.15
        children = rng.choices((1, 2, 3, 4), weights=(40, 30, 20, 10))[0]
        adults = rng.choices((1, 2, 3), weights=(45, 45, 10))[0]
        fs_end = self._clip(start + timedelta(days=rng.randint(90, 500)))
        if rng.random() < 0.6:
            fs_end = None
        care_child = rng.randrange(children) if rng.random() < CARE_RATE else None
        for index in range(children):
            yield from self._child(
                family_key,
                team,
                start,
                fs_end,
                on_plan_at_start,
                plan_later,
                index == care_child,
                first=index == 0,
            )
        for index in range(adults):
            yield self._adult(family_key, team, start, fs_end, index)

    def _person(
        self, family_key: str, team: str, start: date, fs_end: date | None, *, first: bool = False
    ) -> dict:
        """A family member; all but the first may join the work a little later."""
        self.person_seq += 1
        joined = start
        if not first and self.rng.random() < 0.08:
            joined = self._clip(start + timedelta(days=self.rng.randint(1, 90))) or start
        return {
            "family_key": family_key,
            "person_key": f"{self.prefix}-P{self.person_seq:07d}",
            "fs_start": joined,
            "fs_team": team,
            "fs_end": fs_end if fs_end is None or fs_end >= joined else None,
        }

    def _child(self, family_key, team, start, fs_end, on_plan, plan_later, enters_care, *, first):
        rng = self.rng
        row = self._person(family_key, team, start, fs_end, first=first)
        joined = row["fs_start"]
        age = rng.randint(0, 17)
        row.update(
            sex=rng.choice(("Male", "Female")),
            age=age,
            ethnicity=rng.choices(
                ("White British", "Mixed", "Asian", "Black", "Other"), weights=(78, 8, 7, 4, 3)
            )[0],
            relationship="Active Case",
            referral_key=f"R-{row['person_key']}",
            referral_start=joined - timedelta(days=rng.randint(0, 60)),
            referral_category=rng.choices(
                CATEGORIES_OF_NEED, weights=(55, 4, 3, 8, 2, 15, 3, 6, 4)
            )[0],
            previous_referrals=min(_poisson(rng, 1.2), 9),
        )
        if row["fs_end"] is not None:
            row["referral_end"] = self._clip(row["fs_end"] + timedelta(days=rng.randint(0, 30)))
            if row["referral_end"] is None:
                row["fs_end"] = None
        if rng.random() < 0.01:
            row["uasc"] = True
        if 5 <= age <= 15:
            possible = rng.randint(110, 130)
            unauthorised = min(_poisson(rng, 5), possible // 2)
            authorised = min(_poisson(rng, 6), possible - unauthorised)
            row.update(
                sessions_possible=possible,
                sessions_unauthorised=unauthorised,
                sessions_authorised=authorised,
            )
        row.update(victim_before=_poisson(rng, 0.2), victim_in_quarter=_poisson(rng, 0.05))
        if rng.random() < 0.2:
            previous_end = joined - timedelta(days=rng.randint(30, 900))
            row.update(
                previous_plan_key=f"PCP-{row['person_key']}",
                previous_plan_start=previous_end - timedelta(days=rng.randint(90, 500)),
                previous_plan_end=previous_end,
            )
        plans = []
        if on_plan or plan_later:
            plan_start = (
                joined - timedelta(days=rng.randint(0, 120))
                if on_plan
                else self._clip(joined + timedelta(days=rng.randint(20, 250)))
            )
            if plan_start is not None:
                plan_end = self._clip(
                    max(plan_start + timedelta(days=rng.randint(60, 420)), joined + timedelta(14))
                )
                plans.append((plan_start, plan_end))
                if plan_end is not None and rng.random() < 0.1:
                    again = self._clip(plan_end + timedelta(days=rng.randint(30, 300)))
                    if again is not None:
                        plans.append(
                            (again, self._clip(again + timedelta(days=rng.randint(60, 300))))
                        )
        period = None
        if enters_care or row.get("uasc"):
            # Entered care at some point between the start of the work and the extraction.
            earliest = joined + timedelta(days=7)
            care_start = _day(rng, earliest, min(joined + timedelta(days=300), self.extracted))
            if earliest <= self.extracted:
                care_end = self._clip(care_start + timedelta(days=rng.randint(20, 500)))
                period = (care_start, care_end if rng.random() < 0.4 else None)
        if not plans and period is None:
            yield row
            return
        for index in range(max(len(plans), 1)):
            line = dict(row)
            if index < len(plans):
                line.update(
                    cp_plan_key=f"CPP-{row['person_key']}-{index + 1}",
                    cp_plan_start=plans[index][0],
                    cp_plan_end=plans[index][1],
                )
            if index == 0 and period is not None:
                line.update(
                    care_period_key=f"CLA-{row['person_key']}",
                    care_start=period[0],
                    care_end=period[1],
                )
            yield line

    def _adult(self, family_key, team, start, fs_end, index) -> dict:
        rng = self.rng
        row = self._person(family_key, team, start, fs_end)
        joined = row["fs_start"]
        sex = "Female" if index == 0 else rng.choice(("Male", "Female"))
        row.update(
            sex=sex,
            age=rng.randint(18, 62),
            ethnicity=rng.choices(
                ("White British", "Mixed", "Asian", "Black", "Other"), weights=(80, 6, 7, 4, 3)
            )[0],
            relationship=(
                "Mother"
                if index == 0
                else rng.choice(("Father", "Stepfather", "Partner", "Grandmother", "Grandfather"))
            ),
            victim_before=_poisson(rng, 0.8),
            offender_before=_poisson(rng, 0.6),
            victim_in_quarter=_poisson(rng, 0.3),
            offender_in_quarter=_poisson(rng, 0.25),
            da_incidents_before=_poisson(rng, 1.5),
            da_incidents_since=_poisson(rng, 0.7),
        )
        if rng.random() < 0.3:
            self._treatment(row, joined)
        if rng.random() < 0.25:
            da_start = self._clip(joined + timedelta(days=rng.randint(0, 120)))
            if da_start is not None:
                row["da_start"] = da_start
                da_end = self._clip(da_start + timedelta(days=rng.randint(56, 240)))
                if da_end is not None and rng.random() < 0.6:
                    row["da_end"] = da_end
                    row["da_outcome"] = "Completed" if rng.random() < 0.62 else "Not completed"
                elif rng.random() < 0.5:
                    row["da_outcome"] = "Ongoing"
        if rng.random() < 0.08:
            row["da_high_risk"] = True
        elif rng.random() < 0.5:
            row["da_high_risk"] = False
        if rng.random() < 0.25:
            self._scores(row, "depression", 27)
            self._scores(row, "anxiety", 21)
        return row

    def _treatment(self, row: dict, joined: date) -> None:
        rng = self.rng
        treatment_start = self._clip(joined + timedelta(days=rng.randint(0, 90)))
        if treatment_start is None:
            return
        assessments = rng.randint(1, 3)
        row.update(
            treatment_start=treatment_start,
            initial_assessments=assessments,
            assessments_no_engagement=rng.randint(0, assessments - 1),
            treatments_non_engagement=rng.choices((0, 1), weights=(80, 20))[0],
        )
        closed = self._clip(treatment_start + timedelta(days=rng.randint(60, 320)))
        if closed is not None and rng.random() < 0.55:
            reason = rng.choices(
                ("Successful completion", "Dropped out", "Did not attend", "Transferred", "Other"),
                weights=(50, 20, 15, 10, 5),
            )[0]
            row.update(treatment_closed=closed, treatment_closure_reason=reason)
            if reason == "Successful completion" and rng.random() < 0.8:
                row["representation_6m"] = rng.random() < 0.2
        substance = rng.randint(8, 28)
        row["tops_substance_initial"] = substance
        row["tops_substance_latest"] = max(0, min(28, substance - rng.randint(-3, 12)))
        for domain in ("psychological", "physical", "employment", "quality_of_life"):
            initial = rng.randint(3, 15)
            row[f"tops_{domain}_initial"] = initial
            row[f"tops_{domain}_latest"] = max(0, min(20, initial + rng.randint(-3, 6)))
        if "treatment_closed" in row:
            row["tops_substance_end"] = row["tops_substance_latest"]
            for domain in ("psychological", "physical", "employment", "quality_of_life"):
                row[f"tops_{domain}_end"] = row[f"tops_{domain}_latest"]

    def _scores(self, row: dict, measure: str, top: int) -> None:
        rng = self.rng
        initial = rng.randint(top // 3, top)
        interim = max(0, min(top, initial - rng.randint(-2, 6)))
        row[f"{measure}_initial"] = initial
        row[f"{measure}_interim"] = interim
        if rng.random() < 0.6:
            row[f"{measure}_end"] = max(0, min(top, interim - rng.randint(-2, 6)))


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == Kind.DATE:
        return value.strftime("%d/%m/%Y")
    if kind == Kind.BOOLEAN:
        return "Y" if value else "N"
    return str(value)


def write_csv(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for row in rows:
        writer.writerow(
            [_csv_cell(row.get(attr), kind) for attr, kind in zip(_ATTRS, _KINDS, strict=True)]
        )
        count += 1
    return count


def write_xlsx(rows: Iterator[dict[str, Any]], path: str) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cohort")
    sheet.append(HEADER)
    count = 0
    for row in rows:
        cells = []
        for attr, kind in zip(_ATTRS, _KINDS, strict=True):
            value = row.get(attr)
            if kind == Kind.BOOLEAN and value is not None:
                value = "Y" if value else "N"
            cell = WriteOnlyCell(sheet, value=value)
            if kind == Kind.DATE and value is not None:
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(path)
    return count


def generate(
    *, authority_slug: str, quarter: Quarter, families: int, seed: int, out: str, file_format: str
) -> int:
    """Write one synthetic file and return its number of data rows."""
    generator = CohortGenerator(
        authority_slug=authority_slug, quarter=quarter, families=families, seed=seed
    )
    if file_format == "xlsx":
        return write_xlsx(generator.rows(), out)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        return write_csv(generator.rows(), handle)

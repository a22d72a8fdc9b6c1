"""Turning checked rows into a submission's families, people, plans and measures.

One pass over the file: each row is checked (kpi/validation.py), then the rules that need
several rows are applied here (kpi-spec §1, §2):

- a person's rows must agree on everything except their plan and period of care columns;
- a repeated plan or period key for one person must repeat the same dates;
- each family belongs to the cohort whose window holds its earliest R03, and an R05 that
  is given must name that cohort.

Rows are handed to a RecordWriter as they come, so memory holds one batch plus a small
entry per distinct person and family, never the file. The caller owns the transaction.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db import IntegrityError
from django.db.models import Exists, OuterRef

from kpi.columns import BY_ATTR, PER_ROW_ATTRS
from kpi.keys import key_hasher
from kpi.models import (
    RECORD_LINKS,
    Cohort,
    CPPlan,
    Family,
    PeriodOfCare,
    Person,
    PreviousCPPlan,
    QuarterMeasures,
    Referral,
    Submission,
)
from kpi.validation import ProblemLog
from kpi.writers import MEASURE_ATTRS, MEASURE_BLANKS, RecordWriter

_PERSON_ATTRS = tuple(sorted(attr for attr in BY_ATTR if attr not in PER_ROW_ATTRS))
_LABEL = {attr: column.label for attr, column in BY_ATTR.items()}
_MEASURE_DEFAULTS = tuple(MEASURE_BLANKS.get(attr) for attr in MEASURE_ATTRS)
_MEASURE_POSITION = {attr: position for position, attr in enumerate(MEASURE_ATTRS)}
_MEASURE_SET = frozenset(MEASURE_ATTRS)


@dataclass(slots=True)
class _FamilyState:
    id: int
    key_hash: str
    start: date
    start_row: int
    claims: dict[str, tuple[int, str]] | None = None


@dataclass(slots=True)
class _PersonState:
    first_row: int
    fingerprint: int
    id: int


class SubmissionAssembler:
    def __init__(
        self,
        *,
        submission: Submission,
        cohorts: list[Cohort],
        writer: RecordWriter,
        problems: ProblemLog,
    ):
        self.submission_id = submission.pk
        self.authority_name = submission.authority.name
        self.cohorts = cohorts
        self.writer = writer
        self.problems = problems
        slug = submission.authority.slug
        self.hash_family = key_hasher(slug, "family")
        self.hash_person = key_hasher(slug, "person")
        self.hash_referral = key_hasher(slug, "referral")
        self.hash_plan = key_hasher(slug, "cp-plan")
        self.hash_previous_plan = key_hasher(slug, "previous-cp-plan")
        self.hash_period = key_hasher(slug, "care-period")
        self.families: dict[str, _FamilyState] = {}
        self.people: dict[str, _PersonState] = {}
        self.plans: dict[tuple[str, str], tuple[Any, Any, int]] = {}
        self.periods: dict[tuple[str, str], tuple[Any, Any, int]] = {}
        self.rows = 0
        self.children = 0
        self.adults = 0

    @property
    def writing(self) -> bool:
        """Once a file has an error nothing of it will be kept: stop writing, keep checking."""
        return self.problems.error_count == 0

    def add(self, number: int, values: dict[str, Any]) -> None:
        self.rows += 1
        person_key = values.get("person_key")
        family_key = values.get("family_key")
        if person_key is None or family_key is None or "fs_start" not in values:
            return
        fingerprint = hash(tuple(map(values.get, _PERSON_ATTRS)))
        person = self.people.get(person_key)
        if person is None:
            person = self._new_person(number, values, fingerprint)
        elif person.fingerprint != fingerprint:
            self.problems.error(
                number,
                _LABEL["person_key"],
                person_key,
                f"This person's details differ from their row {person.first_row}. A person "
                "with several rows (one per plan or period of care) must have the same values "
                "in every other column on each of them.",
            )
            return
        self._add_plan(number, values, person)
        self._add_period(number, values, person)

    def _new_person(self, number: int, values: dict[str, Any], fingerprint: int) -> _PersonState:
        writer = self.writer
        family = self._family(number, values)
        person = _PersonState(number, fingerprint, writer.next_id(Person) if self.writing else 0)
        self.people[values["person_key"]] = person
        is_child = values["is_child"]
        if is_child:
            self.children += 1
        else:
            self.adults += 1
        if not self.writing:
            return person
        submission_id = self.submission_id
        get = values.get
        writer.add(
            Person,
            (
                person.id,
                submission_id,
                family.id,
                self.hash_person(values["person_key"]),
                number,
                is_child,
                get("sex", ""),
                get("age"),
                get("ethnicity", ""),
                get("relationship", ""),
                values["fs_start"],
                get("fs_team", ""),
                get("fs_end"),
                get("cohort_name", ""),
                bool(get("uasc", False)),
            ),
        )
        if is_child:
            writer.add(
                Referral,
                (
                    person.id,
                    submission_id,
                    self.hash_referral(values["referral_key"]),
                    get("referral_start"),
                    get("referral_category", ""),
                    get("referral_end"),
                    get("previous_referrals"),
                ),
            )
            if (
                "previous_plan_key" in values
                or "previous_plan_start" in values
                or ("previous_plan_end" in values)
            ):
                previous_key = get("previous_plan_key")
                writer.add(
                    PreviousCPPlan,
                    (
                        person.id,
                        submission_id,
                        self.hash_previous_plan(previous_key) if previous_key else "",
                        get("previous_plan_start"),
                        get("previous_plan_end"),
                    ),
                )
        # Most of the forty measures are blank on a row: start from the blanks and fill
        # in the few the row has.
        measures = list(_MEASURE_DEFAULTS)
        for attr in values.keys() & _MEASURE_SET:
            measures[_MEASURE_POSITION[attr]] = values[attr]
        writer.add(QuarterMeasures, (person.id, submission_id, *measures))
        return person

    def _family(self, number: int, values: dict[str, Any]) -> _FamilyState:
        key = values["family_key"]
        family = self.families.get(key)
        start = values["fs_start"]
        if family is None:
            family_id = self.writer.next_id(Family) if self.writing else 0
            family = _FamilyState(family_id, self.hash_family(key), start, number)
            self.families[key] = family
        elif start < family.start:
            family.start, family.start_row = start, number
        claim = values.get("cohort_name")
        if claim:
            if family.claims is None:
                family.claims = {}
            family.claims.setdefault(claim.casefold(), (number, claim))
        return family

    def _add_plan(self, number: int, values: dict[str, Any], person: _PersonState) -> None:
        key = values.get("cp_plan_key")
        if key is None or "cp_plan_start" not in values:
            return
        dates = (values["cp_plan_start"], values.get("cp_plan_end"))
        if not self._first_time(self.plans, (values["person_key"], key), dates, number, "R10"):
            return
        if self.writing:
            self.writer.add(CPPlan, (self.submission_id, person.id, self.hash_plan(key), *dates))

    def _add_period(self, number: int, values: dict[str, Any], person: _PersonState) -> None:
        key = values.get("care_period_key")
        if key is None or "care_start" not in values:
            return
        dates = (values["care_start"], values.get("care_end"))
        if not self._first_time(self.periods, (values["person_key"], key), dates, number, "R16"):
            return
        if self.writing:
            self.writer.add(
                PeriodOfCare, (self.submission_id, person.id, self.hash_period(key), *dates)
            )

    def _first_time(self, seen, key, dates, number: int, code: str) -> bool:
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = (*dates, number)
            return True
        if earlier[:2] != dates:
            attr = "cp_plan_key" if code == "R10" else "care_period_key"
            self.problems.error(
                number,
                _LABEL[attr],
                key[1],
                f"This key appears for the same person on row {earlier[2]} with different "
                "dates. Each plan or period of care must have one start and one end date.",
            )
        return False

    def finish(self) -> None:
        """Assign each family its cohort, check R05 claims, then write the families."""
        for family in self.families.values():
            cohort = next((c for c in self.cohorts if c.start <= family.start <= c.end), None)
            if cohort is None:
                self.problems.error(
                    family.start_row,
                    _LABEL["fs_start"],
                    family.start.isoformat(),
                    "This family's Family Safeguarding start (its earliest R03) is in no "
                    f"cohort window configured for {self.authority_name}: "
                    f"{self._windows()}.",
                )
                continue
            for folded, (row, claim) in (family.claims or {}).items():
                if folded not in (cohort.name.casefold(), str(cohort.number)):
                    self.problems.error(
                        row,
                        _LABEL["cohort_name"],
                        claim,
                        f"R05 says '{claim}', but the family's FS start "
                        f"({family.start:%d/%m/%Y}) puts it in {cohort.name}.",
                    )
            if self.writing:
                self.writer.add(
                    Family,
                    (family.id, self.submission_id, cohort.pk, family.key_hash, family.start),
                )
        if self.writing:
            self.writer.flush_all()

    def _windows(self) -> str:
        if not self.cohorts:
            return "none are configured"
        return "; ".join(f"{c.name} {c.start:%d/%m/%Y} to {c.end:%d/%m/%Y}" for c in self.cohorts)


def counts(assembler: SubmissionAssembler) -> dict[str, int]:
    written = assembler.writer.written
    return {
        "row_count": assembler.rows,
        "family_count": len(assembler.families),
        "person_count": len(assembler.people),
        "child_count": assembler.children,
        "adult_count": assembler.adults,
        "cp_plan_count": written[CPPlan],
        "care_period_count": written[PeriodOfCare],
    }


def check_record_links(submission_id: int) -> None:
    """Every row an import wrote points at a row of the same submission (kpi.models
    RECORD_LINKS), and every family at a cohort of the submission's authority: one
    anti-join per link instead of a constraint trigger per row. A failure is a bug in
    this module, raised so that the import's transaction rolls back."""
    own_cohort = Cohort.objects.filter(
        pk=OuterRef("cohort_id"),
        authority__kpi_submissions=submission_id,
    )
    if Family.objects.filter(submission_id=submission_id).exclude(Exists(own_cohort)).exists():
        raise IntegrityError(
            f"Submission {submission_id}: a Family row points at no Cohort of the "
            "submission's authority."
        )
    for child_name, column, parent_name in RECORD_LINKS:
        child, parent = apps.get_model("kpi", child_name), apps.get_model("kpi", parent_name)
        same_submission = parent.objects.filter(pk=OuterRef(column), submission_id=submission_id)
        orphans = child.objects.filter(submission_id=submission_id).exclude(Exists(same_submission))
        if orphans.exists():
            raise IntegrityError(
                f"Submission {submission_id}: a {child_name} row points at no {parent_name} "
                "of the same submission."
            )

"""The import service end to end: formats, encodings, atomicity, history and limits."""

import io
import zipfile
from datetime import date, datetime

import pytest
from django.db import IntegrityError, transaction
from openpyxl import Workbook

from kpi.models import (
    CPPlan,
    Family,
    PeriodOfCare,
    Person,
    PreviousCPPlan,
    QuarterMeasures,
    Referral,
    Submission,
)
from kpi.services.imports import import_submission
from tests.kpi.conftest import file_bytes, named

RECORD_MODELS = (Family, Person, Referral, CPPlan, PreviousCPPlan, PeriodOfCare, QuarterMeasures)


def record_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in RECORD_MODELS}


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_valid_file_stores_families_people_plans_and_periods(upload):
    report = upload("valid_small.csv")

    assert report.outcome == "accepted", report.errors
    submission = report.submission
    assert submission.is_current
    assert (submission.row_count, submission.family_count, submission.person_count) == (5, 2, 4)
    assert (submission.child_count, submission.adult_count) == (2, 2)
    assert record_counts() == {
        "Family": 2,
        "Person": 4,
        "Referral": 2,
        "CPPlan": 2,
        "PreviousCPPlan": 1,
        "PeriodOfCare": 1,
        "QuarterMeasures": 4,
    }
    child = Person.objects.get(first_row=3)
    assert child.is_child and child.age == 8 and child.fs_team == "Team A"
    assert child.family.cohort.name == "Cohort 1"
    assert child.previous_cp_plan.end == date(2016, 12, 31)
    assert sorted(child.cp_plans.values_list("start", "end")) == [
        (date(2017, 10, 1), None),
        (date(2018, 1, 15), date(2018, 3, 20)),
    ]
    assert child.measures.sessions_possible == 120
    adult = Person.objects.get(first_row=2)
    assert adult.measures.treatment_closure_reason == "Successful completion"
    assert Family.objects.get(members=adult).fs_start == date(2017, 11, 2)
    assert Person.objects.get(first_row=5).family.cohort.name == "Cohort 2"


def test_keys_are_stored_only_as_keyed_hashes_that_match_across_submissions(upload):
    first = upload("valid_small.csv").submission
    content = file_bytes("valid_small.csv").replace(b"Team B", b"Team C")
    second = upload(content).submission

    hashes = set(Person.objects.filter(submission=first).values_list("key_hash", flat=True))
    assert hashes == set(
        Person.objects.filter(submission=second).values_list("key_hash", flat=True)
    )
    assert all(len(value) == 64 and "P1" not in value for value in hashes)
    stored = [str(value) for row in Person.objects.values_list() for value in row]
    assert "P1" not in stored and "F1" not in stored


def test_same_keys_in_two_authorities_do_not_link(upload, fs_surrey):
    upload("valid_small.csv")
    upload("valid_small.csv", authority=fs_surrey)

    by_authority = {
        slug: set(
            Person.objects.filter(submission__authority__slug=slug).values_list(
                "key_hash", flat=True
            )
        )
        for slug in ("bracknell-forest", "surrey")
    }
    assert by_authority["bracknell-forest"].isdisjoint(by_authority["surrey"])


@pytest.mark.parametrize(
    "name", ["encoding_utf8.csv", "encoding_utf8_bom.csv", "encoding_cp1252.csv"]
)
def test_csv_encodings_are_read_as_the_same_text(upload, name):
    report = upload(name)

    assert report.outcome == "accepted", report.errors
    assert Person.objects.get().ethnicity == "Café Crème – “quoted”"


def test_bom_does_not_hide_the_first_heading(upload):
    report = upload("encoding_utf8_bom.csv")

    assert report.warnings == []


def test_xlsx_with_real_date_cells_and_numbers(upload):
    content = xlsx_bytes(
        [
            ["Family Grouping Key", "Person ID", "Age", "Referral Key", "R03", "R10", "R11", "X01"],
            ["F1", 1001, 7.0, "REF1", datetime(2017, 11, 2), "CP1", date(2017, 10, 1), True],
            ["F1", 1002, 35, None, date(2017, 11, 2), None, None, None],
        ]
    )

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "accepted", report.errors
    assert report.submission.file_format == "xlsx"
    child = Person.objects.get(first_row=2)
    assert (child.age, child.fs_start, child.uasc) == (7, date(2017, 11, 2), True)
    assert CPPlan.objects.get().start == date(2017, 10, 1)


def test_xlsx_text_dates_are_read_day_first(upload):
    content = xlsx_bytes([["R01", "D01", "R03"], ["F1", "P1", "02/11/2017"]])

    upload(content, name="cohort.xlsx")

    assert Person.objects.get().fs_start == date(2017, 11, 2)


def test_xlsx_formula_is_refused_never_evaluated(upload):
    content = xlsx_bytes([["R01", "D01", "R03", "D04"], ["F1", "P1", date(2017, 11, 2), "=30+4"]])

    report = upload(content, name="cohort.xlsx")

    assert report.outcome == "rejected"
    problem = report.errors[0]
    assert (problem.row, problem.column, problem.value) == (2, "D04", "=30+4")
    assert "formula" in problem.message


def test_xlsx_zip_bomb_is_refused(upload, settings):
    settings.KPI_MAX_UPLOAD_BYTES = 2000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 100_000)
    assert len(out.getvalue()) < 2000

    report = upload(out.getvalue(), name="bomb.xlsx")

    assert report.outcome == "rejected"
    assert "zip bomb" in report.errors[0].message


def test_zip_that_is_not_a_workbook_is_refused(upload):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")

    report = upload(out.getvalue(), name="cohort.xlsx")

    assert report.outcome == "rejected"
    assert "could not be read as an Excel workbook" in report.errors[0].message


def test_file_over_the_size_limit_is_refused_without_reading_it(upload, settings):
    settings.KPI_MAX_UPLOAD_BYTES = 100

    report = upload("valid_small.csv")

    assert report.outcome == "rejected"
    assert "largest accepted" in report.errors[0].message
    assert report.submission.sha256 == ""


def test_file_over_the_row_limit_is_refused(upload, settings):
    settings.KPI_MAX_ROWS = 3

    report = upload("valid_small.csv")

    assert report.outcome == "rejected"
    assert report.errors[0].row == 5
    assert "more than 3 data rows" in report.errors[0].message
    assert Person.objects.count() == 0


def test_rejected_file_leaves_current_submission_and_every_row_untouched(upload):
    current = upload("valid_small.csv").submission
    before = record_counts()
    broken = file_bytes("valid_small.csv") + b"F3,P9,Male,40,,01/01/2099,,,,,,,,,,,,,,,,,,\n"

    report = upload(broken)

    assert report.outcome == "rejected"
    assert report.errors[0].row == 7
    assert record_counts() == before
    current.refresh_from_db()
    assert current.is_current
    assert Submission.objects.current().get() == current
    assert Submission.objects.filter(status=Submission.Status.REJECTED).count() == 1


def test_error_late_in_a_large_file_still_rolls_back_every_batch(upload, settings):
    rows = [f"F{n},P{n},02/11/2017" for n in range(12_000)]
    content = ("R01,D01,R03\n" + "\n".join(rows) + "\nF,P,not a date\n").encode()

    report = upload(content, background=False)

    assert report.outcome == "rejected"
    assert report.errors[0].row == 12_002
    assert record_counts() == dict.fromkeys(record_counts(), 0)


def test_byte_identical_reupload_changes_nothing(upload):
    first = upload("valid_small.csv")
    before = (record_counts(), Submission.objects.count())

    again = upload("valid_small.csv")

    assert again.outcome == "unchanged"
    assert again.ok
    assert again.submission.pk == first.submission.pk
    assert (record_counts(), Submission.objects.count()) == before


def test_new_accepted_file_supersedes_and_keeps_history(upload):
    first = upload("valid_small.csv").submission
    second = upload(file_bytes("valid_small.csv").replace(b"Team A", b"Team Z")).submission

    first.refresh_from_db()
    assert first.status == Submission.Status.SUPERSEDED
    assert first.superseded_at is not None
    assert second.is_current
    assert list(Submission.objects.current()) == [second]
    assert Person.objects.filter(submission=first).count() == 4
    assert Person.objects.filter(submission=second).count() == 4


def test_reuploading_a_superseded_file_makes_it_current_again(upload):
    original = file_bytes("valid_small.csv")
    upload(original)
    upload(original.replace(b"Team A", b"Team Z"))

    report = upload(original)

    assert report.outcome == "accepted"
    assert Submission.objects.current().get() == report.submission
    assert Submission.objects.filter(status=Submission.Status.SUPERSEDED).count() == 2


def test_other_quarters_and_authorities_are_not_superseded(upload, fs_surrey):
    q1 = upload("valid_small.csv").submission
    q2 = upload("valid_small.csv", quarter="2018-Q2").submission
    other = upload("valid_small.csv", authority=fs_surrey).submission

    assert set(Submission.objects.current()) == {q1, q2, other}


def test_database_allows_only_one_current_submission_per_authority_and_quarter(fs_bracknell):
    Submission.objects.create(
        authority=fs_bracknell, quarter="2018-Q1", sha256="a", status="accepted"
    )
    Submission.objects.create(
        authority=fs_bracknell, quarter="2018-Q1", sha256="b", status="superseded"
    )
    Submission.objects.create(
        authority=fs_bracknell, quarter="2018-Q2", sha256="c", status="accepted"
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            authority=fs_bracknell, quarter="2018-Q1", sha256="d", status="accepted"
        )


def test_invalid_quarter_is_a_report_not_an_exception(fs_bracknell):
    report = import_submission(
        authority=fs_bracknell, quarter="2018-Q5", file=named(b"R01\n"), user=None
    )

    assert report.outcome == "rejected"
    assert report.submission is None
    assert "YYYY-Qn" in report.errors[0].message


def test_large_file_goes_to_the_worker_and_is_imported(upload, settings, analyst_bracknell):
    settings.KPI_BACKGROUND_ROWS = 3

    report = upload("valid_small.csv", user=analyst_bracknell)

    submission = Submission.objects.get(pk=report.submission.pk)
    assert submission.task_id
    assert submission.status == Submission.Status.ACCEPTED
    assert submission.pending_file == ""
    assert submission.uploaded_by == analyst_bracknell
    assert Person.objects.count() == 4


def test_unexpected_failure_marks_submission_failed_and_stores_nothing(upload, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("kpi.ingest.assembly.SubmissionAssembler.finish", explode)

    report = upload("valid_small.csv")

    assert report.outcome == "failed"
    assert Submission.objects.get().status == Submission.Status.FAILED
    assert record_counts() == dict.fromkeys(record_counts(), 0)


def test_nul_character_in_a_text_cell_is_an_error_not_a_crash(upload):
    report = upload(b"R01,D01,R03\nF1,P\x001,02/11/2017\n")

    assert report.outcome == "rejected"
    assert report.errors[0].value == "P\\01"
    assert "NUL" in report.errors[0].message


def test_xlsx_zero_and_false_cells_are_values_not_blanks(upload):
    content = xlsx_bytes(
        [["R01", "D01", "R03", "I01", "I66"], ["F1", "P1", date(2017, 11, 2), 0, False]]
    )

    upload(content, name="cohort.xlsx")

    measures = Person.objects.get().measures
    assert (measures.victim_before, measures.da_high_risk) == (0, False)


@pytest.mark.postgres_only
def test_accepted_import_refreshes_planner_statistics_before_reading_back(upload):
    """Each record table's INSERT joins the rows just written to its parent table, and the
    indicators are computed from all of them, inside the import's transaction. Planned from
    statistics of before the import (here: empty tables), the new rows look like none and
    the joins become nested loops over every row; the import analyses each table it
    writes before anything reads it back."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(m._meta.db_table for m in RECORD_MODELS))
    content = generated_csv("bracknell-forest", "2018-Q1", families=40, seed=3)
    with CaptureQueriesContext(connection) as queries:
        report = upload(content)
    assert report.outcome == "accepted", report.errors

    statements = [query["sql"] for query in queries.captured_queries]

    def first(prefix: str) -> int:
        return next(n for n, sql in enumerate(statements) if sql.startswith(prefix))

    assert first("INSERT INTO kpi_family") < first('ANALYZE "kpi_family"')
    assert first('ANALYZE "kpi_family"') < first("INSERT INTO kpi_person")
    assert first("INSERT INTO kpi_person") < first('ANALYZE "kpi_person"')
    assert first('ANALYZE "kpi_person"') < first("INSERT INTO kpi_referral")
    with connection.cursor() as cursor:
        for model in RECORD_MODELS:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table]
            )
            (estimated,) = cursor.fetchone()
            assert estimated == model.objects.count() > 0, model.__name__


def assert_links_hold(submission: Submission) -> None:
    """What foreign-key constraints would guarantee (kpi.models RECORD_LINKS): every row
    of the submission points at a parent of the same submission, and every family at a
    cohort of the submission's authority."""
    from django.apps import apps
    from django.db.models import Exists, OuterRef

    from kpi.models import RECORD_LINKS, Cohort

    families = Family.objects.filter(submission=submission)
    own_cohort = Cohort.objects.filter(pk=OuterRef("cohort_id"), authority=submission.authority)
    assert families.exists()
    assert not families.exclude(Exists(own_cohort)).exists()
    for child_name, column, parent_name in RECORD_LINKS:
        child, parent = apps.get_model("kpi", child_name), apps.get_model("kpi", parent_name)
        rows = child.objects.filter(submission=submission)
        same_submission = parent.objects.filter(pk=OuterRef(column), submission=submission)
        assert rows.exists(), child_name
        assert not rows.exclude(Exists(same_submission)).exists(), child_name


def generated_csv(authority_slug: str, quarter: str, families: int, seed: int) -> bytes:
    from kpi.generator import CohortGenerator, write_csv
    from kpi.quarters import Quarter

    text = io.StringIO()
    generator = CohortGenerator(
        authority_slug=authority_slug,
        quarter=Quarter.parse(quarter),
        families=families,
        seed=seed,
    )
    write_csv(generator.rows(), text)
    return text.getvalue().encode()


def test_every_written_row_points_at_a_parent_of_its_own_submission(upload, fs_surrey):
    """The import fills each record table from its parents of the same submission: the
    links hold for several submissions side by side, including the same keys given by
    another authority and in another quarter."""
    content = generated_csv("bracknell-forest", "2018-Q1", families=60, seed=5)
    submissions = [
        upload(content).submission,
        upload(content, quarter="2018-Q2").submission,
        upload(content, authority=fs_surrey).submission,
    ]
    for submission in submissions:
        assert submission.status == Submission.Status.ACCEPTED, submission.problems[:3]
        assert_links_hold(submission)
    people = [Person.objects.filter(submission=s).count() for s in submissions]
    assert people[0] == people[1] == people[2] == submissions[0].person_count > 60


@pytest.mark.postgres_only
def test_a_copy_failing_in_the_writer_thread_fails_the_import_and_loses_nothing(
    upload, monkeypatch
):
    """The staging COPY batches run on a writer thread; its failure must reach the import,
    roll the whole file back and leave the quarter's current submission as it was."""
    import threading

    from kpi.ingest.staging import CopyWriter

    current = upload("valid_small.csv").submission
    before = record_counts()
    monkeypatch.setattr(
        CopyWriter, "statement", "COPY kpi_no_such_table FROM STDIN WITH (FORMAT csv)"
    )
    report = upload(file_bytes("valid_small.csv").replace(b"Team A", b"Team C"))

    assert report.outcome == "failed"
    assert record_counts() == before
    current.refresh_from_db()
    assert current.is_current
    assert not any(thread.name == "kpi-copy-writer" for thread in threading.enumerate())


def test_the_garbage_collector_is_back_on_after_any_import(upload):
    import gc

    assert upload("valid_small.csv").outcome == "accepted"
    assert gc.isenabled()
    assert upload(b"R01,D01,R03\nF1,P1,31/02/2018\n").outcome == "rejected"
    assert gc.isenabled()


def test_awkward_texts_reach_the_record_tables_unchanged(upload):
    """Text cells go through the staging table (COPY's CSV format on PostgreSQL): commas,
    quotes, a line break, backslashes, a lone backslash-dot and non-ASCII letters come out
    as they went in."""
    awkward = ['Team "A", north', "line one\nline two", "C:\\teams\\x", "\\.", "Zoë Ørsted"]
    lines = ["R01,D01,R03,Latest FS Case Worker Team"]
    for n, text in enumerate(awkward):
        quoted = '"' + text.replace('"', '""') + '"'
        lines.append(f"F{n},P{n},02/11/2017,{quoted}")
    report = upload(("\n".join(lines) + "\n").encode())

    assert report.outcome == "accepted", report.errors
    assert sorted(Person.objects.values_list("fs_team", flat=True)) == sorted(awkward)

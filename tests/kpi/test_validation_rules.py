# ruff: noqa: E501 -- the report messages are the expected data, one per line
"""One hand-made file per validation rule (tests/kpi/files/rule_*), each failing exactly
that rule, with the exact first line of its report (docs/kpi-specification.md §4–5)."""

import pytest
from django.utils import timezone

from kpi.models import Family, Person, Submission

LONG = "x" * 199 + "…"  # the report shortens long values
TODAY = timezone.localdate()

# (file, row, column, value, message) of the report's first error.
RULES = [
    (
        "rule_absence_over_possible.csv",
        2,
        "I17 Count of Total Possible Sessions",
        "120",
        "Absence sessions (I15 + I16 = 121) are more than the possible sessions.",
    ),
    (
        "rule_age_out_of_range.csv",
        2,
        "D04 Age",
        "121",
        "This should be a whole number from 0 to 120.",
    ),
    (
        "rule_bad_boolean.csv",
        2,
        "X01 UASC",
        "maybe",
        "This should be Y or N (Yes/No, True/False and 1/0 are accepted too).",
    ),
    (
        "rule_bad_category_of_need.csv",
        2,
        "R07 Referral Category of Need",
        "N10",
        "This should be one of: N1, N2, N3, N4, N5, N6, N7, N8, N9.",
    ),
    (
        "rule_bad_closure_reason.csv",
        2,
        "I27 Closure Reason",
        "Finished",
        "This should be one of: Successful completion, Dropped out, Did not attend, Transferred, Other.",
    ),
    (
        "rule_care_end_before_start.csv",
        2,
        "R18 CLA End Date",
        "30/11/2017",
        "This date is before R17 CLA Start Date (1 Dec 2017) on the same row.",
    ),
    (
        "rule_care_start_missing.csv",
        2,
        "R17 CLA Start Date",
        "",
        "R17 CLA Start Date is required when R16 (a period of care key) is filled.",
    ),
    (
        "rule_child_field_on_adult.csv",
        2,
        "R10 Unique Child Protection Plan Key",
        "CP1",
        "This field is for children only, but the row has no R02 Referral Key, so the person is an adult.",
    ),
    (
        "rule_closure_reason_missing.csv",
        2,
        "I27 Closure Reason",
        "",
        "I27 Closure Reason is required when I26 (the closure date) is filled.",
    ),
    (
        "rule_cohort_mismatch.csv",
        2,
        "R05 Cohort",
        "Cohort 2",
        "R05 says 'Cohort 2', but the family's FS start (02/11/2017) puts it in Cohort 1.",
    ),
    (
        "rule_da_end_before_start.csv",
        2,
        "I48 DA Intervention Programme End Date",
        "30/11/2017",
        "This date is before I47 DA Intervention Programme Start Date (1 Dec 2017) on the same row.",
    ),
    (
        "rule_da_outcome_missing.csv",
        2,
        "I49 DA Intervention Programme Outcome",
        "",
        "I49 DA Intervention Programme Outcome is required when I48 (the programme end date) is filled.",
    ),
    (
        "rule_date_after_today.csv",
        2,
        "R04 Latest FS Case Worker End Date",
        "01/01/2099",
        f"This date is after today ({TODAY.day} {TODAY:%b %Y}).",
    ),
    (
        "rule_date_before_1990.csv",
        2,
        "R06 Referral Start Date",
        "31/12/1989",
        "This date is before 1 Jan 1990.",
    ),
    (
        "rule_depression_out_of_range.csv",
        2,
        "X02 Depression Initial Score",
        "28",
        "This should be a whole number from 0 to 27.",
    ),
    (
        "rule_duplicate_column.csv",
        1,
        "Family Grouping Key",
        "Family Grouping Key",
        "This column appears twice: column 1 is also R01 Family Grouping Key. Remove one of them.",
    ),
    ("rule_empty.csv", None, "", "", "The file is empty."),
    (
        "rule_fs_end_after_referral_end.csv",
        2,
        "R04 Latest FS Case Worker End Date",
        "01/03/2018",
        "The FS end date is after R08 Referral End Date (28 Feb 2018); it must be on or before it.",
    ),
    (
        "rule_fs_end_before_start.csv",
        2,
        "R04 Latest FS Case Worker End Date",
        "01/11/2017",
        "This date is before R03 First FS Case Worker Start Date (2 Nov 2017) on the same row.",
    ),
    ("rule_header_only.csv", 2, "", "", "The file has a header row but no data rows."),
    (
        "rule_missing_required_column.csv",
        1,
        "R03 First FS Case Worker Start Date",
        "",
        "The required column R03 First FS Case Worker Start Date is missing from the header row.",
    ),
    (
        "rule_negative_count.csv",
        2,
        "I01 Number of Times Previously a victim",
        "-1",
        "This should be a whole number, 0 or more.",
    ),
    (
        "rule_no_cohort_window.csv",
        2,
        "R03 First FS Case Worker Start Date",
        "2017-06-01",
        "This family's Family Safeguarding start (its earliest R03) is in no cohort window configured for Bracknell Forest: Cohort 1 01/10/2017 to 31/12/2017; Cohort 2 01/01/2018 to 31/03/2018; Cohort 3 01/10/2018 to 31/12/2018; Cohort 4 01/01/2019 to 31/03/2019; Cohort 5 01/10/2019 to 31/12/2019; Cohort 6 01/01/2020 to 31/03/2020.",
    ),
    (
        "rule_no_engagement_over_assessments.csv",
        2,
        "I30 Number of Initial Assessments with no engagement",
        "2",
        "Assessments with no engagement cannot be more than the initial assessments (I29 = 1).",
    ),
    (
        "rule_not_a_date.csv",
        2,
        "R03 First FS Case Worker Start Date",
        "next tuesday",
        "This is not a date: write DD/MM/YYYY (day first) or YYYY-MM-DD.",
    ),
    (
        "rule_not_a_real_date.csv",
        2,
        "R03 First FS Case Worker Start Date",
        "31/02/2018",
        "This is not a real date. Dates are read day first (DD/MM/YYYY), never month first.",
    ),
    (
        "rule_not_a_whole_number.csv",
        2,
        "R09 No. Previous Referrals",
        "two",
        "This should be a whole number.",
    ),
    (
        "rule_not_a_zip.xlsx",
        None,
        "",
        "",
        "The file is named as an Excel workbook but is not one (an .xlsx file is a zip archive and this is not). Save it again from Excel, or upload it as CSV.",
    ),
    (
        "rule_not_text.csv",
        2,
        "",
        "",
        "The file is not text that can be read: it is neither UTF-8 nor Windows-1252 (the byte 0x81 cannot be read). Save it from Excel as 'CSV UTF-8' or as an Excel Workbook and upload it again.",
    ),
    (
        "rule_old_excel.xls",
        None,
        "",
        "",
        "This is an old-style Excel file (.xls). Save it as an Excel Workbook (.xlsx) or as CSV and upload it again.",
    ),
    (
        "rule_person_rows_disagree.csv",
        3,
        "D01 Person ID",
        "P1",
        "This person's details differ from their row 2. A person with several rows (one per plan or period of care) must have the same values in every other column on each of them.",
    ),
    (
        "rule_plan_date_without_key.csv",
        2,
        "R11 Child Protection Plan Start Date",
        "01/10/2017",
        "A child protection plan date needs the child protection plan key (R10 Unique Child Protection Plan Key) on the same row.",
    ),
    (
        "rule_plan_dates_disagree.csv",
        3,
        "R10 Unique Child Protection Plan Key",
        "CP1",
        "This key appears for the same person on row 2 with different dates. Each plan or period of care must have one start and one end date.",
    ),
    (
        "rule_plan_end_before_start.csv",
        2,
        "R12 Child Protection Plan End Date",
        "30/09/2017",
        "This date is before R11 Child Protection Plan Start Date (1 Oct 2017) on the same row.",
    ),
    (
        "rule_plan_start_missing.csv",
        2,
        "R11 Child Protection Plan Start Date",
        "",
        "R11 Child Protection Plan Start Date is required when R10 (a child protection plan key) is filled.",
    ),
    (
        "rule_previous_plan_end_before_start.csv",
        2,
        "R15 Previous Child Protection Plan End Date",
        "01/05/2017",
        "This date is before R14 Previous Child Protection Plan Start Date (1 Jun 2017) on the same row.",
    ),
    (
        "rule_previous_plan_not_before_fs.csv",
        2,
        "R15 Previous Child Protection Plan End Date",
        "02/11/2017",
        "A previous plan must have ended before the FS start date (R03, 2 Nov 2017).",
    ),
    (
        "rule_referral_end_before_start.csv",
        2,
        "R08 Referral End Date",
        "30/09/2017",
        "This date is before R06 Referral Start Date (1 Oct 2017) on the same row.",
    ),
    (
        "rule_required_value_missing.csv",
        3,
        "D01 Person ID",
        "",
        "D01 Person ID is required on every row.",
    ),
    ("rule_text_too_long.csv", 2, "D06 Ethnicity", LONG, "This is longer than 200 characters."),
    (
        "rule_tops_out_of_range.csv",
        2,
        "I32 Substance Misuse: Initial Score (TOPS)",
        "29",
        "This should be a whole number from 0 to 28.",
    ),
    (
        "rule_treatment_closed_before_start.csv",
        2,
        "I26 Closure Date",
        "30/11/2017",
        "This date is before I25 Structured treatment Start Date (1 Dec 2017) on the same row.",
    ),
    (
        "rule_uasc_adult.csv",
        2,
        "X01 UASC",
        "Y",
        "Only a child (a row with R02 Referral Key) can be an unaccompanied asylum-seeking child.",
    ),
    (
        "rule_unquoted_quote.csv",
        3,
        "",
        "",
        "Row 3 could not be read as CSV (unexpected end of data). Check its quotes.",
    ),
    (
        "rule_us_order_date.csv",
        3,
        "R03 First FS Case Worker Start Date",
        "12/25/2017",
        "This is not a real date. Dates are read day first (DD/MM/YYYY), never month first.",
    ),
]


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "message"), RULES, ids=[r[0] for r in RULES]
)
def test_each_rule_rejects_its_file_with_the_exact_report_row(
    upload, file, row, column, value, message
):
    report = upload(file)

    assert report.outcome == "rejected"
    first = report.errors[0]
    assert (first.severity, first.row, first.column, first.value, first.message) == (
        "error",
        row,
        column,
        value,
        message,
    )
    assert Person.objects.count() == 0
    assert Family.objects.count() == 0
    if report.submission is not None:
        submission = Submission.objects.get(pk=report.submission.pk)
        assert submission.status == Submission.Status.REJECTED
        assert submission.problems[0]["message"] == message


def test_every_rule_file_is_tested():
    from tests.kpi.conftest import FILES

    on_disk = {path.name for path in FILES.glob("rule_*")}
    assert on_disk == {rule[0] for rule in RULES}


def test_unknown_column_is_a_warning_and_the_file_is_accepted(upload):
    report = upload("warning_unknown_column.csv")

    assert report.outcome == "accepted"
    assert report.errors == []
    warning = report.warnings[0]
    assert (warning.row, warning.column, warning.value) == (
        1,
        "Favourite Colour",
        "Favourite Colour",
    )


def test_adult_field_on_a_child_is_a_warning_and_ignored(upload):
    report = upload("warning_adult_field_on_child.csv")

    assert report.outcome == "accepted"
    assert report.warnings[0].column == "I32 Substance Misuse: Initial Score (TOPS)"
    assert Person.objects.get().measures.tops_substance_initial is None


def test_row_numbers_count_the_header_as_row_one_and_skip_nothing(upload):
    content = b"R01,D01,R03\nF1,P1,02/11/2017\n,,\nF1,P2,02/13/2017\n"

    report = upload(content)

    assert report.errors[0].row == 4

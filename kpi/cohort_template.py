"""A blank cohort file to fill in (issue 23): every column of docs/kpi-specification.md
§4.5, headed by its field name, and one example row (a child with a child protection plan)
that the portal accepts for any quarter from Jan–Mar 2018 of an authority with the
toolkit's cohort windows. Generated from kpi.ingest.columns, so it follows the fields."""

import io
from datetime import date

from openpyxl import Workbook

from kpi.ingest.columns import COLUMNS
from seslip import csv_safety

EXAMPLE = {
    "family_key": "FAMILY-0001",
    "person_key": "PERSON-0001",
    "sex": "Female",
    "age": 8,
    "ethnicity": "White British",
    "relationship": "Child",
    "referral_key": "REFERRAL-0001",
    "fs_start": date(2017, 11, 6),
    "fs_team": "Team A",
    "referral_start": date(2017, 10, 2),
    "referral_category": "N1",
    "previous_referrals": 0,
    "cp_plan_key": "PLAN-0001",
    "cp_plan_start": date(2017, 11, 20),
    "uasc": "No",
}


def header() -> list[str]:
    return [column.name for column in COLUMNS]


def example_row() -> list:
    return [EXAMPLE.get(column.attr, "") for column in COLUMNS]


def template_csv() -> str:
    row = [value.isoformat() if isinstance(value, date) else value for value in example_row()]
    return csv_safety.render_csv(header(), [row])


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cohort"
    sheet.append(header())
    sheet.append(example_row())
    for cell in sheet[2]:
        if isinstance(cell.value, date):
            cell.number_format = "DD/MM/YYYY"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()

"""The blank cohort file on the upload page (issue 23): CSV and Excel, every column of the
specification with one example row, and the example is a file the portal accepts."""

import csv
import io

import pytest
from openpyxl import load_workbook

from kpi.ingest.columns import COLUMNS
from kpi.models import Submission

pytestmark = pytest.mark.django_db


def test_upload_page_links_both_templates(client_for, fs_bracknell):
    body = client_for("analyst_bracknell").get("/kpi/submissions/upload/").content.decode()
    assert 'href="/kpi/submissions/template.csv"' in body
    assert 'href="/kpi/submissions/template.xlsx"' in body


def test_csv_template_has_every_column_and_an_example_the_portal_accepts(client, upload):
    response = client.get("/kpi/submissions/template.csv")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [column.name for column in COLUMNS]
    assert len(rows) == 2
    report = upload(response.content, name="template.csv")
    assert report.outcome == "accepted", report.errors
    assert Submission.objects.get().row_count == 1


def test_xlsx_template_has_every_column_and_an_example_the_portal_accepts(client, upload):
    response = client.get("/kpi/submissions/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [column.name for column in COLUMNS]
    assert sheet.max_row == 2
    report = upload(response.content, name="template.xlsx")
    assert report.outcome == "accepted", report.errors

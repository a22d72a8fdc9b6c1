"""KPI pages: public definitions, and submissions seen only by the owning authority."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AccessLog
from kpi.models import Submission
from kpi.services.toolkit import load_definitions
from tests.kpi.conftest import file_bytes


@pytest.fixture
def bracknell_submissions(upload):
    """Two accepted uploads (one superseded) and one rejected, for Bracknell Forest 2018-Q1."""
    first = upload("valid_small.csv").submission
    second = upload(file_bytes("valid_small.csv").replace(b"Team A", b"Team Q")).submission
    rejected = upload("rule_age_out_of_range.csv").submission
    return first, second, rejected


def test_landing_page_links_definitions_and_shows_cohorts(client, fs_bracknell):
    response = client.get(reverse("kpi:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("kpi:definitions") in html
    assert "Bracknell Forest" in html and "Cohort 6" in html


def test_landing_page_offers_upload_to_an_analyst(client_for, fs_bracknell):
    response = client_for("analyst_bracknell").get(reverse("kpi:home"))

    assert reverse("kpi:submission-upload") in response.content.decode()


def test_definitions_page_shows_every_indicator_and_field(
    client, db, django_assert_max_num_queries
):
    load_definitions()

    with django_assert_max_num_queries(4):
        response = client.get(reverse("kpi:definitions"))

    html = response.content.decode()
    for number in range(1, 21):
        assert f'id="indicator-{number}"' in html
    assert "Latest FS Case Worker Team" in html
    assert "Unique Previous Child Protection Plan Key" in html
    assert "Count of Individuals starting a DA Intervention Programme in quarter" in html
    assert html.count('class="govuk-table__row" id="field-') == 96


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("member", 200), ("analyst_surrey", 200), ("analyst_bracknell", 200)],
)
def test_submission_list_needs_sign_in(client_for, bracknell_submissions, persona, expected):
    response = client_for(persona).get(reverse("kpi:submission-list"))

    assert response.status_code == expected


def test_submission_list_shows_only_the_own_authority(client_for, bracknell_submissions):
    mine = client_for("analyst_bracknell").get(reverse("kpi:submission-list"))
    theirs = client_for("analyst_surrey").get(reverse("kpi:submission-list"))
    admin = client_for("admin").get(reverse("kpi:submission-list"))

    assert len(mine.context["rows"]) == 3
    assert len(theirs.context["rows"]) == 0
    assert len(admin.context["rows"]) == 0


def test_submission_list_filters_by_status(client_for, bracknell_submissions):
    response = client_for("analyst_bracknell").get(
        reverse("kpi:submission-list"), {"status": "rejected", "quarter": "2018-q1"}
    )

    assert [row[0] for row in response.context["rows"]] == [bracknell_submissions[2]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("member", 404),
        ("editor_bracknell", 404),
        ("analyst_surrey", 404),
        ("regional_analyst", 404),
        ("admin", 404),
        ("analyst_bracknell", 200),
    ],
)
def test_submission_pages_are_for_the_owning_authority_only(
    client_for, bracknell_submissions, persona, expected
):
    submission = bracknell_submissions[2]
    client = client_for(persona)

    for name in ("kpi:submission-detail", "kpi:submission-report", "kpi:submission-report-csv"):
        assert client.get(reverse(name, args=[submission.pk])).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("member", 403), ("admin", 403), ("analyst_bracknell", 200)],
)
def test_upload_page_is_for_analysts(client_for, fs_bracknell, persona, expected):
    assert client_for(persona).get(reverse("kpi:submission-upload")).status_code == expected


def test_upload_page_imports_logs_and_redirects(client_for, fs_bracknell, analyst_bracknell):
    client = client_for("analyst_bracknell")
    upload = SimpleUploadedFile("cohort.csv", file_bytes("valid_small.csv"), "text/csv")

    response = client.post(
        reverse("kpi:submission-upload"),
        {"authority": fs_bracknell.pk, "quarter": "2018-q1", "file": upload},
    )

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("kpi:submission-detail", args=[submission.pk])
    assert submission.is_current and submission.uploaded_by == analyst_bracknell
    entry = AccessLog.objects.get(action=AccessLog.Action.UPLOAD)
    assert entry.authority == fs_bracknell and entry.user == analyst_bracknell


def test_upload_page_refuses_another_authority(client_for, fs_bracknell, fs_surrey):
    upload = SimpleUploadedFile("cohort.csv", file_bytes("valid_small.csv"), "text/csv")

    response = client_for("analyst_bracknell").post(
        reverse("kpi:submission-upload"),
        {"authority": fs_surrey.pk, "quarter": "2018-Q1", "file": upload},
    )

    assert response.status_code == 200
    assert "authority" in response.context["form"].errors
    assert not Submission.objects.exists()


def test_upload_page_explains_a_bad_quarter(client_for, fs_bracknell):
    upload = SimpleUploadedFile("cohort.csv", file_bytes("valid_small.csv"), "text/csv")

    response = client_for("analyst_bracknell").post(
        reverse("kpi:submission-upload"),
        {"authority": fs_bracknell.pk, "quarter": "Q1 2018", "file": upload},
    )

    assert "Enter the quarter as YYYY-Qn" in response.content.decode()


def test_rejected_submission_page_shows_first_errors_and_history(client_for, bracknell_submissions):
    rejected = bracknell_submissions[2]

    response = client_for("analyst_bracknell").get(
        reverse("kpi:submission-detail", args=[rejected.pk])
    )

    html = response.content.decode()
    assert "The file was rejected" in html
    assert "This should be a whole number from 0 to 120." in html
    assert len(response.context["history"]) == 3
    assert 'http-equiv="refresh"' not in html


def test_page_offers_progress_while_a_file_is_checked(client_for, fs_bracknell):
    submission = Submission.objects.create(
        authority=fs_bracknell,
        quarter="2018-Q1",
        sha256="x",
        status="validating",
        rows_total=50_000,
        rows_processed=20_000,
    )

    response = client_for("analyst_bracknell").get(
        reverse("kpi:submission-detail", args=[submission.pk])
    )

    html = response.content.decode()
    # No self-refreshing page (WCAG 2.2.1): the reader checks progress, or a script
    # (external, enhancement only) updates it in place.
    assert 'http-equiv="refresh"' not in html
    assert '<progress id="import-progress" max="100" value="40">' in html
    assert ">Check progress</a>" in html
    assert f'data-status-url="/api/v1/kpi/submissions/{submission.pk}/"' in html
    assert '<script type="module" src="/static/js/submission-progress.js">' in html


def test_synthetic_submission_is_marked(client_for, upload):
    submission = upload("valid_small.csv", is_synthetic=True).submission

    response = client_for("analyst_bracknell").get(
        reverse("kpi:submission-detail", args=[submission.pk])
    )

    assert "Synthetic demonstration data" in response.content.decode()


def test_report_view_and_download_are_logged(client_for, bracknell_submissions):
    rejected = bracknell_submissions[2]
    client = client_for("analyst_bracknell")

    client.get(reverse("kpi:submission-report", args=[rejected.pk]))
    client.get(reverse("kpi:submission-report-csv", args=[rejected.pk]))

    actions = set(AccessLog.objects.values_list("action", flat=True))
    assert {AccessLog.Action.VIEW_RECORDS, AccessLog.Action.DOWNLOAD} <= actions


def test_report_csv_is_safe_against_formula_injection(client_for, upload):
    rejected = upload(b'R01,D01,R03\nF1,P1,=HYPERLINK("http://x")\n').submission

    response = client_for("analyst_bracknell").get(
        reverse("kpi:submission-report-csv", args=[rejected.pk])
    )

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0] == "severity,row,letter,column,value,message"
    assert "'=HYPERLINK" in body
    assert ',"=HYPERLINK' not in body and ",=HYPERLINK" not in body


def test_report_csv_neutralises_full_width_and_padded_formulas(client_for, upload):
    rejected = upload(
        'R01,D01,R03\nF1,P1,＝HYPERLINK("http://x")\nF2,P2," @SUM(A1)"\n'.encode()
    ).submission

    body = (
        client_for("analyst_bracknell")
        .get(reverse("kpi:submission-report-csv", args=[rejected.pk]))
        .content.decode()
    )

    values = [row["value"] for row in csv.DictReader(io.StringIO(body))]
    assert '\'＝HYPERLINK("http://x")' in values
    assert all(not value.lstrip().startswith(("=", "@", "＝")) for value in values)


@pytest.mark.parametrize("copies", [1, 10])
def test_submission_list_query_count_is_constant(
    client_for, upload, copies, django_assert_max_num_queries
):
    for number in range(copies):
        upload(file_bytes("valid_small.csv").replace(b"Team A", f"Team {number}".encode()))
    client = client_for("analyst_bracknell")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("kpi:submission-list"))

    assert len(response.context["rows"]) == copies


@pytest.mark.parametrize("copies", [1, 10])
def test_submission_detail_query_count_is_constant(
    client_for, upload, copies, django_assert_max_num_queries
):
    for number in range(copies):
        submission = upload(
            file_bytes("valid_small.csv").replace(b"Team A", f"Team {number}".encode())
        ).submission
    client = client_for("analyst_bracknell")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("kpi:submission-detail", args=[submission.pk]))

    assert len(response.context["history"]) == copies


def test_submission_page_ends_with_what_to_do_next(client_for, upload):
    accepted = upload("valid_small.csv").submission
    rejected = upload("rule_not_a_whole_number.csv", quarter="2018-Q2").submission
    analyst = client_for("analyst_bracknell")

    done = analyst.get(reverse("kpi:submission-detail", args=[accepted.pk])).content.decode()
    next_steps = done.split("What to do next</h2>")[1]
    assert 'href="/kpi/authorities/bracknell-forest/"' in next_steps
    assert "/api/v1/kpi/values/?la=bracknell-forest&amp;quarter=2018-Q1&amp;format=csv" in (
        next_steps
    )

    failed = analyst.get(reverse("kpi:submission-detail", args=[rejected.pk])).content.decode()
    next_steps = failed.split("What to do next</h2>")[1]
    assert reverse("kpi:submission-report", args=[rejected.pk]) in next_steps
    assert f'href="{reverse("kpi:submission-upload")}">Upload the file again</a>' in next_steps
    assert "/kpi/authorities/bracknell-forest/" not in next_steps.split("</ol>")[0]

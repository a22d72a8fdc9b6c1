"""Counts agree with their nouns everywhere the portal prints one (issue 23): "1 finding",
"2 findings", never "1 findings" or "finding(s)". The key pages are rendered with a count
of 1 and of 2; messages written in Python go through seslip.wording.count_of."""

import re

import pytest
from django.utils.html import strip_tags

from kpi.models import Submission
from kpi.services.import_report import ImportReport, Outcome
from seslip.wording import count_of
from tests.factories import EvaluationFactory, FindingFactory, PracticeModelFactory

pytestmark = pytest.mark.django_db

NOUNS = (
    "finding",
    "evaluation",
    "report",
    "error",
    "warning",
    "row",
    "submission",
    "model",
    "place",
    "minute",
    "month",
    "contact",
)


def wording_faults(html: str) -> list[str]:
    """Every "1 <noun>s" and "<noun>(s)" in the page's text."""
    text = " ".join(strip_tags(html).split())
    nouns = "|".join(NOUNS)
    faults = re.findall(rf"(?<![\d,.])1 (?:\w+ )?(?:{nouns})s\b", text)
    return faults + re.findall(rf"\b(?:{nouns})\(s\)", text)


def text_of(response) -> str:
    assert response.status_code == 200
    return " ".join(strip_tags(response.content.decode()).split())


@pytest.mark.parametrize("count", [1, 2])
def test_evidence_pages_agree_with_their_counts(client, count):
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    evaluations = EvaluationFactory.create_batch(count)
    for evaluation in evaluations:
        FindingFactory(evaluation=evaluation, practice_model=model)
    noun = "finding" if count == 1 else "findings"
    for url in ("/evidence/", "/evidence/search/", "/evidence/evaluations/"):
        page = client.get(url)
        assert not wording_faults(page.content.decode()), url
    assert f"{count} {noun}" in text_of(client.get("/evidence/search/"))
    assert f"{count} {noun}" in text_of(client.get("/evidence/"))
    evaluations_text = text_of(client.get("/evidence/evaluations/"))
    expected = "1 evaluation or report" if count == 1 else "2 evaluations or reports"
    assert expected in evaluations_text


@pytest.mark.parametrize("count", [1, 2])
def test_submission_pages_agree_with_their_counts(client_for, bracknell, count):
    submission = Submission.objects.create(
        authority=bracknell,
        quarter="2018-Q1",
        sha256="0" * 64,
        file_name="bracknell.csv",
        status=Submission.Status.REJECTED,
        error_count=count,
        warning_count=count,
        row_count=count,
    )
    analyst = client_for("analyst_bracknell")
    for url in (
        f"/kpi/submissions/{submission.pk}/",
        f"/kpi/submissions/{submission.pk}/report/",
    ):
        page = analyst.get(url)
        assert page.status_code == 200, url
        assert not wording_faults(page.content.decode()), url
    detail = text_of(analyst.get(f"/kpi/submissions/{submission.pk}/"))
    assert f"{count} error{'' if count == 1 else 's'}" in detail
    assert f"{count} warning{'' if count == 1 else 's'}" in detail


@pytest.mark.parametrize("count", [1, 2])
def test_messages_written_in_python_agree_with_their_counts(bracknell, count):
    submission = Submission(authority=bracknell, quarter="2018-Q1")
    accepted = ImportReport(Outcome.ACCEPTED, submission, row_count=count).message
    rejected = ImportReport(Outcome.REJECTED, submission, error_count=count).message
    if count == 1:
        assert accepted.startswith("Accepted: 1 row is now the current submission")
        assert rejected.startswith("Rejected with 1 error:")
    else:
        assert accepted.startswith("Accepted: 2 rows are now the current submission")
        assert rejected.startswith("Rejected with 2 errors:")


def test_count_of_uses_the_singular_for_one_only():
    assert count_of(1, "finding") == "1 finding"
    assert count_of(0, "finding") == "0 findings"
    assert count_of(2, "family", "families") == "2 families"
    assert count_of(1234, "row") == "1,234 rows"
    assert count_of(1, "person", "people") == "1 person"

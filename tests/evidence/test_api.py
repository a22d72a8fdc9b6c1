"""The evidence API: slugs, the shared filters, pagination, CSV export and its safety."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType

from evidence.models import Evaluation, Finding
from seslip.csv_safety import cell
from tests.factories import EvaluationFactory, FindingFactory, PracticeModelFactory

pytestmark = pytest.mark.django_db


def test_findings_search_returns_the_hertfordshire_finding_like_the_page(client, loaded_evidence):
    data = client.get("/api/v1/evidence/findings/", {"q": "entering care"}).json()
    result = next(
        r for r in data["results"] if r["key"] == "herts-fsm-families-with-child-entering-care"
    )
    assert (result["value_before"], result["value_after"]) == ("12.00", "10.00")
    assert result["page_reference"] == "p11"
    assert result["evaluation"]["strength"] == "preliminary"
    assert result["practice_model"] == "family-safeguarding"
    assert result["page"].endswith(
        "/evidence/findings/herts-fsm-families-with-child-entering-care/"
    )


def test_evaluation_and_finding_lookups_by_slug(client, loaded_evidence):
    evaluation = client.get("/api/v1/evidence/evaluations/signs-of-safety-wwcsc-review-2018/")
    assert evaluation.status_code == 200
    assert evaluation.json()["practice_models"] == ["signs-of-safety"]
    finding = client.get("/api/v1/evidence/findings/bh-cp-plans/").json()
    assert (finding["value_before"], finding["value_after"]) == ("414.00", "391.00")


def test_findings_share_the_page_filters(client, loaded_evidence):
    data = client.get(
        "/api/v1/evidence/findings/", {"model": "family-safeguarding", "source": "self_reported"}
    ).json()
    assert data["count"] > 0
    assert all(r["evaluation"]["self_reported"] for r in data["results"])
    assert all(r["practice_model"] == "family-safeguarding" for r in data["results"])


def test_drafts_are_not_in_the_api(client, db):
    FindingFactory(key="draft-one", status="draft")
    assert client.get("/api/v1/evidence/findings/").json()["count"] == 0
    assert client.get("/api/v1/evidence/findings/draft-one/").status_code == 404


def test_api_is_read_only(client, db):
    assert client.post("/api/v1/evidence/findings/", {}).status_code in (401, 403, 405)


def test_list_paginates(client, db):
    FindingFactory.create_batch(55)
    data = client.get("/api/v1/evidence/findings/").json()
    assert data["count"] == 55 and len(data["results"]) == 50 and data["next"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-66", "'-66"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (None, ""),
    ],
)
def test_csv_cells_are_safe_against_formula_injection(value, expected):
    assert cell(value) == expected


def test_csv_export_uses_the_filters_and_neutralises_formulas(client, db):
    model = PracticeModelFactory(slug="family-safeguarding")
    FindingFactory(practice_model=model, statement="=cmd|' /C calc'!A0", measure="@x")
    FindingFactory(statement="other model")
    response = client.get("/api/v1/evidence/findings-csv/", {"model": "family-safeguarding"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert rows[0]["statement"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["measure"] == "'@x"


def test_a_finding_keyed_csv_is_the_finding_not_the_export(client, db):
    # The export once lived at findings/csv/, which shadowed this finding (schema fuzz).
    FindingFactory(key="csv", statement="A finding that happens to be keyed csv")
    response = client.get("/api/v1/evidence/findings/csv/")
    assert response["Content-Type"] == "application/json"
    assert response.json()["statement"] == "A finding that happens to be keyed csv"


def test_schema_lists_the_evidence_endpoints(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/evidence/evaluations/",
        "/api/v1/evidence/evaluations/{slug}/",
        "/api/v1/evidence/findings/",
        "/api/v1/evidence/findings/{key}/",
        "/api/v1/evidence/findings-csv/",
    ):
        assert path in paths, path
    names = {p["name"] for p in paths["/api/v1/evidence/findings/"]["get"]["parameters"]}
    assert {"q", "model", "authority", "outcome", "strength", "source", "year_from"} <= names
    csv_names = {p["name"] for p in paths["/api/v1/evidence/findings-csv/"]["get"]["parameters"]}
    assert names - {"page"} <= csv_names


@pytest.mark.parametrize("path", ["/api/v1/evidence/findings/", "/api/v1/evidence/evaluations/"])
def test_api_list_query_count_is_constant(client, django_assert_max_num_queries, db, path):
    FindingFactory()
    # Content types are looked up once per process (Django caches them): not per request.
    ContentType.objects.get_for_models(Evaluation, Finding)
    # + the response cache's data version; + the citations
    with django_assert_max_num_queries(6):
        client.get(path)
    evaluation = EvaluationFactory()
    FindingFactory.create_batch(10, evaluation=evaluation)
    FindingFactory.create_batch(10)
    with django_assert_max_num_queries(6):
        assert client.get(path).status_code == 200

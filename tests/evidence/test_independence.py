"""Independence follows who produced a document (docs/evidence-scale.md, "Independence")."""

import tomllib

import pytest

from evidence import region_data, selectors
from evidence.independence import PRODUCERS, is_independent, kind_problem
from evidence.models import Evaluation, Finding, Strength
from evidence.region_data import EvidenceDataInvalid, check_independence

NOT_INDEPENDENT = {
    "authority",
    "authority_working_group",
    "committee_paper",
    "provider",
    "regional_group",
    "learning_summary",
    "not_stated",
}


def test_only_evaluators_reviewers_and_inspectorates_are_independent():
    assert {key for key in PRODUCERS if is_independent(key)} == {
        "independent_evaluator",
        "systematic_reviewer",
        "inspectorate",
    }
    assert set(PRODUCERS) - NOT_INDEPENDENT == {key for key in PRODUCERS if is_independent(key)}
    assert not is_independent("university")  # an unknown producer is never independent


@pytest.mark.parametrize("producer", sorted(NOT_INDEPENDENT))
def test_a_producer_that_is_not_independent_cannot_be_called_independent(producer):
    for kind in ("independent", "interim", "review", "inspection"):
        assert "not independent" in kind_problem(producer=producer, kind=kind)
    assert kind_problem(producer=producer, kind="self_reported") is None


def test_an_independent_producer_cannot_be_filed_as_self_reported():
    assert kind_problem(producer="inspectorate", kind="inspection") is None
    assert "is independent" in kind_problem(producer="inspectorate", kind="self_reported")


def _data(**evaluation):
    return {"evaluation": [{"slug": "working-group-report", **evaluation}]}


def test_the_loader_names_an_evaluation_whose_kind_breaks_the_rule():
    with pytest.raises(EvidenceDataInvalid) as refused:
        check_independence(_data(producer="authority_working_group", kind="independent"))
    message = str(refused.value)
    assert "evidence.toml" in message
    assert "'working-group-report'" in message
    assert "the authority's own working group" in message


def test_the_loader_refuses_an_evaluation_without_a_producer():
    with pytest.raises(EvidenceDataInvalid, match="producer ''"):
        check_independence(_data(kind="independent"))


def test_load_refuses_the_file_before_writing_anything(seed_registry, tmp_path):
    data = (region_data.DATA_FILE).read_text()
    broken = data.replace('producer = "committee_paper"', 'producer = "independent_evaluator"')
    assert broken != data
    path = tmp_path / "evidence.toml"
    path.write_text(broken)
    with pytest.raises(EvidenceDataInvalid, match="city-of-london-social-work-model-review"):
        region_data.load(path=path)
    assert not Evaluation.objects.exists()


def test_every_evaluation_in_the_library_names_its_producer():
    with region_data.DATA_FILE.open("rb") as handle:
        evaluations = tomllib.load(handle)["evaluation"]
    assert all(row.get("producer") in PRODUCERS for row in evaluations)
    check_independence({"evaluation": evaluations})


@pytest.mark.parametrize(
    "slug",
    [
        "brighton-hove-university-of-sussex-2017",  # the authority's own working group
        "city-of-london-social-work-model-review-2017",  # an internal committee paper
        "learning-summary-3-systemic-models-2017",  # relays projects' own figures
        "islington-doing-what-counts-evaluation-2017",  # producer not named
    ],
)
def test_documents_not_produced_independently_are_kept_but_not_rated(loaded_evidence, slug):
    evaluation = Evaluation.objects.get(slug=slug)
    assert evaluation.is_self_reported
    assert (evaluation.strength, evaluation.sms_level) == (Strength.NOT_RATED, None)
    assert evaluation.findings.published().exists()


def test_independent_counts_on_the_map_follow_the_producer(loaded_evidence):
    independent = set(
        Evaluation.objects.exclude(kind=Evaluation.Kind.SELF_REPORTED).values_list(
            "slug", flat=True
        )
    )
    assert independent == {
        "family-safeguarding-hertfordshire-york-consulting-2017",
        "signs-of-safety-baginsky-2017",
        "signs-of-safety-wwcsc-review-2018",
        "signs-of-safety-eip2-baginsky-2018-19",
        "hampshire-approach-oxford-brookes",
        "ofsted-hampshire-ilacs-2019",
        "ofsted-brighton-hove-ilacs-2018",
        "ofsted-east-sussex-2018",
    }
    expected = Finding.objects.published().filter(evaluation__slug__in=independent).count()
    evidence_map = selectors.evidence_map()
    assert sum(row.independent_total for row in evidence_map.rows) == expected
    relationship = next(
        r for r in evidence_map.rows if r.model and r.model.slug == "team-around-the-relationship"
    )
    # Only Ofsted's 2018 findings: the working group's report no longer counts.
    assert relationship.independent_total == 2

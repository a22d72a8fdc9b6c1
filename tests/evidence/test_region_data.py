"""The loader: every seed document's figures arrive with their citations, idempotently."""

from decimal import Decimal

import pytest

from evidence import region_data
from evidence.models import Evaluation, Finding, OutcomeDomain
from models_registry.models import PracticeModel

pytestmark = pytest.mark.django_db


def finding(key: str) -> Finding:
    return Finding.objects.select_related("evaluation", "authority", "practice_model").get(key=key)


def test_loading_twice_leaves_the_same_counts(loaded_evidence):
    counts = (OutcomeDomain.objects.count(), Evaluation.objects.count(), Finding.objects.count())
    again = region_data.load()
    assert again.created == again.updated == 0
    assert again.unchanged == loaded_evidence.created
    assert counts == (
        OutcomeDomain.objects.count(),
        Evaluation.objects.count(),
        Finding.objects.count(),
    )
    assert again.findings == Finding.objects.count()


def test_missing_registry_slugs_are_listed_in_a_clear_error(seed_registry):
    PracticeModel.objects.filter(slug="family-safeguarding").delete()
    with pytest.raises(region_data.MissingRegistrySlugs) as raised:
        region_data.load()
    assert raised.value.models == ["family-safeguarding"]
    assert "family-safeguarding" in str(raised.value)
    assert "registry loader" in str(raised.value)
    assert not Evaluation.objects.exists()


def test_every_finding_cites_its_document_and_section(loaded_evidence):
    for item in Finding.objects.select_related("evaluation"):
        assert item.evaluation.source_document
        assert item.source_section
        assert item.status == Finding.Status.PUBLISHED
        if item.quotation:
            assert item.quotation_attribution


def test_seed_001_hertfordshire_york_consulting_figures(loaded_evidence):
    entering = finding("herts-fsm-families-with-child-entering-care")
    assert (entering.value_before, entering.value_after) == (Decimal("12"), Decimal("10"))
    assert entering.sample_size == 221 + 165
    assert entering.page_reference == "p11"
    assert entering.authority.slug == "hertfordshire"
    days = finding("herts-fsm-days-in-care-per-family")
    assert (days.value_before, days.value_after) == (Decimal("20.5"), Decimal("9.8"))
    assert days.unit == "days per family"
    assert finding("herts-fsm-good-authority-skill").significance == "significant"
    care = finding("herts-fsm-care-and-engagement-skill")
    assert (care.significance, care.direction) == ("not_significant", "no_change")
    assert finding("herts-fsm-police-contacts").change_value == Decimal("-66")
    assert finding("herts-fsm-adult-emergency-admissions").change_value == Decimal("-50")
    savings = finding("herts-fsm-first-year-savings")
    assert savings.value_after == Decimal("2600000")
    assert savings.page_reference == "p12"
    evaluation = Evaluation.objects.get(
        slug="family-safeguarding-hertfordshire-york-consulting-2017"
    )
    # The SESLIP report does not name the Hertfordshire evaluators (§1.3.1): York Consulting
    # evaluates Bracknell Forest and West Berkshire (§1.3.13).
    assert evaluation.evaluator.startswith("Not named in the SESLIP report")
    assert (evaluation.year, evaluation.strength, evaluation.publisher) == (2017, "preliminary", "")
    assert evaluation.source_document == "seslip-models-of-social-work-practice-2020"


def test_seed_001_self_reported_fsm_is_kept_labelled_and_unrated(loaded_evidence):
    bracknell = finding("bracknell-fsm-cost-avoidance")
    assert bracknell.evaluation.is_self_reported
    assert bracknell.evaluation.strength == "not_rated"
    assert bracknell.evaluation.sms_level is None
    assert bracknell.value_after == Decimal("2000000")
    assert bracknell.value_after_kind == "lower_bound"  # "over £2m"
    assert bracknell.quotation == "over £2m per annum in cost avoidance"
    assert "Autumn 2020" in bracknell.evaluation.due
    west_berkshire = finding("west-berkshire-fsm-cost-avoidance")
    assert west_berkshire.figure("value_after").kind == "lower_bound"  # "over £3M"
    assert west_berkshire.value_after == Decimal("3000000")


def test_seed_001_signs_of_safety_and_other_models(loaded_evidence):
    review = finding("sos-wwcsc-no-evidence-entering-care")
    assert "very low strength" in review.quotation
    assert review.evaluation.year == 2018
    assert finding("sos-eip2-cp-conferences-and-plans").significance == "significant"
    assert finding("sos-eip2-repeat-cp-plans").significance == "not_significant"
    assert finding("sos-eip2-cin-duration").comparison_label == "statistical nearest neighbours"
    assert finding("sos-roses-ofsted-divergence").page_reference == "p3"
    assert finding("sos-roses-comprehensive-implementation").page_reference == "p83"
    assert finding("sos-roses-align-documentation").page_reference == "p84"
    assert finding("sos-roses-culture-change").page_reference == "p85"
    assert finding("sos-2017-families-involvement").sample_size == 270
    assert finding("hampshire-cp-plans-23-percent").change_value == Decimal("-23")
    assert finding("hampshire-lac-4-percent").change_value == Decimal("-4")
    assert finding("hampshire-caseloads-30-percent").change_value == Decimal("-30")
    caseload = finding("bh-caseload-per-social-worker")
    # "between 18 and 19" (§4.3.6) is a range: no midpoint is stored.
    assert (caseload.value_before_kind, caseload.value_before_upper) == ("range", Decimal("19"))
    assert (caseload.value_before, caseload.value_after) == (Decimal("18"), Decimal("15"))
    turnover = finding("east-sussex-turnover")
    assert (turnover.value_after, turnover.comparison_value) == (Decimal("12"), Decimal("16"))
    assert finding("east-sussex-recommend-employer").value_after == Decimal("95")
    assert Evaluation.objects.get(slug="ofsted-hampshire-ilacs-2019").kind == "inspection"


def test_seed_002_learning_summary_figures(loaded_evidence):
    rsw = finding("ls3-rsw-remained-at-home")
    assert (rsw.value_after, rsw.sample_size) == (Decimal("79"), 119)
    assert finding("ls3-rsw-savings").value_after == Decimal("1300000")
    leeds = finding("ls3-leeds-fgc-savings")
    assert (leeds.value_before, leeds.value_after, leeds.unit) == (
        Decimal("34"),
        Decimal("24"),
        "weeks",
    )
    assert "£755 per family" in leeds.quotation
    assert finding("ls3-leeds-fgc-and-training").value_after == Decimal("660")
    assert finding("ls3-leeds-cp-cin-falls").change_value == Decimal("-13")
    herts = finding("ls3-herts-reach")
    assert (herts.value_after, herts.sample_size) == (Decimal("44"), 940)
    assert finding("ls3-herts-police-nhs-savings").change_value == Decimal("-53")
    admin = finding("ls3-hampshire-administrator")
    assert (admin.value_before, admin.value_after) == (Decimal("34"), Decimal("58"))
    assert finding("ls3-tri-borough-lac").change_value == Decimal("-10")
    assert finding("ls3-stockport-savings").value_after == Decimal("1200000")
    assert finding("ls3-mtm-signs-of-safety-training").value_after == Decimal("7000")
    assert finding("ls3-west-berkshire-restorative-training").value_after == Decimal("1000")
    assert (
        finding("ls3-herts-reach").evaluation.source_document
        == "innovation-programme-learning-summary-3"
    )


def test_seed_003_city_of_london_review(loaded_evidence):
    ratings = finding("col-sos-innovation-ofsted-ratings")
    assert "Lincolnshire (Good)" in ratings.statement
    assert "Norfolk (Inadequate)" in ratings.statement
    assert ratings.source_section == "¶13"
    assert "Tri-borough (2 Outstanding, 1 Good)" in finding("col-systemic-ofsted-ratings").statement
    islington = Evaluation.objects.get(slug="islington-doing-what-counts-evaluation-2017")
    assert islington.source_document == "city-of-london-social-work-model-2017"
    assert "insufficient evidence" in finding("islington-outcomes-insufficient-evidence").quotation
    assert finding("col-strengthening-practice-waltham-forest").authority.slug == "waltham-forest"


def test_seed_004_brighton_and_hove_monitoring(loaded_evidence):
    expected = {
        "bh-clients-open": ("2152", "2121"),
        "bh-cp-plans": ("414", "391"),
        "bh-children-in-care": ("439", "407"),
        "bh-complaints": ("41", "15"),
    }
    for key, (before, after) in expected.items():
        item = finding(key)
        assert (item.value_before, item.value_after) == (Decimal(before), Decimal(after)), key
        assert item.evaluation.source_document == "brighton-hove-our-journey"
    cicc = finding("bh-cicc-overall-happy")
    assert (cicc.value_after, cicc.sample_size) == (Decimal("4.1"), 19)
    parents = finding("bh-parents-overall-positive")
    assert (parents.value_after, parents.sample_size) == (Decimal("4.2"), 23)
    health = finding("bh-health-check-caseloads")
    assert (health.value_after, health.sample_size) == (Decimal("65"), 107)
    assert finding("bh-health-check-hours").value_after == Decimal("70")


def test_loads_after_the_real_registry_loader(db):
    from models_registry import region_data as registry

    registry.load()
    summary = region_data.load()
    assert summary.findings == Finding.objects.count() > 100


def test_seed_000_regional_call_for_evidence(loaded_evidence):
    survey = Evaluation.objects.get(slug="seslip-call-for-evidence-autumn-2019")
    assert (survey.sample_authorities, survey.source_document) == (
        18,
        "seslip-reference-group-2020",
    )
    assert survey.is_self_reported
    challenges = finding("seslip-2019-shared-challenges")
    assert challenges.practice_model is None
    assert challenges.sample_size is None  # the overview does not say all 18 said so
    assert challenges.source_section == "Overview §2.6"
    assert "short term" in challenges.quotation

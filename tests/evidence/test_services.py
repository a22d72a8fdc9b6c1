"""Proposing, publishing and rating, with the personas of the access matrix."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from evidence import services
from evidence.models import Evaluation, Finding
from tests.factories import (
    EvaluationFactory,
    FindingFactory,
    LocalAuthorityFactory,
    OutcomeDomainFactory,
    PracticeModelFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bracknell():
    return LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")


@pytest.fixture
def surrey():
    return LocalAuthorityFactory(slug="surrey", name="Surrey")


@pytest.fixture
def personas(bracknell):
    return {
        "admin": UserFactory(email="admin@example.org", role="regional_admin"),
        "editor_bracknell": UserFactory(
            email="editor@bracknell.example.org", role="authority_editor", authority=bracknell
        ),
        "analyst_bracknell": UserFactory(
            email="analyst@bracknell.example.org", role="authority_analyst", authority=bracknell
        ),
        "member": UserFactory(email="member@example.org"),
    }


def proposal(authority):
    return {
        "key": "bracknell-new",
        "evaluation": EvaluationFactory(self_reported=True),
        "practice_model": PracticeModelFactory(),
        "authority": authority,
        "outcome_domain": OutcomeDomainFactory(),
        "statement": "Fewer children came into care.",
        "direction": "improved",
        "source_section": "Local report",
    }


def test_editor_proposes_a_draft_about_their_own_authority(personas, bracknell):
    finding = services.propose_finding(user=personas["editor_bracknell"], **proposal(bracknell))
    assert finding.status == Finding.Status.DRAFT
    assert finding.proposed_by == personas["editor_bracknell"]


@pytest.mark.parametrize("persona", ["editor_bracknell", "analyst_bracknell", "member"])
def test_only_own_authority_editors_may_propose(personas, surrey, bracknell, persona):
    with pytest.raises(PermissionDenied):
        services.propose_finding(user=personas[persona], **proposal(surrey))
    if persona != "editor_bracknell":
        with pytest.raises(PermissionDenied):
            services.propose_finding(user=personas[persona], **proposal(bracknell))


def test_regional_admin_publishes_a_draft(personas):
    draft = FindingFactory(status="draft")
    services.publish_finding(finding=draft, user=personas["admin"])
    draft.refresh_from_db()
    assert draft.status == Finding.Status.PUBLISHED
    assert draft.published_by == personas["admin"] and draft.published_at


@pytest.mark.parametrize("persona", ["editor_bracknell", "analyst_bracknell", "member"])
def test_nobody_else_may_publish(personas, persona):
    draft = FindingFactory(status="draft")
    with pytest.raises(PermissionDenied):
        services.publish_finding(finding=draft, user=personas[persona])
    draft.refresh_from_db()
    assert draft.status == Finding.Status.DRAFT


def test_rating_is_recorded_with_its_reason_and_history(personas):
    evaluation = EvaluationFactory(sms_level=3, strength="moderate")
    services.rate_evaluation(
        evaluation=evaluation,
        strength="preliminary",
        sms_level=3,
        reason="Interim results only.",
        user=personas["admin"],
    )
    evaluation.refresh_from_db()
    assert (evaluation.strength, evaluation.strength_reason) == (
        "preliminary",
        "Interim results only.",
    )
    latest = evaluation.history.first()
    assert latest.strength == "preliminary"
    assert latest.history_change_reason.startswith("Rated preliminary")
    assert evaluation.history.count() == 2


def test_a_rating_cannot_exceed_what_the_design_supports(personas):
    evaluation = EvaluationFactory()
    with pytest.raises(ValidationError):
        services.rate_evaluation(
            evaluation=evaluation,
            strength="strong",
            sms_level=2,
            reason="Wishful",
            user=personas["admin"],
        )


def test_self_reported_material_can_never_be_rated(personas):
    own = EvaluationFactory(self_reported=True)
    with pytest.raises(ValidationError):
        services.rate_evaluation(
            evaluation=own, strength="moderate", sms_level=3, reason="No", user=personas["admin"]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.filter(pk=own.pk).update(strength="moderate")


def test_a_rating_needs_a_reason(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationFactory(strength_reason="")

"""An authority editor proposes a finding on the portal's own pages (question page, check
your answers, confirmation), and changes it when it is sent back: no admin site."""

import pytest
from django.test import Client
from django.urls import reverse

from evidence import services
from evidence.models import Finding
from tests.factories import EvaluationFactory, OutcomeDomainFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(bracknell):
    return UserFactory(
        email="editor@bracknell-forest.example.org", role="authority_editor", authority=bracknell
    )


@pytest.fixture
def answers(db):
    SourceFactory(key="bf-account", title="Bracknell Forest's own account")
    return {
        "evaluation": EvaluationFactory().pk,
        "outcome_domain": OutcomeDomainFactory().pk,
        "statement": "Re-referrals fell by a third.",
        "direction": "improved",
        "source_section": "§2",
        "cite_source": "bf-account",
        "cite_locator": "p 4",
        "version": "",
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_editor_proposes_a_finding_through_check_answers(editor, bracknell, answers):
    client = signed_in(editor)
    response = client.post(reverse("evidence:proposal-new"), answers)
    assert response.status_code == 302
    check = client.get(response.url)
    assert "Re-referrals fell by a third." in check.content.decode()
    assert not Finding.objects.exists()

    sent = client.post(reverse("evidence:proposal-check"))
    finding = Finding.objects.get()
    assert sent.url == reverse("evidence:proposal-sent", kwargs={"key": finding.key})
    assert (finding.status, finding.authority, finding.proposed_by) == (
        Finding.Status.DRAFT,
        bracknell,
        editor,
    )
    assert finding.citations.get().locator == "p 4"
    assert finding.history.first().history_change_reason == "Proposed by an authority editor"


def test_a_sent_back_proposal_is_changed_and_returns_to_the_queue(
    editor, admin, answers, bracknell
):
    client = signed_in(editor)
    client.post(reverse("evidence:proposal-new"), answers)
    client.post(reverse("evidence:proposal-check"))
    finding = Finding.objects.get()
    services.review_finding(finding=finding, decision="send_back", comment="Period?", user=admin)
    finding.refresh_from_db()

    change = reverse("evidence:proposal-change", kwargs={"key": finding.key})
    version = client.get(change).context["form"]["version"].value()
    client.post(change, {**answers, "period": "2018–19", "version": version})
    client.post(reverse("evidence:proposal-check", kwargs={"key": finding.key}))

    finding.refresh_from_db()
    assert (finding.status, finding.period) == (Finding.Status.DRAFT, "2018–19")
    assert finding.citations.filter(field="period").exists()


def test_an_editor_cannot_change_another_authoritys_proposal(answers, surrey, editor):
    other = UserFactory(email="e@surrey.example.org", role="authority_editor", authority=surrey)
    client = signed_in(editor)
    client.post(reverse("evidence:proposal-new"), answers)
    client.post(reverse("evidence:proposal-check"))
    key = Finding.objects.get().key
    response = signed_in(other).get(reverse("evidence:proposal-change", kwargs={"key": key}))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["member", "analyst_bracknell", "admin"])
def test_only_authority_editors_propose_on_these_pages(client_for, persona):
    assert client_for(persona).get(reverse("evidence:proposal-new")).status_code == 403

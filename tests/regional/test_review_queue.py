"""The review queue: each finding an authority editor proposes is published, sent back with
a comment, or declined, and the proposer is emailed each time; editors see their proposals
and the comments."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from evidence import services
from evidence.models import Finding, FindingReview
from tests.factories import FindingFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def proposal(editor_bracknell, bracknell):
    return FindingFactory(
        key="bracknell-proposal",
        authority=bracknell,
        status=Finding.Status.DRAFT,
        statement="Re-referrals fell by a third.",
        proposed_by=editor_bracknell,
    )


def decide(admin, proposal, **answers):
    return signed_in(admin).post(reverse("regional:review", kwargs={"key": proposal.key}), answers)


def test_the_queue_lists_proposals_waiting(admin, proposal):
    FindingFactory(statement="Already public.")
    page = signed_in(admin).get(reverse("regional:review-queue")).content.decode()
    assert "Re-referrals fell by a third." in page
    assert "Already public." not in page


def test_publishing_makes_the_finding_public_and_emails_the_proposer(
    admin, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(admin, proposal, decision="publish", comment="")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Finding.Status.PUBLISHED and proposal.published_by == admin
    assert proposal.history.first().history_change_reason == "Published by the regional team"
    (email,) = mail.outbox
    assert email.to == ["editor@bracknell-forest.example.org"]
    assert email.subject == "Your proposed finding is published"
    assert "Re-referrals fell by a third." in email.body
    assert f"/evidence/findings/{proposal.key}/" in email.body
    done = signed_in(admin).get(response.url).content.decode()
    assert "Finding published" in done and "We have emailed the proposer" in done


def test_sending_back_needs_a_comment(admin, proposal):
    response = decide(admin, proposal, decision="send_back", comment="  ")
    assert response.status_code == 200
    assert "Enter a comment saying what the proposer should change" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Finding.Status.DRAFT
    assert not mail.outbox


def test_sent_back_the_editor_sees_the_comment_and_a_change_returns_it_to_the_queue(
    admin, editor_bracknell, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(admin, proposal, decision="send_back", comment="Give the period, please.")
    proposal.refresh_from_db()
    assert proposal.status == Finding.Status.SENT_BACK
    (email,) = mail.outbox
    assert email.subject == "Your proposed finding needs changes"
    assert "Give the period, please." in email.body
    assert "/evidence/proposals/" in email.body

    page = signed_in(editor_bracknell).get(reverse("evidence:proposals")).content.decode()
    assert "Give the period, please." in page
    assert "Sent back to the proposer for changes" in page

    proposal.period = "2018–19"
    services.save_draft_finding(finding=proposal, user=editor_bracknell)
    queue = signed_in(admin).get(reverse("regional:review-queue")).content.decode()
    assert "Changed after being sent back" in queue


def test_declining_emails_the_proposer_and_leaves_the_queue(
    admin, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(admin, proposal, decision="decline", comment="Not a finding of the evaluation.")
    proposal.refresh_from_db()
    assert proposal.status == Finding.Status.DECLINED
    assert mail.outbox[0].subject == "Your proposed finding was declined"
    assert (
        signed_in(admin).get(reverse("regional:review", kwargs={"key": proposal.key})).status_code
        == 404
    )


def test_a_decided_proposal_cannot_be_decided_again(admin, proposal):
    services.review_finding(finding=proposal, decision="decline", comment="", user=admin)
    with pytest.raises(services.ReviewRefused):
        services.review_finding(finding=proposal, decision="publish", comment="", user=admin)
    assert FindingReview.objects.count() == 1


def test_an_editor_cannot_review(editor_bracknell, proposal):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.review_finding(
            finding=proposal, decision="publish", comment="", user=editor_bracknell
        )


def test_editors_see_only_their_own_authoritys_proposals(editor_surrey, proposal):
    page = signed_in(editor_surrey).get(reverse("evidence:proposals")).content.decode()
    assert "Re-referrals fell by a third." not in page


@pytest.fixture
def editor_surrey(surrey):
    from tests.factories import UserFactory

    return UserFactory(email="editor@surrey.example.org", role="authority_editor", authority=surrey)

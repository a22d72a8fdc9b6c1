"""The regional team's question pages: answer, check, save; history and citations; and no
lost edits (optimistic locking)."""

import pytest
from django.test import Client
from django.urls import reverse

from evidence.models import Finding
from models_registry.models import PracticeModel
from sources.models import Citation, Source
from tests.factories import FindingFactory, PracticeModelFactory, SourceFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def model_answers(model: PracticeModel, **changes) -> dict:
    answers = {
        "name": model.name,
        "short_name": model.short_name,
        "slug": model.slug,
        "kind": model.kind,
        "overview": model.overview,
        "developed_by": model.developed_by,
        "origin_place": model.origin_place,
        "origin_period": model.origin_period,
        "key_features": model.key_features,
        "evaluation": model.evaluation,
        "funding_and_costs": model.funding_and_costs,
        "drivers_and_challenges": model.drivers_and_challenges,
        "website": model.website,
        "table_position": model.table_position,
        "cite_source": "seslip-report",
        "cite_locator": "§2.1",
    }
    return {**answers, **changes}


def open_question(client: Client, url: str) -> str:
    """Open a question page and return the version it carries."""
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"]["version"].value()


def test_admin_changes_a_practice_model_with_its_source_and_history(admin, source):
    model = PracticeModelFactory(name="Family Safeguarding", overview="Old overview.")
    client = signed_in(admin)
    change = reverse("regional:models-change", kwargs={"pk": model.pk})
    version = open_question(client, change)

    response = client.post(change, model_answers(model, overview="New overview.", version=version))
    check = reverse("regional:models-check", kwargs={"pk": model.pk})
    assert response.status_code == 302 and response.url == check

    page = client.get(check)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Check your answers" in text
    assert "New overview. (changed)" in text
    assert "Models of Social Work Practice" in text
    # Nothing is saved before the answers are checked.
    model.refresh_from_db()
    assert model.overview == "Old overview."

    saved = client.post(check)
    assert saved.status_code == 302
    model.refresh_from_db()
    assert model.overview == "New overview."
    latest = model.history.first()
    assert latest.history_user == admin
    assert latest.history_change_reason == (
        "Changed overview by the regional team, from Models of Social Work Practice, §2.1"
    )
    citation = Citation.objects.get(object_id=model.pk, field="overview")
    assert (citation.source.key, citation.locator) == ("seslip-report", "§2.1")

    confirmation = client.get(saved.url)
    assert "Your changes are saved" in confirmation.content.decode()
    public = signed_in(admin).get(reverse("model-detail", kwargs={"slug": model.slug}))
    assert "New overview." in public.content.decode()


def test_a_missing_citation_is_an_error_on_the_question_page(admin, source):
    model = PracticeModelFactory()
    client = signed_in(admin)
    change = reverse("regional:models-change", kwargs={"pk": model.pk})
    version = open_question(client, change)
    answers = model_answers(model, overview="Changed", version=version, cite_locator="")
    response = client.post(change, answers)
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Enter where in the document this comes from" in text
    assert 'href="#id_cite_locator"' in text


def test_change_links_on_check_answers_return_to_the_answers_given(admin, source):
    model = PracticeModelFactory(overview="Old")
    client = signed_in(admin)
    change = reverse("regional:models-change", kwargs={"pk": model.pk})
    version = open_question(client, change)
    client.post(change, model_answers(model, overview="Draft answer", version=version))
    back = client.get(change + "?back=1")
    assert back.context["form"]["overview"].value() == "Draft answer"


def test_two_stale_forms_the_second_save_shows_both_versions_and_writes_nothing(
    admin, second_admin, source
):
    model = PracticeModelFactory(overview="As loaded.")
    first, second = signed_in(admin), signed_in(second_admin)
    change = reverse("regional:models-change", kwargs={"pk": model.pk})
    check = reverse("regional:models-check", kwargs={"pk": model.pk})
    first_version = open_question(first, change)
    second_version = open_question(second, change)
    first.post(change, model_answers(model, overview="First editor's.", version=first_version))
    second.post(change, model_answers(model, overview="Second editor's.", version=second_version))

    assert first.post(check).status_code == 302
    stale = second.post(check)

    assert stale.status_code == 409
    text = stale.content.decode()
    assert "changed by someone else since you opened it" in text
    assert "First editor&#x27;s." in text and "Second editor&#x27;s." in text
    model.refresh_from_db()
    assert model.overview == "First editor's."
    assert model.history.count() == 2  # created, then the first save only


def test_two_stale_finding_forms_locked_on_the_version_column(admin, second_admin, source):
    finding = FindingFactory(statement="As loaded.")
    first, second = signed_in(admin), signed_in(second_admin)
    change = reverse("regional:findings-change", kwargs={"pk": finding.pk})
    check = reverse("regional:findings-check", kwargs={"pk": finding.pk})
    answers = {
        "key": finding.key,
        "evaluation": finding.evaluation_id,
        "practice_model": finding.practice_model_id,
        "outcome_domain": finding.outcome_domain_id,
        "measure": finding.measure,
        "direction": finding.direction,
        "significance": finding.significance,
        "source_section": finding.source_section,
        "cite_source": "seslip-report",
        "cite_locator": "§1.3",
    }
    first_version = open_question(first, change)
    second_version = open_question(second, change)
    assert first_version == second_version == "1"
    first.post(change, {**answers, "statement": "First.", "version": first_version})
    second.post(change, {**answers, "statement": "Second.", "version": second_version})

    assert first.post(check).status_code == 302
    assert second.post(check).status_code == 409

    finding.refresh_from_db()
    assert (finding.statement, finding.version) == ("First.", 2)  # made, then saved once


def test_admin_adds_a_source_kept_in_its_history(admin):
    client = signed_in(admin)
    new = reverse("regional:sources-new")
    assert client.get(new).status_code == 200
    response = client.post(
        new,
        {
            "key": "ofsted-2021",
            "title": "Inspection of children's services",
            "kind": "inspection",
            "producer": "Ofsted",
            "date": "2021-06-01",
            "date_precision": "month",
            "independent_of_model_owner": "yes",
            "version": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    saved = client.post(reverse("regional:sources-check"))
    assert saved.status_code == 302
    source = Source.objects.get(key="ofsted-2021")
    assert source.independent_of_model_owner is True
    assert source.history.get().history_change_reason == "Added by the regional team"


def test_a_finding_the_regional_team_adds_is_published(admin, source):
    existing = FindingFactory()
    client = signed_in(admin)
    client.post(
        reverse("regional:findings-new"),
        {
            "key": "new-finding",
            "evaluation": existing.evaluation_id,
            "outcome_domain": existing.outcome_domain_id,
            "statement": "Fewer children entered care.",
            "direction": "improved",
            "significance": "not_stated",
            "source_section": "§1.3",
            "cite_source": "seslip-report",
            "cite_locator": "p 12",
        },
    )
    assert client.post(reverse("regional:findings-check")).status_code == 302
    finding = Finding.objects.get(key="new-finding")
    assert finding.status == Finding.Status.PUBLISHED and finding.published_by == admin
    assert finding.citations.get().field == ""


@pytest.mark.parametrize("persona", ["member", "editor_bracknell", "analyst_bracknell"])
def test_only_the_regional_team_uses_the_pages(client_for, persona):
    model = PracticeModelFactory()
    source = SourceFactory()
    client = client_for(persona)
    for url in (
        reverse("regional:home"),
        reverse("regional:models-change", kwargs={"pk": model.pk}),
        reverse("regional:sources-change", kwargs={"pk": source.pk}),
        reverse("regional:review-queue"),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "Taken over"}).status_code == 403
    model.refresh_from_db()
    assert model.name != "Taken over"

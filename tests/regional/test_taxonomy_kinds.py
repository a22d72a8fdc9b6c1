"""The regional team's pages for the lists other entries are filed under (issue 22: not the
admin site): theoretical underpinnings, practice tools, children's services and outcome
domains. Each is added and changed through question, check and saved pages, kept in its
history, never saved over someone else's change, refused to everyone but the regional
team, and a name already taken or junk is a form error."""

import pytest
from django.test import Client
from django.urls import reverse

from evidence.models import OutcomeDomain
from models_registry.models import PracticeTool, Service, Underpinning
from regional.entries import KINDS as ENTRY_KINDS
from sources.models import Citation
from tests.factories import (
    FindingFactory,
    OutcomeDomainFactory,
    PracticeModelFactory,
    PracticeToolFactory,
    ServiceFactory,
    UnderpinningFactory,
)

pytestmark = pytest.mark.django_db

CITED = {"cite_source": "seslip-report", "cite_locator": "§2.2"}

#: kind: (model, factory, answers for a new entry, a change to make)
KINDS = {
    "underpinnings": (
        Underpinning,
        UnderpinningFactory,
        {"name": "Systemic", "slug": "systemic", "description": "Relationships.", **CITED},
        {"description": "Problems located in relationships."},
    ),
    "practice-tools": (
        PracticeTool,
        PracticeToolFactory,
        {"name": "My Three Houses", "slug": "three-houses", "description": "", **CITED},
        {"description": "A tool for hearing children's views."},
    ),
    "services": (
        Service,
        ServiceFactory,
        {"name": "Early help", "slug": "early-help", "position": "10"},
        {"position": "15"},
    ),
    "outcome-domains": (
        OutcomeDomain,
        OutcomeDomainFactory,
        {
            "name": "Children entering and spending time in care",
            "short_name": "Entering care",
            "slug": "entering-care",
            "group": "children_families",
            "description": "Children entering care.",
            "position": "1",
        },
        {"short_name": "In care"},
    ),
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def question_url(kind: str, pk: int | None = None) -> str:
    if pk is None:
        return reverse(f"regional:{kind}-new")
    return reverse(f"regional:{kind}-change", kwargs={"pk": pk})


def save(client: Client, kind: str, answers: dict, pk: int | None = None):
    """Answer the question page, then save on "Check your answers"; the saved page."""
    opened = client.get(question_url(kind, pk))
    assert opened.status_code == 200
    version = opened.context["form"]["version"].value() or ""
    answered = client.post(question_url(kind, pk), {**answers, "version": version})
    assert answered.status_code == 302, answered.context["form"].errors
    check = client.get(answered.url)
    assert check.status_code == 200 and "Check your answers" in check.content.decode()
    saved = client.post(answered.url)
    assert saved.status_code == 302
    return client.get(saved.url)


def errors(client: Client, kind: str, answers: dict, pk: int | None = None) -> dict:
    response = client.post(question_url(kind, pk), answers)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    return response.context["form"].errors


def test_the_regional_team_finds_each_list_on_its_pages(admin):
    home = signed_in(admin).get(reverse("regional:home")).content.decode()
    for kind in KINDS:
        assert f'href="/regional/{kind}/"' in home
    for plural in ("Theoretical underpinnings", "Practice tools", "Children&#x27;s services"):
        assert plural in home
    assert "Outcome domains" in home


@pytest.mark.parametrize("kind", KINDS)
def test_an_entry_is_added_then_changed_each_in_its_history(admin, source, kind):
    model, _, answers, change = KINDS[kind]
    client = signed_in(admin)
    added = save(client, kind, answers).content.decode()
    entry = model.objects.get(slug=answers["slug"])
    assert "is added" in added and answers["name"] in added
    assert entry.history.get().history_change_reason.startswith("Added by the regional team")
    assert entry.history.get().history_user == admin

    changed = save(client, kind, {**answers, **change}, pk=entry.pk).content.decode()
    entry.refresh_from_db()
    [(field, value)] = change.items()
    assert str(getattr(entry, field)) == value and entry.version == 2
    assert "Your changes are saved" in changed
    latest = entry.history.first()
    label = str(ENTRY_KINDS[kind].form.base_fields[field].label).lower()
    assert latest.history_change_reason.startswith(f"Changed {label} by the regional team")
    assert entry.history.count() == 2


@pytest.mark.parametrize("kind", ["underpinnings", "practice-tools"])
def test_underpinnings_and_tools_are_cited_and_shown_on_the_models_list(admin, source, kind):
    model, _, answers, change = KINDS[kind]
    client = signed_in(admin)
    page = save(client, kind, answers).content.decode()
    entry = model.objects.get(slug=answers["slug"])
    citation = Citation.objects.get(object_id=entry.pk, content_type__model=model._meta.model_name)
    assert (citation.source.key, citation.locator, citation.field) == ("seslip-report", "§2.2", "")
    parameter = "underpinning" if kind == "underpinnings" else "tool"
    assert f'href="/models/?{parameter}={entry.slug}"' in page
    named = PracticeModelFactory(name="Named model")
    getattr(named, "underpinnings" if kind == "underpinnings" else "tools").add(entry)
    PracticeModelFactory(name="Other model")
    public = client.get(reverse("model-list"), {parameter: entry.slug}).content.decode()
    assert "Named model" in public and "Other model" not in public

    save(client, kind, {**answers, **change, "cite_locator": "§3"}, pk=entry.pk)
    field = next(iter(change))
    assert Citation.objects.get(object_id=entry.pk, field=field).locator == "§3"


def test_a_service_has_no_public_page_and_says_where_it_shows(admin):
    page = save(signed_in(admin), "services", KINDS["services"][2]).content.decode()
    assert "have no page of their own" in page
    assert "as the public sees it" not in page


def test_a_renamed_outcome_domain_heads_its_evidence_map_column(admin):
    domain = OutcomeDomainFactory(name="Care", short_name="Care", slug="care")
    finding = FindingFactory(outcome_domain=domain, statement="Fewer children in care.")
    answers = {**KINDS["outcome-domains"][2], "slug": "care"}
    client = signed_in(admin)
    page = save(client, "outcome-domains", answers, pk=domain.pk).content.decode()
    assert 'href="/evidence/"' in page
    shown = client.get(reverse("evidence:map")).content.decode()
    assert "Entering care" in shown
    # Findings are found by their outcome's new name (on PostgreSQL, through the search
    # document the save rewrites).
    found = client.get(reverse("evidence:search"), {"q": "spending"}).content.decode()
    assert finding.statement in found


@pytest.mark.parametrize("kind", KINDS)
def test_a_stale_change_is_refused_and_writes_nothing(admin, second_admin, source, kind):
    _, factory, answers, _ = KINDS[kind]
    entry = factory()
    first, second = signed_in(admin), signed_in(second_admin)
    url, check = question_url(kind, entry.pk), reverse(f"regional:{kind}-check", args=[entry.pk])
    versions = [client.get(url).context["form"]["version"].value() for client in (first, second)]
    mine = {**answers, "name": "First", "slug": entry.slug}
    theirs = {**answers, "name": "Second", "slug": entry.slug}
    assert first.post(url, {**mine, "version": versions[0]}).status_code == 302
    assert second.post(url, {**theirs, "version": versions[1]}).status_code == 302
    assert first.post(check).status_code == 302
    stale = second.post(check)
    assert stale.status_code == 409
    assert "changed by someone else since you opened it" in stale.content.decode()
    entry.refresh_from_db()
    assert (entry.name, entry.version) == ("First", 2)
    assert entry.history.count() == 2  # made, then the first save only


@pytest.mark.parametrize("kind", KINDS)
def test_a_name_already_taken_in_any_capitals_is_a_form_error(admin, source, kind):
    model, factory, answers, _ = KINDS[kind]
    first = factory(name=answers["name"], slug=answers["slug"])
    client = signed_in(admin)
    found = errors(client, kind, {**answers, "name": answers["name"].upper()})
    assert str(found["name"]).count("There is already") == 1
    assert "There is already" in str(found["slug"]) and "in web addresses" in str(found["slug"])
    assert model.objects.count() == 1
    other = factory()
    renamed = {**answers, "name": first.name.lower(), "slug": other.slug}
    found = errors(client, kind, renamed, pk=other.pk)
    assert set(found) == {"name"}  # its own name in web addresses is its own


JUNK = {
    "name": "x" * 500,
    "short_name": "z" * 41,
    "slug": "Not a slug!",
    "description": "y" * 30_000,
    "group": "<script>",
    "position": "9" * 30,
    "cite_source": "nope",
    "cite_locator": "",
}


@pytest.mark.parametrize("kind", KINDS)
def test_junk_answers_are_form_errors(admin, kind):
    model, _, _, _ = KINDS[kind]
    found = errors(signed_in(admin), kind, JUNK)
    assert {"name", "slug"} <= set(found)
    assert model.objects.count() == 0


@pytest.mark.parametrize("kind", KINDS)
def test_a_nul_character_is_refused_before_any_form(admin, source, kind):
    """docs/input-limits.md: a NUL anywhere in a form is a 400 page, never stored."""
    model, _, answers, _ = KINDS[kind]
    response = signed_in(admin).post(question_url(kind), {**answers, "name": "Sys\x00temic"})
    assert response.status_code == 400
    assert model.objects.count() == 0


@pytest.mark.parametrize("position", ["-1", "40000", "99999999999999999999", "1.5", "ten"])
@pytest.mark.parametrize("kind", ["services", "outcome-domains"])
def test_a_position_out_of_range_is_a_form_error(admin, kind, position):
    """The column holds 0 to 32,767 on every database (SQLite alone would store more)."""
    answers = {**KINDS[kind][2], "position": position}
    assert "position" in errors(signed_in(admin), kind, answers)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", ["member", "editor_bracknell", "analyst_bracknell"])
def test_only_the_regional_team_edits_them(client_for, persona, kind):
    model, factory, answers, _ = KINDS[kind]
    entry = factory()
    client = client_for(persona)
    for url in (
        reverse(f"regional:{kind}-list"),
        question_url(kind),
        question_url(kind, entry.pk),
        reverse(f"regional:{kind}-check", args=[entry.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {**answers, "name": "Taken over"}).status_code == 403
    assert not model.objects.filter(name="Taken over").exists()
    signed_out = client_for("anonymous").get(reverse(f"regional:{kind}-list"))
    assert signed_out.status_code == 302 and "next=" in signed_out.url

"""The regional team's pages for events, their sessions and workshop runs, resources, and
feedback forms with their questions (issue 22: not the admin site): answer, check, save;
parents preselected from "Add a … to this …" links; the booking and feedback rules as form
errors; no lost edits."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from network import services
from network.models import Event, FeedbackForm, FeedbackQuestion, Resource, Session, WorkshopRun
from sources.models import Citation
from tests.factories import LocalAuthorityFactory, PracticeModelFactory

pytestmark = pytest.mark.django_db

CITED = {"cite_source": "seslip-report", "cite_locator": "§4"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def save(client: Client, kind: str, answers: dict, pk: int | None = None):
    """Answer the question page, then save on "Check your answers"; the saved page."""
    args = {"kwargs": {"pk": pk}} if pk else {}
    question = reverse(f"regional:{kind}-{'change' if pk else 'new'}", **args)
    opened = client.get(question)
    assert opened.status_code == 200
    version = opened.context["form"]["version"].value() or ""
    answered = client.post(question, {**answers, "version": version})
    assert answered.status_code == 302, answered.context["form"].errors
    check = client.get(answered.url)
    assert check.status_code == 200 and "Check your answers" in check.content.decode()
    saved = client.post(answered.url)
    assert saved.status_code == 302
    return client.get(saved.url)


def errors(client: Client, kind: str, answers: dict, pk: int | None = None) -> dict:
    args = {"kwargs": {"pk": pk}} if pk else {}
    url = reverse(f"regional:{kind}-{'change' if pk else 'new'}", **args)
    response = client.post(url, answers)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    return response.context["form"].errors


def event_answers(**changes) -> dict:
    answers = {
        "title": "Learning day",
        "slug": "learning-day",
        "date": "2027-03-04",
        "starts_at": "09:30",
        "ends_at": "16:00",
        "status": "open",
        "places_per_authority": "3",
        **CITED,
    }
    return {**answers, **changes}


@pytest.fixture
def event(db):
    return Event.objects.create(
        slug="learning-day", title="Learning day", date=datetime.date(2027, 3, 4), status="open"
    )


@pytest.fixture
def workshop(event):
    return Session.objects.create(
        event=event, slug="workshop", kind="workshop", part="afternoon", position=1, title="W"
    )


def test_admin_adds_an_event_seen_on_its_public_page(admin, source):
    page = save(signed_in(admin), "events", event_answers())
    event = Event.objects.get(slug="learning-day")
    text = page.content.decode()
    assert "The event is added" in text
    assert f"/regional/sessions/new/?event={event.pk}" in text  # Add a session to this event
    assert event.history.get().history_change_reason.startswith("Added by the regional team")
    citation = Citation.objects.get(object_id=event.pk, content_type__model="event")
    assert (citation.source.key, citation.locator, citation.field) == ("seslip-report", "§4", "")
    public = signed_in(admin).get(event.get_absolute_url())
    assert "Learning day" in public.content.decode()


def test_admin_changes_an_event(admin, source, event):
    save(signed_in(admin), "events", event_answers(venue="Reading Town Hall"), pk=event.pk)
    event.refresh_from_db()
    assert (event.venue, event.version) == ("Reading Town Hall", 2)
    assert "venue" in event.history.first().history_change_reason


def test_event_times_and_allowance_are_form_errors(admin, source, event, editor_bracknell):
    client = signed_in(admin)
    assert "ends_at" in errors(client, "events", event_answers(ends_at="09:00"), event.pk)
    services.book_places(
        event=event,
        authority=editor_bracknell.authority,
        attendees=[services.AttendeeRequest(f"P{n}", f"p{n}@example.org", ()) for n in range(2)],
        user=editor_bracknell,
    )
    found = errors(client, "events", event_answers(places_per_authority="1"), event.pk)
    assert "cannot be fewer than 2" in str(found["places_per_authority"])


def test_a_session_is_added_to_the_event_preselected(admin, source, event):
    client = signed_in(admin)
    listed = client.get(reverse("regional:events-list")).content.decode()
    assert f"/regional/sessions/new/?event={event.pk}" in listed
    opened = client.get(reverse("regional:sessions-new") + f"?event={event.pk}")
    assert opened.context["form"]["event"].value() == event.pk
    authority = LocalAuthorityFactory()
    model = PracticeModelFactory()
    answers = {
        "event": event.pk,
        "title": "Family Safeguarding",
        "slug": "family-safeguarding",
        "kind": "presentation",
        "part": "morning",
        "position": "1",
        "practice_model": model.pk,
        "presenting_authorities": [authority.pk],
        "tentative": "False",
        **CITED,
    }
    save(client, "sessions", answers)
    session = event.sessions.get()
    assert list(session.presenting_authorities.all()) == [authority]
    assert session.practice_model == model and session.tentative is False
    save(client, "sessions", {**answers, "tentative": "True"}, pk=session.pk)
    session.refresh_from_db()
    assert session.tentative is True


@pytest.mark.parametrize("junk", ["abc", "0", "999999", "9" * 40, "-1", "1.5", ""])
def test_a_junk_parent_is_ignored(admin, event, junk):
    opened = signed_in(admin).get(reverse("regional:sessions-new"), {"event": junk})
    assert opened.status_code == 200
    assert opened.context["form"]["event"].value() is None


def test_a_workshop_with_runs_stays_a_workshop(admin, source, workshop):
    WorkshopRun.objects.create(session=workshop, number=1)
    answers = {
        "event": workshop.event_id,
        "title": "W",
        "slug": "workshop",
        "kind": "talk",
        "part": "afternoon",
        "position": "1",
        "tentative": "False",
        **CITED,
    }
    assert "kind" in errors(signed_in(admin), "sessions", answers, workshop.pk)


def test_runs_and_their_capacity_against_confirmed_places(
    admin, source, workshop, editor_bracknell
):
    client = signed_in(admin)
    listed = client.get(reverse("regional:sessions-list")).content.decode()
    assert f"/regional/workshop-runs/new/?session={workshop.pk}" in listed
    page = save(client, "workshop-runs", {"session": workshop.pk, "number": "1", **CITED})
    assert "The workshop run is added" in page.content.decode()
    run = workshop.runs.get()
    services.book_places(
        event=workshop.event,
        authority=editor_bracknell.authority,
        attendees=[
            services.AttendeeRequest(f"P{n}", f"p{n}@example.org", (run,)) for n in range(3)
        ],
        user=editor_bracknell,
    )
    answers = {"session": workshop.pk, "number": "1", "capacity": "2", **CITED}
    found = errors(client, "workshop-runs", answers, run.pk)
    assert "cannot be fewer than 3" in str(found["capacity"])
    save(client, "workshop-runs", {**answers, "capacity": "3"}, pk=run.pk)
    run.refresh_from_db()
    assert run.capacity == 3


def test_only_workshops_have_runs(admin, source, event):
    talk = Session.objects.create(
        event=event, slug="talk", kind="talk", part="morning", position=1, title="T"
    )
    answers = {"session": talk.pk, "number": "1", **CITED}
    client = signed_in(admin)
    assert "session" in errors(client, "workshop-runs", answers)
    listed = client.get(reverse("regional:sessions-list")).content.decode()
    assert "/regional/workshop-runs/new/" not in listed


def test_admin_adds_and_changes_a_resource(admin, source):
    client = signed_in(admin)
    model, authority = PracticeModelFactory(), LocalAuthorityFactory()
    answers = {
        "title": "Vision",
        "slug": "vision",
        "kind": "vision",
        "url": "https://example.org/vision",
        "practice_models": [model.pk],
        "authorities": [authority.pk],
        "position": "10",
        **CITED,
    }
    save(client, "resources", answers)
    resource = Resource.objects.get(slug="vision")
    assert list(resource.practice_models.all()) == [model]
    save(client, "resources", {**answers, "title": "A vision"}, pk=resource.pk)
    resource.refresh_from_db()
    assert resource.title == "A vision"
    public = client.get(reverse("network:resource-list"))
    assert "A vision" in public.content.decode()


def test_feedback_form_for_an_event_then_its_questions(admin, event):
    client = signed_in(admin)
    answers = {"title": "Feedback", "event": event.pk, "is_open": "False"}
    answers["allow_anonymous"] = "True"
    assert "is_open" in errors(client, "feedback-forms", {**answers, "is_open": "True"})
    assert "event" in errors(client, "feedback-forms", {**answers, "event": ""})
    made = FeedbackForm.objects.create(event=event, title="Made before")
    assert "event" in errors(client, "feedback-forms", {**answers, "event": ""}, made.pk)
    made.delete()
    page = save(client, "feedback-forms", answers)
    form = FeedbackForm.objects.get()
    assert f"/regional/feedback-questions/new/?form={form.pk}" in page.content.decode()
    opened = client.get(reverse("regional:feedback-questions-new"), {"form": form.pk})
    assert opened.context["form"]["form"].value() == form.pk
    question = {"form": form.pk, "position": "1", "text": "Useful?", "kind": "rating"}
    save(client, "feedback-questions", {**question, "required": "True"})
    assert form.questions.get().kind == "rating"
    save(client, "feedback-forms", {**answers, "is_open": "True"}, pk=form.pk)
    form.refresh_from_db()
    assert form.is_open and form.version == 2


def test_answered_questions_keep_their_kind(admin, event, member):
    form = FeedbackForm.objects.create(event=event, title="Feedback", is_open=True)
    question = FeedbackQuestion.objects.create(form=form, position=1, text="Useful?")
    services.submit_feedback(form=form, user=member, answers={question.pk: "Yes"}, anonymous=False)
    client = signed_in(admin)
    answers = {"form": form.pk, "position": "1", "text": "Useful?", "required": "False"}
    rating = {**answers, "kind": "rating"}
    assert "kind" in errors(client, "feedback-questions", rating, question.pk)
    new = {**answers, "position": "2", "kind": "text", "required": "True"}
    assert "required" in errors(client, "feedback-questions", new)
    taken = errors(client, "feedback-questions", {**new, "required": "False", "position": "1"})
    assert "__all__" in taken  # one question a position


def test_two_stale_event_forms_the_second_writes_nothing(admin, second_admin, source, event):
    first, second = signed_in(admin), signed_in(second_admin)
    change = reverse("regional:events-change", kwargs={"pk": event.pk})
    check = reverse("regional:events-check", kwargs={"pk": event.pk})
    versions = [client.get(change).context["form"]["version"].value() for client in (first, second)]
    first.post(change, event_answers(venue="First", version=versions[0]))
    second.post(change, event_answers(venue="Second", version=versions[1]))
    assert first.post(check).status_code == 302
    stale = second.post(check)
    assert stale.status_code == 409
    assert "changed by someone else since you opened it" in stale.content.decode()
    event.refresh_from_db()
    assert (event.venue, event.version) == ("First", 2)


JUNK = {
    "title": "x" * 500,
    "slug": "not a slug!",
    "date": "31/02/2027",
    "starts_at": "25:99",
    "status": "nonsense",
    "places_per_authority": "-4",
    "event": "abc",
    "meeting": "99999999999999999999",
    "session": "[]",
    "form": "0",
    "kind": "<script>",
    "part": "noon",
    "position": "first",
    "number": "9" * 30,
    "capacity": "-1",
    "url": "javascript:alert(1)",
    "practice_models": ["x"],
    "presenting_authorities": ["99999999999999999999"],
    "is_open": "maybe",
    "required": "perhaps",
    "tentative": "0",
    "cite_source": "nope",
    "cite_locator": "",
}


@pytest.mark.parametrize(
    "kind",
    ["events", "sessions", "workshop-runs", "resources", "feedback-forms", "feedback-questions"],
)
def test_junk_answers_are_form_errors(admin, kind):
    found = errors(signed_in(admin), kind, JUNK)
    assert found


@pytest.mark.parametrize("persona", ["member", "editor_bracknell", "analyst_bracknell"])
def test_only_the_regional_team_edits_events(client_for, persona, event):
    client = client_for(persona)
    for url in (
        reverse("regional:events-list"),
        reverse("regional:events-change", kwargs={"pk": event.pk}),
        reverse("regional:sessions-new") + f"?event={event.pk}",
        reverse("regional:feedback-forms-new"),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, event_answers(title="Taken over")).status_code == 403
    event.refresh_from_db()
    assert event.title == "Learning day"
    signed_out = client_for("anonymous").get(reverse("regional:events-list"))
    assert signed_out.status_code == 302 and "next=" in signed_out.url

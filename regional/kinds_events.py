"""The events side of the reference group on the regional team's pages: events and their
programme, workshop runs, resources, and feedback forms with their questions (issue 22:
no longer the admin site's)."""

from django.urls import reverse

from network.models import Event, FeedbackForm, FeedbackQuestion, Resource, Session, WorkshopRun
from regional import forms_events
from regional.entry_kind import ChildLink, EntryKind


def _feedback_url(form: FeedbackForm) -> str:
    """An open form is answered on its own page; a closed one is listed with its subject."""
    if form.is_open:
        return reverse("network:feedback", kwargs={"pk": form.pk})
    if form.event is not None:
        return form.event.get_absolute_url()
    if form.meeting is not None:
        return reverse("network:meeting-detail", kwargs={"slug": form.meeting.slug})
    return reverse("network:event-list")


def _feedback_label(form: FeedbackForm) -> str:
    """The title and what it is for (neither, on a question page whose answers left both
    empty: the form's instance holds the answers given)."""
    subject = form.event or form.meeting
    return f"{form.title} ({subject})" if subject is not None else form.title


EVENT_KINDS: tuple[EntryKind, ...] = (
    EntryKind(
        slug="events",
        model=Event,
        form=forms_events.EventForm,
        singular="event",
        plural="Events",
        cited=True,
        public_url=lambda entry: entry.get_absolute_url(),
        label=str,
        ordering=("-date", "title"),
        children=(
            ChildLink("sessions", "event", "Add a session to this event"),
            ChildLink("feedback-forms", "event", "Add a feedback form for this event"),
        ),
    ),
    EntryKind(
        slug="sessions",
        model=Session,
        form=forms_events.SessionForm,
        singular="session",
        plural="Event sessions",
        cited=True,
        public_url=lambda entry: entry.event.get_absolute_url(),
        label=lambda entry: f"{entry.title} ({entry.event.title})",
        ordering=("-event__date", "event__title", "position"),
        select_related=("event",),
        parent="event",
        children=(
            ChildLink(
                "workshop-runs",
                "session",
                "Add a run of this workshop",
                applies=lambda session: session.kind == Session.Kind.WORKSHOP,
            ),
        ),
    ),
    EntryKind(
        slug="workshop-runs",
        model=WorkshopRun,
        form=forms_events.WorkshopRunForm,
        singular="workshop run",
        plural="Workshop runs",
        cited=True,
        public_url=lambda entry: entry.session.event.get_absolute_url(),
        label=lambda entry: f"{entry} ({entry.session.event.title})",
        ordering=("-session__event__date", "session__position", "number"),
        select_related=("session__event",),
        parent="session",
    ),
    EntryKind(
        slug="resources",
        model=Resource,
        form=forms_events.ResourceForm,
        singular="resource",
        plural="Resources",
        cited=True,
        public_url=lambda entry: entry.get_absolute_url(),
        label=str,
        ordering=("position", "title"),
    ),
    EntryKind(
        slug="feedback-forms",
        model=FeedbackForm,
        form=forms_events.FeedbackFormEntryForm,
        singular="feedback form",
        plural="Feedback forms",
        cited=False,
        public_url=_feedback_url,
        label=_feedback_label,
        ordering=("title",),
        select_related=("event", "meeting"),
        parent="event",
        children=(ChildLink("feedback-questions", "form", "Add a question to this form"),),
    ),
    EntryKind(
        slug="feedback-questions",
        model=FeedbackQuestion,
        form=forms_events.FeedbackQuestionForm,
        singular="feedback question",
        plural="Feedback questions",
        cited=False,
        public_url=lambda entry: _feedback_url(entry.form),
        label=lambda entry: f"{entry.position}. {entry.text} ({entry.form.title})",
        ordering=("form__title", "position"),
        select_related=("form",),
        parent="form",
    ),
)

"""load_region's reference group loader: the minutes and the report, exactly, idempotently."""

import datetime
import io

import pytest
from django.core.management import call_command

from network import region_data
from network.models import (
    Action,
    Attendance,
    DuePrecision,
    Event,
    Member,
    Resource,
    Session,
    WorkshopRun,
)

pytestmark = pytest.mark.django_db

MINUTES = "seslip-reference-group-2020"
REPORT = "seslip-models-of-social-work-practice-2020"

# The minutes' sections 1 and 2, in order: (name, authority slug or None for SESLIP).
ATTENDED = [
    ("Diane Williamson", None),
    ("Ann Marie Ali", "bracknell-forest"),
    ("Kavitha Maxy", "hampshire"),
    ("Mandeep Gill", "bracknell-forest"),
    ("Neena Khosla", "surrey"),
    ("Shungu Chigocha", "windsor-and-maidenhead"),
    ("Sonia Johnson", "bracknell-forest"),
    ("Susan Ashmore", "kent"),
]
APOLOGIES = [
    ("Tom Stibbs", "brighton-and-hove"),
    ("Karly Middleton", "portsmouth"),
    ("Nicola McGeown", "east-sussex"),
    ("Emma Hovell", "wokingham"),
    ("Stuart Webb", "southampton"),
    ("Sandra Carnall", "buckinghamshire"),
    ("Debbie Price", "isle-of-wight"),
    ("Sophie Marshall", "milton-keynes"),
    ("Sonia Johnson", "bracknell-forest"),
]
# Minutes §5: the six models and the authorities presenting them.
PRESENTERS = {
    "family-safeguarding": {"bracknell-forest"},
    "team-around-the-relationship": {"brighton-and-hove"},
    "connected-practice": {"east-sussex"},
    "hampshire-approach": {"hampshire", "isle-of-wight"},
    "signs-of-safety": {"wokingham", "milton-keynes"},
    "restorative-practice": {"portsmouth"},
}


def listed(meeting, kind):
    rows = Attendance.objects.filter(meeting=meeting, kind=kind).order_by("position")
    return [
        (row.member.name, row.member.local_authority.slug if row.member.local_authority else None)
        for row in rows.select_related("member__local_authority")
    ]


def test_meeting_has_the_minutes_attendees_and_apologies(meeting):
    assert meeting.date == datetime.date(2020, 2, 19)
    assert "8 June 2020" in meeting.purpose
    assert listed(meeting, Attendance.Kind.ATTENDED) == ATTENDED
    assert listed(meeting, Attendance.Kind.APOLOGIES) == APOLOGIES
    assert [(c.source.key, c.locator) for c in meeting.citations.all()] == [(MINUTES, "minutes §3")]


def test_person_in_both_lists_is_loaded_as_written_with_a_note(meeting):
    sonia = Member.objects.get(name="Sonia Johnson")
    kinds = set(sonia.attendance.values_list("kind", flat=True))
    assert kinds == {"attended", "apologies"}
    assert "both" in sonia.note
    assert all(row.note == sonia.note for row in sonia.attendance.all())


def test_group_roles_chair_sponsor_members(network_data):
    assert Member.objects.get(role="chair").name == "Diane Williamson"
    sponsor = Member.objects.get(role="sponsor")
    assert (sponsor.name, sponsor.local_authority.slug) == ("Nikki Edwards", "bracknell-forest")
    assert sponsor.job_title == "Director of Children's Services"
    assert Member.objects.get(name="Diane Williamson").organisation == "SESLIP"


def test_six_actions_with_owners_and_imprecise_due_dates(meeting):
    actions = {a.number: a for a in meeting.actions.prefetch_related("owners")}
    assert sorted(actions) == [1, 2, 3, 4, 5, 6]
    owners = {n: {o.name for o in a.owners.all()} for n, a in actions.items()}
    assert owners[1] == {"Mandeep Gill", "Ann Marie Ali"}
    assert owners[5] == {"Diane Williamson", "Ann Marie Ali", "Mandeep Gill"}
    assert owners[4] == set() and "Bracknell Forest" in actions[4].owner_note
    for number in (4, 5):
        action = actions[number]
        assert action.due_date == datetime.date(2020, 3, 1)
        assert action.due_precision == DuePrecision.EARLY_MONTH
        assert action.due_text == "Early March 2020"
    assert [n for n, a in actions.items() if a.due_date] == [4, 5]
    assert {a.status for a in actions.values()} == {Action.Status.NOT_RECORDED}


def test_meeting_records_the_call_for_evidence_and_decisions(meeting):
    sections = {s.number: s for s in meeting.sections.all()}
    assert "18 local authorities" in sections[4].body
    assert sections[5].heading == "Programme for the conference"
    assert meeting.decisions.count() == 5


def test_conference_cancelled_because_of_covid_per_the_report(conference):
    assert conference.date == datetime.date(2020, 6, 8)
    assert conference.status == Event.Status.CANCELLED
    assert "Covid-19" in conference.status_note
    assert [(c.source.key, c.locator) for c in conference.status_citations] == [
        (REPORT, "foreword")
    ]
    assert conference.places_per_authority == 3
    assert "SESLIP" in conference.costs_note
    assert conference.bookings_administered_by.slug == "bracknell-forest"
    assert conference.planned_at.slug == "2020-02-19"


def test_conference_programme_six_presentations_six_workshops_two_runs_each(conference):
    sessions = list(conference.sessions.order_by("position"))
    presentations = [s for s in sessions if s.kind == Session.Kind.PRESENTATION]
    workshops = [s for s in sessions if s.kind == Session.Kind.WORKSHOP]
    assert len(presentations) == 6 and len(workshops) == 6
    for session in presentations:
        assert session.duration_minutes == 20 and session.part == "morning"
        assert len(session.brief_points) == 6
        presenters = {a.slug for a in session.presenting_authorities.all()}
        assert presenters == PRESENTERS[session.practice_model.slug]
    for session in workshops:
        assert session.duration_minutes == 45 and session.part == "afternoon"
        assert list(session.runs.values_list("number", flat=True)) == [1, 2]
    talk = conference.sessions.get(slug="what-works-scie")
    assert talk.tentative and talk.duration_minutes == 15
    assert sessions[-1].kind == Session.Kind.PLENARY
    assert WorkshopRun.objects.filter(session__event=conference).count() == 12


def test_resources_tied_to_models_and_authorities(network_data):
    kinds = set(Resource.objects.values_list("kind", flat=True))
    assert {"vision", "video", "briefing", "blog", "reading"} <= kinds
    video = Resource.objects.get(kind="video")
    assert [m.slug for m in video.practice_models.all()] == ["hampshire-approach"]
    assert [a.slug for a in video.authorities.all()] == ["hampshire"]
    assert all(r.citations.exists() for r in Resource.objects.all())


def test_loading_twice_changes_nothing_and_adds_no_history(network_data):
    history_before = Action.history.count() + Session.history.count() + Member.history.count()
    counts = region_data.load()
    assert {status for (_, status) in counts} == {"unchanged"}
    history_after = Action.history.count() + Session.history.count() + Member.history.count()
    assert history_after == history_before


def test_reload_keeps_a_status_changed_on_the_portal(meeting):
    action = meeting.actions.get(number=5)
    action.status = Action.Status.DONE
    action.save()
    region_data.load()
    action.refresh_from_db()
    assert action.status == Action.Status.DONE


def test_load_region_runs_the_network_loader_after_the_registry(db):
    out = io.StringIO()
    call_command("load_region", stdout=out)
    text = out.getvalue()
    assert text.index("models_registry.region_data.load") < text.index("network.region_data.load")
    assert Event.objects.filter(status="cancelled").count() == 1


def test_nothing_a_user_sees_names_a_seed_file(network_data):
    for model in (Member, Action, Event, Session, Resource):
        for row in model.objects.all():
            for name in ("note", "status_note", "description"):
                value = getattr(row, name, "") or ""
                assert "seed" not in value.lower(), (model, row, name)

"""The world the role × URL matrix (test_url_matrix.py) requests every URL in.

Two Family Safeguarding authorities and one of everything the URL configuration can point
at, all of it Bracknell Forest's where it belongs to an authority: an accepted cohort
submission (families, people, plans, periods of care), a rejected one with an error
report, a withdrawn one, an aggregate return, draft and published findings, an API token,
role grants, access-log entries, sign-in records and a background task. Path parameters
are filled with these records' ids and slugs (`fill`), and `World.secrets` lists every
string that betrays something only some personas may see.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

#: Personas the matrix signs in as: one per role, each authority role at the records'
#: own authority (Bracknell Forest) and at another (Surrey).
MATRIX_PERSONAS = (
    "anonymous",
    "member",
    "editor_bracknell",
    "editor_surrey",
    "analyst_bracknell",
    "analyst_surrey",
    "regional_analyst",
    "admin",
    "admin_user",
)

ALL_PERSONAS = frozenset(MATRIX_PERSONAS)
SIGNED_IN = ALL_PERSONAS - {"anonymous"}


def may_see(persona: str, who: frozenset[str]) -> bool:
    """Whether `persona` may see a secret `who` may see: the superuser is a regional admin by
    role and sees what one sees."""
    return persona in who or (persona == "admin_user" and "admin" in who)


class NamedBytes(io.BytesIO):
    def __init__(self, content: bytes, name: str):
        super().__init__(content)
        self.name = name


@dataclass
class World:
    """Records by what they are, and the secrets: text -> the personas who may see it."""

    objects: dict[str, list[tuple[str, Model]]] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)
    secrets: dict[str, frozenset[str]] = field(default_factory=dict)

    def add(self, label: str, obj: Model, variant: str = "") -> None:
        self.objects.setdefault(label, []).append((variant, obj))

    def one(self, label: str, variant: str = "") -> Model:
        for name, obj in self.objects[label]:
            if name == variant:
                return obj
        raise KeyError(f"{label} ({variant or 'no variant'})")


# Values in the rejected file's error report: what the report quotes from the file.
BAD_CATEGORY = "N99LEAK"
BAD_DATE = "31/13/2009"


def build_world(request) -> World:
    """Everything, created through the services the portal itself uses."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as AxesAccessLog
    from django.contrib.auth.models import Group
    from django_tasks_db.models import DBTaskResult

    from accounts.models import AccessLog, ApiToken, RoleGrant
    from accounts.services import create_api_token, ensure_roles, record_access
    from evidence.models import Finding
    from kpi.generator import CohortGenerator
    from kpi.models import Cohort, FieldDefinition, IndicatorDefinition, IndicatorValue
    from kpi.quarters import Quarter
    from kpi.returns.figures import Figure
    from kpi.returns.services import submit_aggregates
    from kpi.services.imports import import_submission
    from kpi.services.toolkit import ensure_cohorts, load_definitions
    from kpi.services.withdrawal import withdraw_submission
    from tests.factories import (
        AdoptionFactory,
        ContactFactory,
        EvaluationFactory,
        FindingFactory,
        OutcomeDomainFactory,
        PracticeModelFactory,
        PracticeToolFactory,
        ServiceFactory,
        SourceFactory,
        ThemeFactory,
        UnderpinningFactory,
    )

    fixture = request.getfixturevalue
    world = World()
    bracknell, surrey = fixture("bracknell"), fixture("surrey")
    people = {persona: fixture(persona) for persona in SIGNED_IN}
    ensure_roles()
    load_definitions()
    ensure_cohorts(authority=bracknell)
    ensure_cohorts(authority=surrey)

    # --- registry ---------------------------------------------------------------------------
    model = PracticeModelFactory(slug="family-safeguarding", name="Family Safeguarding")
    world.add("models_registry.localauthority", bracknell)
    world.add("models_registry.practicemodel", model)
    world.add(
        "models_registry.adoption", AdoptionFactory(local_authority=bracknell, practice_model=model)
    )
    contact = ContactFactory(local_authority=bracknell, practice_model=model)
    contact.role = "Head of service"
    contact.save()
    world.add("models_registry.contact", contact)
    world.add("models_registry.theme", ThemeFactory())
    world.add("models_registry.underpinning", UnderpinningFactory())
    world.add("models_registry.practicetool", PracticeToolFactory())
    service = ServiceFactory()
    service.position = 5
    service.save()
    world.add("models_registry.service", service)

    # --- the reference group (network/) --------------------------------------------------
    _network(world, bracknell, model, people)

    # --- evidence ---------------------------------------------------------------------------
    evaluation = EvaluationFactory()
    outcome = OutcomeDomainFactory()
    outcome.short_name = "Care"
    outcome.save()
    published = FindingFactory(
        evaluation=evaluation, practice_model=model, outcome_domain=outcome, authority=bracknell
    )
    draft = FindingFactory(
        key="bracknell-draft-finding",
        evaluation=evaluation,
        practice_model=model,
        outcome_domain=outcome,
        authority=bracknell,
        status=Finding.Status.DRAFT,
        statement="Unpublished: re-referrals fell by a third in Bracknell Forest",
        proposed_by=people["editor_bracknell"],
    )
    world.add("evidence.evaluation", evaluation)
    world.add("sources.source", SourceFactory())
    world.add("evidence.outcomedomain", outcome)
    # The revert page is requested for a change to a contact, to a children's service and to
    # an outcome domain (one variant each, named by kind): each one's latest history entry,
    # a field changed after its creation.
    for revertible in (contact, service, outcome):
        world.add("registry.change", revertible, revertible._meta.model_name)
    world.add("evidence.finding", published, "published")
    world.add("evidence.finding", draft, "draft")

    # --- KPI: an accepted file, a rejected one with its report, a withdrawn one ----------
    analyst = people["analyst_bracknell"]
    rows = list(
        CohortGenerator(
            authority_slug="bracknell-forest",
            quarter=Quarter.parse("2018-Q1"),
            families=12,
            seed=16,
        ).rows()
    )
    accepted = _import(import_submission, bracknell, "2018-Q1", rows, analyst, "bf-cohort.csv")
    assert accepted.outcome == "accepted", accepted
    bad = {0: {"referral_category": BAD_CATEGORY}, 1: {"fs_start": BAD_DATE}}
    rejected = _import(import_submission, bracknell, "2018-Q2", rows, analyst, "bf-bad.csv", bad)
    assert rejected.outcome == "rejected", rejected
    wrong = _import(import_submission, bracknell, "2018-Q3", rows, analyst, "bf-wrong.csv")
    assert wrong.outcome == "accepted", wrong
    withdrawn = withdraw_submission(
        submission=wrong.submission, user=analyst, reason="wrong_quarter"
    ).submission
    world.add("kpi.submission", accepted.submission)
    world.add("kpi.submission", rejected.submission, "rejected")
    world.add("kpi.submission", withdrawn, "withdrawn")
    world.add("kpi.cohort", Cohort.objects.filter(authority=bracknell).first())
    world.add("kpi.indicatordefinition", IndicatorDefinition.objects.first())
    world.add("kpi.fielddefinition", FieldDefinition.objects.first())
    returned = submit_aggregates(
        authority=bracknell,
        quarter="2018-Q1",
        figures=[Figure(measure="care_proceedings", value=3)],
        user=analyst,
        source="form",
    )
    assert returned.aggregate_return is not None, returned
    world.add("kpi.aggregatereturn", returned.aggregate_return)
    suppressed = IndicatorValue.objects.filter(
        authority=bracknell, submission=accepted.submission, suppressed=True
    ).first()
    assert suppressed is not None, "the accepted file has no suppressed value to request"
    world.add("kpi.indicatorvalue", suppressed)

    # --- accounts -------------------------------------------------------------------------
    world.add("accounts.user", analyst)
    issued = create_api_token(user=analyst)
    world.add("accounts.apitoken", ApiToken.objects.get(pk=issued.token.pk))
    grant = RoleGrant.objects.filter(user=analyst).first() or _grant(analyst)
    world.add("accounts.rolegrant", grant)
    record_access(
        request=None,
        action=AccessLog.Action.VIEW_RECORDS,
        target=f"/kpi/submissions/{accepted.submission.pk}/",
        authority=bracknell,
        user=analyst,
    )
    world.add("accounts.accesslog", AccessLog.objects.filter(authority=bracknell).first())
    world.add("auth.group", Group.objects.order_by("name").first())
    attempt = {"username": "someone@example.org", "ip_address": "192.0.2.1", "user_agent": "x"}
    world.add("axes.accessattempt", AccessAttempt.objects.create(failures_since_start=1, **attempt))
    world.add("axes.accesslog", AxesAccessLog.objects.create(**attempt))
    world.add("axes.accessfailurelog", AccessFailureLog.objects.create(locked_out=False, **attempt))
    world.add(
        "django_tasks_database.dbtaskresult",
        DBTaskResult.objects.create(
            task_path="kpi.tasks.import_submission_task",
            args_kwargs={"args": [accepted.submission.pk], "kwargs": {}},
            backend_name="database",
            run_after=timezone.now(),
        ),
    )

    world.values.update(
        authority_slug=bracknell.slug,
        model_slug=model.slug,
        evaluation_slug=evaluation.slug,
        indicator_number=IndicatorDefinition.objects.order_by("number").first().number,
        uidb64=urlsafe_base64_encode(force_bytes(people["member"].pk)),
        content_type_id=ContentType.objects.get_for_model(bracknell).pk,
        authority_id=bracknell.pk,
    )

    # --- what only some may see -------------------------------------------------------------
    only_owner = frozenset({"analyst_bracknell"})
    for row in rows:
        for key in ("family_key", "person_key", "referral_key"):
            if row.get(key):
                world.secrets[str(row[key])] = frozenset()
    for submission in (accepted.submission, rejected.submission):
        world.secrets[submission.sha256] = only_owner
    world.secrets[BAD_CATEGORY] = only_owner
    world.secrets[BAD_DATE] = only_owner
    for submission_file in ("bf-cohort.csv", "bf-bad.csv"):
        world.secrets[submission_file] = only_owner
    world.secrets[issued.key] = frozenset()
    world.secrets[draft.statement] = frozenset({"editor_bracknell", "admin"})
    for person in people.values():
        # Nobody who is not signed in sees a person's email address (issue 16, finding 5).
        world.secrets.setdefault(person.email, SIGNED_IN)
    world.secrets[contact.email] = SIGNED_IN
    return world


def _import(import_submission, authority, quarter, rows, user, name, bad=None):
    """Import `rows` as a CSV file; `bad` puts values the checks refuse in some cells
    ({row index: {attribute: text}})."""
    from kpi.generator import _ATTRS, write_csv

    text = io.StringIO()
    write_csv(rows, text)
    lines = list(csv.reader(io.StringIO(text.getvalue())))
    for index, cells in (bad or {}).items():
        for attr, value in cells.items():
            lines[index + 1][_ATTRS.index(attr)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(lines)
    return import_submission(
        authority=authority,
        quarter=quarter,
        file=NamedBytes(out.getvalue().encode(), name),
        user=user,
    )


def _network(world: World, bracknell, model, people) -> None:
    """The group with a member, a meeting with a minute section, a decision, the member's
    attendance and an action, an event open for booking with a workshop run, a Bracknell
    Forest booking, a resource and a feedback form with the member's named response."""
    import datetime

    from network import services
    from network.models import (
        Event,
        FeedbackForm,
        Meeting,
        Member,
        ReferenceGroup,
        Resource,
        Session,
        WorkshopRun,
    )

    group = ReferenceGroup.objects.create(name="Reference group", slug="reference-group")
    member = Member.objects.create(group=group, name="Gwen Groupmember", local_authority=bracknell)
    meeting = Meeting.objects.create(
        group=group, slug="2027-01-10", title="Meeting", date=datetime.date(2027, 1, 10)
    )
    action = meeting.actions.create(number=1, description="Send the booking form")
    action.owners.add(member)
    section = meeting.sections.create(number=1, heading="Welcome")
    decision = meeting.decisions.create(position=1, text="Meet again")
    attendance = meeting.attendance.create(member=member, kind="attended")
    event = Event.objects.create(
        group=group,
        slug="learning-day",
        title="Learning day",
        date=datetime.date(2027, 3, 4),
        status=Event.Status.OPEN,
        places_per_authority=3,
    )
    workshop = Session.objects.create(
        event=event,
        slug="workshop",
        kind=Session.Kind.WORKSHOP,
        part=Session.Part.AFTERNOON,
        position=1,
        title="Workshop",
        practice_model=model,
    )
    run = WorkshopRun.objects.create(session=workshop, number=1, capacity=5)
    result = services.book_places(
        event=event,
        authority=bracknell,
        attendees=[services.AttendeeRequest("Bea Booked", "bea.booked@example.org", (run,))],
        user=people["editor_bracknell"],
    )
    resource = Resource.objects.create(slug="vision", title="A vision", kind="vision")
    form = FeedbackForm.objects.create(event=event, title="Feedback", is_open=True)
    question = form.questions.create(position=1, text="Was it useful?")
    response = services.submit_feedback(
        form=form, user=people["member"], answers={}, anonymous=False
    )
    for label, obj in (
        ("network.referencegroup", group),
        ("network.member", member),
        ("network.meeting", meeting),
        ("network.action", action),
        ("network.minutesection", section),
        ("network.decision", decision),
        ("network.attendance", attendance),
        ("network.event", event),
        ("network.session", workshop),
        ("network.workshoprun", run),
        ("network.booking", result.bookings[0]),
        ("network.resource", resource),
        ("network.feedbackform", form),
        ("network.feedbackquestion", question),
        ("network.feedbackresponse", response),
    ):
        world.add(label, obj)
    world.values["event_slug"] = event.slug
    world.values["meeting_slug"] = meeting.slug
    # Attendees' names and addresses: their authority's editor and regional admins only.
    world.secrets["bea.booked@example.org"] = frozenset({"editor_bracknell", "admin"})
    world.secrets["Bea Booked"] = frozenset({"editor_bracknell", "admin"})
    world.secrets[member.name] = SIGNED_IN


def _grant(user):
    from accounts.services import record_role_grant

    return record_role_grant(user=user, previous_role="", previous_authority=None)


# --- Filling a URL pattern's parameters ----------------------------------------------------------

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<regex>[^)]*)\)")
UNNAMED_GROUP = re.compile(r"\(\[\^/\]\+\)")
ADMIN_MODEL = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/")
ALTERNATIVES = re.compile(r"^[\w|]+$")


class UnfilledParameter(LookupError):
    pass


def fill(route: str, world: World) -> list[tuple[str, str]]:
    """The concrete paths for one URL pattern (as `walk_urls` names it), each with its
    variant name ("" when there is one path): `admin/evidence/finding/<path:object_id>/`
    gives the published and the draft finding's change pages."""
    variants = _object_variants(route, world)
    paths = []
    for variant, obj in variants:
        for alternative, path in _substitute(route, world, obj):
            name = "/".join(part for part in (variant, alternative) if part)
            paths.append((name, "/" + path))
    return paths


def _object_variants(route: str, world: World) -> list[tuple[str, Model | None]]:
    admin_model = ADMIN_MODEL.match(route)
    if admin_model and ("object_id" in route or "([^/]+)" in route or "<id>" in route):
        label = f"{admin_model['app']}.{admin_model['model']}"
        if label not in world.objects:
            raise UnfilledParameter(
                f"the matrix's world has no {label}: add one in "
                "tests/accounts/url_matrix_world.py (build_world)"
            )
        return list(world.objects[label])
    for prefix, label in ROUTE_OBJECTS:
        if route.startswith(prefix):
            return list(world.objects[label])
    return [("", None)]


# Routes whose parameter is a record of one kind, by the route's beginning (first match).
ROUTE_OBJECTS = [
    ("accounts/users/lockouts/<int:pk>/", "axes.accessattempt"),
    ("accounts/users/<int:pk>/", "accounts.user"),
    ("kpi/submissions/<int:pk>/report", "kpi.submission"),
    ("kpi/submissions/<int:pk>/withdrawn/", "kpi.submission"),
    ("kpi/submissions/<int:pk>/", "kpi.submission"),
    ("kpi/returns/<int:pk>/", "kpi.aggregatereturn"),
    ("api/v1/kpi/^submissions/(?P<pk>", "kpi.submission"),
    ("api/v1/kpi/^values/(?P<pk>", "kpi.indicatorvalue"),
    ("api/v1/^adoptions/(?P<pk>", "models_registry.adoption"),
    ("api/v1/^contacts/(?P<pk>", "models_registry.contact"),
    ("evidence/findings/<slug:key>/", "evidence.finding"),
    ("regional/findings/review/<slug:key>/", "evidence.finding"),
    ("evidence/proposals/<slug:key>/", "evidence.finding"),
    ("regional/models/<int:pk>/", "models_registry.practicemodel"),
    ("regional/themes/<int:pk>/", "models_registry.theme"),
    ("regional/sources/<int:pk>/", "sources.source"),
    ("regional/evaluations/<int:pk>/", "evidence.evaluation"),
    ("regional/findings/<int:pk>/", "evidence.finding"),
    ("regional/groups/<int:pk>/", "network.referencegroup"),
    ("regional/members/<int:pk>/", "network.member"),
    ("regional/meetings/<int:pk>/", "network.meeting"),
    ("regional/minute-sections/<int:pk>/", "network.minutesection"),
    ("regional/decisions/<int:pk>/", "network.decision"),
    ("regional/attendance/<int:pk>/", "network.attendance"),
    ("regional/actions/<int:pk>/", "network.action"),
    ("regional/events/<int:pk>/", "network.event"),
    ("regional/sessions/<int:pk>/", "network.session"),
    ("regional/workshop-runs/<int:pk>/", "network.workshoprun"),
    ("regional/resources/<int:pk>/", "network.resource"),
    ("regional/feedback-forms/<int:pk>/", "network.feedbackform"),
    ("regional/feedback-questions/<int:pk>/", "network.feedbackquestion"),
    ("regional/underpinnings/<int:pk>/", "models_registry.underpinning"),
    ("regional/practice-tools/<int:pk>/", "models_registry.practicetool"),
    ("regional/services/<int:pk>/", "models_registry.service"),
    ("regional/outcome-domains/<int:pk>/", "evidence.outcomedomain"),
    ("sources/<slug:key>/", "sources.source"),
    ("registry/changes/<slug:kind>/", "registry.change"),
    ("api/v1/^sources/(?P<key>", "sources.source"),
    ("network/actions/<int:pk>/", "network.action"),
    ("network/bookings/<int:pk>/", "network.booking"),
    ("network/feedback/<int:pk>/", "network.feedbackform"),
    ("api/v1/network/^actions/(?P<pk>", "network.action"),
    ("api/v1/network/^bookings/(?P<pk>", "network.booking"),
    ("api/v1/network/^feedback-responses/(?P<pk>", "network.feedbackresponse"),
    ("api/v1/evidence/^findings/(?P<key>", "evidence.finding"),
]


def _value(route: str, name: str, world: World, obj: Model | None) -> str:
    values = world.values
    if name in ("object_id", "pk", "id") and obj is not None:
        return str(obj.pk)
    if name == "key" and route.startswith("api/v1/kpi/^measure-groups"):
        return "police-and-cohort"
    if name == "key" and obj is not None:
        return obj.key
    if name == "slug":
        for prefix, value_name in (
            ("models/", "model_slug"),
            ("api/v1/^practice-models", "model_slug"),
            ("authorities/", "authority_slug"),
            ("kpi/authorities/", "authority_slug"),
            ("your-authority/", "authority_slug"),
            ("regional/cohort-windows/", "authority_slug"),
            ("api/v1/^local-authorities", "authority_slug"),
            ("evidence/evaluations/", "evaluation_slug"),
            ("api/v1/evidence/^evaluations", "evaluation_slug"),
            ("network/events/", "event_slug"),
            ("api/v1/network/^events", "event_slug"),
            ("network/meetings/", "meeting_slug"),
            ("api/v1/network/^meetings", "meeting_slug"),
        ):
            if route.startswith(prefix):
                return str(values[value_name])
    if name in ("adoption", "contact"):
        return str(world.one(f"models_registry.{name}").pk)
    if name == "number":
        return str(values["indicator_number"])
    if name == "format":
        return "json"
    if name == "uidb64":
        return str(values["uidb64"])
    if name == "token":
        return "set-password"
    if name == "content_type_id":
        return str(values["content_type_id"])
    if name == "object_id" and route.startswith("admin/r/"):
        return str(values["authority_id"])
    if name == "url":
        return "no-such-page/"
    if name == "kind" and obj is not None:
        return str(obj._meta.model_name)
    if name == "history_id" and obj is not None:
        return str(obj.history.order_by("-history_id").first().history_id)  # type: ignore[attr-defined]
    raise UnfilledParameter(
        f"no value for parameter {name!r} of {route!r}: teach "
        "tests/accounts/url_matrix_world.py (_value or ROUTE_OBJECTS) what to fill in"
    )


def _substitute(route: str, world: World, obj: Model | None) -> list[tuple[str, str]]:
    """Replace each parameter by its value; a group of literal alternatives
    (`(?P<app_label>auth|axes|…)`) gives one path per alternative."""
    alternatives = [("", route)]
    group = NAMED_GROUP.search(route)
    if group and ALTERNATIVES.match(group["regex"]):
        alternatives = [
            (option, route[: group.start()] + option + route[group.end() :])
            for option in group["regex"].split("|")
        ]
    paths = []
    for alternative, text in alternatives:
        text = NAMED_GROUP.sub(lambda m: _value(route, m["name"], world, obj), text)
        text = ROUTE_PARAMETER.sub(
            lambda m: (
                "." + _value(route, m["name"], world, obj)
                if m["converter"] == "drf_format_suffix"
                else _value(route, m["name"], world, obj)
            ),
            text,
        )
        if UNNAMED_GROUP.search(text):
            # django-simple-history's one old version: (object id, history id).
            history = obj.history.order_by("-history_id").first()  # type: ignore[union-attr]
            object_id, history_id = str(obj.pk), str(history.history_id)  # type: ignore[union-attr]
            text = UNNAMED_GROUP.sub(object_id, text, count=1)
            text = UNNAMED_GROUP.sub(history_id, text, count=1)
        text = text.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
        paths.append((alternative, text))
    return paths

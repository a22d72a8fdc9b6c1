"""Every HTML form the portal has, fuzzed (issue 17, "Fuzz every form, not only the API").

The forms are found, not listed: every named URL pattern is asked for as every persona
(its parameters filled from the region's data, a generated KPI submission and one of
everything the admin lists), and every `<form>` in the pages that answer is parsed with
its method, action and fields (tests/seslip/html_forms.py), the admin's add, change,
delete, action and search forms and the sign-in, reset and invitation forms included. A
page's links back to itself (filters, sorting, paging, the admin's date drill-down) count
as one more GET form. Every Form and FilterSet class of the portal must be behind one of
the forms found, so a new form cannot escape.

Then hypothesis posts to each form, as a persona that can reach it, values mixing what the
page offers with very long strings, NUL, bytes that are not UTF-8, huge numbers, NaN and
infinities, non-ASCII digits, impossible dates, empty and missing values, repeated
values, and junk files. The only answers allowed are a redirect, 400, 403, 404, or a
200 page (for a POST: with an error summary, unless the view answers success with a
page). Whatever the answer but a redirect, nothing is stored: every table's row count
is unchanged (the logs of reads and sign-in attempts aside). Each example runs in a
savepoint rolled back afterwards, so every example starts from the same database.

FORM_FUZZ_EXAMPLES sets the examples per form: a few in `make test`, 60 in `make fuzz`.
"""

from __future__ import annotations

import io
import os
from urllib.parse import quote_from_bytes

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.seslip.html_forms import UNTOUCHED, Field, Form, candidate_kwargs, forms_in, routes

EXAMPLES = int(os.environ.get("FORM_FUZZ_EXAMPLES", "3"))
# FORM_FUZZ_ONLY=/regional/ fuzzes only the forms whose action starts with it (discovery
# still checks every form and route); for working on one area's forms.
ONLY = os.environ.get("FORM_FUZZ_ONLY", "")
# FORM_FUZZ_SHRINK=0 reports the first failure of each form as found, without shrinking it.
PHASES = (
    list(Phase)
    if os.environ.get("FORM_FUZZ_SHRINK", "1") != "0"
    else [Phase.explicit, Phase.reuse, Phase.generate]
)
PERSONAS = (
    "anonymous",
    "member",
    "editor_bracknell",
    "analyst_bracknell",
    "analyst_surrey",
    "regional_analyst",
    "admin",
    # The only one the admin site lets in (issue 22); elsewhere a regional admin by role, so
    # its pages outside the admin site are the regional admin's and are not fuzzed twice.
    "superuser",
)
PASSWORD = "correct horse battery staple"
ALLOWED = {200, 301, 302, 303, 400, 403, 404}

# Rows that any request may write whatever it answers: the append-only log of who read
# what, django-axes' record of sign-in attempts, sessions.
LOG_MODELS = {
    "accounts.accesslog",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "sessions.session",
}
# Views whose success is a page rather than a redirect: the new API token's key is shown
# on the response to the POST and never again (docs/adr/0006-hashed-api-tokens.md).
SUCCESS_PAGES = {"accounts:api-token-create"}
# URL patterns no page of the portal can fill from its data, with the reason.
UNREACHABLE = {
    "admin:view_on_site": "a redirect to the object's own page, never a form",
    "kpi:submission-withdrawn": "only after a withdrawal, which the fuzz does itself",
    "kpi-api:indicator-detail": "API (its schema fuzz covers it); needs an indicator number",
}
# The same, by the end of the pattern's name.
UNREACHABLE_ENDINGS = {
    "_simple_history": "django-simple-history's revert page: its URL's groups are unnamed, "
    "which the discovery does not fill (not fuzzed yet)",
}
# Form and FilterSet classes reached by the API only (schemathesis fuzzes them there:
# tests/api/test_schema_fuzz.py), not by any HTML page.
API_ONLY = {"AdoptionFilter", "EvaluationFilter", "IndicatorValueFilter", "SubmissionFilter"}

pytestmark = [pytest.mark.django_db, pytest.mark.form_fuzz]


# --- The data: the region, a KPI submission, a persona per role, one of every admin row ---


@pytest.fixture
def site(db):
    from accounts.models import AccessLog, RoleGrant
    from evidence.region_data import load as load_evidence
    from kpi.generator import CohortGenerator, write_csv
    from kpi.quarters import Quarter
    from kpi.services.imports import import_submission
    from kpi.services.toolkit import ensure_cohorts, load_definitions
    from models_registry.models import LocalAuthority
    from models_registry.region_data import load as load_registry
    from tests.factories import UserFactory

    load_registry()
    load_evidence()
    load_definitions()
    bracknell = LocalAuthority.objects.get(slug="bracknell-forest")
    surrey = LocalAuthority.objects.get(slug="surrey")
    ensure_cohorts(authority=bracknell)
    users = {
        "member": UserFactory(email="member@example.org", role="member"),
        "editor_bracknell": UserFactory(
            email="editor@bracknell-forest.example.org",
            role="authority_editor",
            authority=bracknell,
        ),
        "analyst_bracknell": UserFactory(
            email="analyst@bracknell-forest.example.org",
            role="authority_analyst",
            authority=bracknell,
        ),
        "analyst_surrey": UserFactory(
            email="analyst@surrey.example.org", role="authority_analyst", authority=surrey
        ),
        "regional_analyst": UserFactory(
            email="regional.analyst@example.org", role="regional_analyst"
        ),
        "admin": UserFactory(email="admin@example.org", role="regional_admin"),
        "superuser": UserFactory(
            email="root@example.org", role="regional_admin", is_superuser=True
        ),
    }
    for user in users.values():
        user.set_password(PASSWORD)
        user.save()
    text = io.StringIO()
    write_csv(
        CohortGenerator(
            authority_slug="bracknell-forest", quarter=Quarter.parse("2018-Q1"), families=6, seed=3
        ).rows(),
        text,
    )
    file = io.BytesIO(text.getvalue().encode())
    file.name = "generated.csv"
    import_submission(
        authority=bracknell,
        quarter=Quarter.parse("2018-Q1"),
        file=file,
        user=users["analyst_bracknell"],
    )
    _one_of_every_admin_row(users)
    assert RoleGrant.objects.exists() and AccessLog.objects.exists()
    return users


def _one_of_every_admin_row(users) -> None:
    """Rows for the admin lists the region's data leaves empty, so that their change
    pages, actions and date drill-downs exist."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as AxesLog
    from django.utils import timezone

    from accounts.models import AccessLog
    from accounts.services import create_api_token, record_role_grant
    from kpi.models import Submission
    from kpi.tasks import import_submission_task

    create_api_token(user=users["analyst_bracknell"])
    record_role_grant(
        user=users["member"], previous_role="", previous_authority=None, by=users["admin"]
    )
    AccessLog.objects.create(
        user=users["admin"],
        user_email="admin@example.org",
        action=AccessLog.Action.EXPORT,
        target="t",
    )
    now = timezone.now()
    common = {"ip_address": "10.0.0.1", "user_agent": "fuzz", "username": "x@example.org"}
    AccessAttempt.objects.create(
        **common, path_info="/accounts/sign-in/", failures_since_start=1, attempt_time=now
    )
    AccessFailureLog.objects.create(**common, path_info="/accounts/sign-in/", attempt_time=now)
    AxesLog.objects.create(**common, path_info="/accounts/sign-in/", attempt_time=now)
    import_submission_task.enqueue(submission_id=Submission.objects.get().pk)
    # The reference group's rows (loaded with the region) and a feedback form for its event,
    # with a question.
    from network.models import Event, FeedbackForm
    from network.region_data import load as load_network

    load_network()
    feedback = FeedbackForm.objects.create(
        event=Event.objects.first(), title="Feedback", is_open=True
    )
    feedback.questions.create(position=1, text="Was it useful?")  # the regional team's page
    # A finding an authority editor proposed, waiting in the regional team's review queue.
    from evidence.models import Finding
    from evidence.services import save_draft_finding

    published = Finding.objects.filter(authority__slug="bracknell-forest").first() or (
        Finding.objects.first()
    )
    proposal = Finding(
        key="fuzz-proposal",
        evaluation=published.evaluation,
        practice_model=published.practice_model,
        outcome_domain=published.outcome_domain,
        authority=users["editor_bracknell"].authority,
        statement="A proposal waiting for review.",
        direction="improved",
        source_section="§1.3",
    )
    save_draft_finding(finding=proposal, user=users["editor_bracknell"])


def _parameter_values(route, users) -> dict[str, list[str]]:
    """What each URL parameter can be in this database, for this route."""
    from evidence.models import Evaluation, Finding
    from kpi.models import AggregateReturn, Submission
    from models_registry.models import LocalAuthority, PracticeModel

    model_admin = getattr(route.callback, "model_admin", None) or _model_admin_named(route)
    member = users["member"]
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    from accounts.tokens import invitation_token_generator

    bracknell = LocalAuthority.objects.get(slug="bracknell-forest")
    values = {
        "slug": [
            bracknell.slug,
            PracticeModel.objects.order_by("pk").first().slug,
            Evaluation.objects.order_by("pk").first().slug,
        ],
        # A published finding and the proposal awaiting review (the review queue's form).
        "key": [
            Finding.objects.order_by("pk").first().key,
            *Finding.objects.filter(status=Finding.Status.DRAFT).values_list("key", flat=True)[:1],
        ],
        "pk": [str(pk) for pk in Submission.objects.values_list("pk", flat=True)[:1]]
        + [str(pk) for pk in AggregateReturn.objects.values_list("pk", flat=True)[:1]],
        "uidb64": [uid],
        "token": [
            default_token_generator.make_token(member),
            invitation_token_generator.make_token(member),
        ],
        "id": [str(member.pk)],  # the admin's "change this user's password" page
        # "Your authority": Bracknell Forest's first adoption and contact (issue 22).
        "adoption": [str(pk) for pk in bracknell.adoptions.values_list("pk", flat=True)[:1]],
        "contact": [str(pk) for pk in bracknell.contacts.values_list("pk", flat=True)[:1]],
        "app_label": sorted({model._meta.app_label for model in _admin_models()}),
        # A registry change to revert: the latest to Bracknell Forest's entry.
        "kind": ["localauthority"],
        "history_id": [
            str(
                LocalAuthority.history.filter(slug="bracknell-forest")
                .order_by("-history_id")
                .first()
                .history_id
            )
        ],
    }
    if model_admin is not None:
        first = model_admin.model._default_manager.order_by("pk").first()
        values["object_id"] = [str(first.pk)] if first else []
    if route.name == "regional:give-cohort-windows":
        # An authority with no cohort windows, whose page has the form that gives them.
        from kpi.models import Cohort

        windowless = LocalAuthority.objects.exclude(
            pk__in=Cohort.objects.values("authority")
        ).order_by("slug")
        values["slug"] = [bracknell.slug, *windowless.values_list("slug", flat=True)[:1]]
    if (route.name or "").startswith("regional:"):
        # The regional team's pages: an entry of the page's own kind (regional/urls.py).
        from regional.entries import KINDS

        kind = KINDS.get(route.name.removeprefix("regional:").rsplit("-", 1)[0])
        if kind is not None:
            values["pk"] = [str(kind.model._default_manager.order_by("pk").first().pk)]
    return values


def _model_admin_named(route):
    """The ModelAdmin whose admin URL this is, by name (admin:<app>_<model>_<page>), for
    the pages third-party admins add without marking them (history, password)."""
    from django.contrib import admin

    for model, model_admin in admin.site._registry.items():
        if route.name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model_admin
    return None


def _admin_models():
    from django.contrib import admin

    return list(admin.site._registry)


# --- Discovery ----------------------------------------------------------------------------


def _client(persona: str, users) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(users[persona])
    return client


def _is_staff(persona: str, users) -> bool:
    return persona != "anonymous" and users[persona].is_staff


def discover(users) -> tuple[dict[tuple, tuple[Form, list[str]]], set[str]]:
    """Every distinct form, with the personas that reach it; and the routes reached."""
    forms: dict[tuple, tuple[Form, list[str]]] = {}
    reached: set[str] = set()
    clients = {persona: _client(persona, users) for persona in PERSONAS}
    for route in routes():
        if route.name in UNREACHABLE:
            continue
        urls = []
        for kwargs in candidate_kwargs(route, _parameter_values(route, users)):
            try:
                url = reverse(route.name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            # The API's own fuzz covers it from its schema (tests/api/test_schema_fuzz.py).
            if url.startswith("/api/"):
                reached.add(route.name)
            else:
                urls.append(url)
        # Only staff (the superuser) reach the admin site's pages; the others meet its
        # sign-in form, which admin:login finds as anyone.
        admin_page = route.name.startswith("admin:")
        personas = [
            persona
            for persona in PERSONAS
            if (admin_page or persona != "superuser")
            and (not admin_page or route.name == "admin:login" or _is_staff(persona, users))
        ]
        for url, persona in ((url, persona) for url in urls for persona in personas):
            response = clients[persona].get(url, follow=True)
            assert response.status_code in ALLOWED | {405}, (url, persona, response.status_code)
            reached.add(route.name)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = response.request["PATH_INFO"]
            for form in forms_in(page, response.content.decode()):
                if form.action.startswith("/api/"):
                    continue
                found = forms.setdefault(form.key, (form, []))
                if persona not in found[1]:
                    found[1].append(persona)
    return forms, reached


# --- Values -------------------------------------------------------------------------------

JUNK: list[bytes] = [
    b"",
    b" ",
    b"x" * 201,
    b"x" * 1_001,
    b"9" * 5_000,
    b"y" * 70_000,
    b"a\x00b",
    b"\x00",
    b"\xff\xfe",
    b"\x81",
    b"\xc3\x28",
    b"9" * 40,
    b"-" + b"9" * 40,
    b"1e300",
    b"-1e308",
    b"1e-400",
    b"NaN",
    b"nan",
    b"inf",
    b"-Infinity",
    "٢٠١٨".encode(),
    "２０１８-Q1".encode(),
    "٢٠١٨-Q3".encode(),
    "¹²".encode(),
    b"-1",
    b"0",
    b"2147483648",
    b"9223372036854775808",
    b"0.1",
    b"1,000",
    b"9999-12-31",
    b"0000-01-01",
    b"2026-02-30",
    b"31/12/9999",
    b"9999-Q4",
    b"0000-Q1",
    b"2018-Q1",
    b"<script>alert(1)</script>",
    b"'; DROP TABLE x; --",
    b"%",
    b"\\",
    "😀".encode() * 3,
    "\u202e\u200b".encode(),
    b"x@example.org",
    b"x" * 300 + b"@example.org",
    PASSWORD.encode(),
    b"on",
    b"true",
]

JUNK_FILES: list[tuple[bytes, bytes]] = [
    (b"empty.csv", b""),
    (b"header.csv", b"la_code,family_id\n"),
    (b"bytes.csv", bytes(range(256)) * 4),
    (b"nul.csv", b"a,b\n\x00,\x00\n"),
    (b"measure.csv", b"measure,value,people\nnope,1e300,NaN\n"),
    (b"measure.csv", "measure,value\ncp_plans_active,٢\n".encode()),
    (b"zip.xlsx", b"PK\x03\x04" + b"\x00" * 60),
    (b"old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    (b"x" * 300 + b".csv", b"a\n"),
    (b"\xff\xfe.csv", b"a\n"),
    (b"a\x00.csv", b"a\n"),
    (b"no-extension", b"hello"),
]


def _valid_files() -> list[tuple[bytes, bytes]]:
    from pathlib import Path

    files = Path(__file__).resolve().parent.parent / "kpi" / "files"
    return [(b"valid_small.csv", (files / "valid_small.csv").read_bytes())]


text_values = st.text(max_size=40).map(lambda s: s.encode("utf-8", "surrogatepass"))


def field_values(field: Field) -> st.SearchStrategy[list[bytes]]:
    """What one field is sent as: usually one value, sometimes none or two."""
    offered = [value.encode() for value in field.values if value] or [b""]
    one = st.one_of(
        st.sampled_from(offered),
        st.sampled_from(JUNK),
        text_values,
    )
    return st.one_of(
        one.map(lambda value: [value]),
        st.just([]),
        st.lists(one, min_size=2, max_size=3),
    )


def file_values() -> st.SearchStrategy[list[tuple[bytes, bytes]]]:
    one = st.one_of(
        st.sampled_from(JUNK_FILES + _valid_files()),
        st.tuples(st.just(b"random.csv"), st.binary(max_size=2_000)),
    )
    return st.one_of(one.map(lambda file: [file]), st.just([]))


def _urlencode(pairs: list[tuple[str, bytes]]) -> str:
    return "&".join(f"{quote_from_bytes(name.encode())}={quote_from_bytes(v)}" for name, v in pairs)


BOUNDARY = b"fuzzBoundary7MA4YWxkTrZu0gW"


def _multipart(pairs: list[tuple[str, bytes]], files: list[tuple[str, bytes, bytes]]) -> bytes:
    parts = []
    for name, value in pairs:
        parts.append(
            b"--"
            + BOUNDARY
            + b'\r\nContent-Disposition: form-data; name="'
            + name.encode()
            + b'"\r\n\r\n'
            + value
            + b"\r\n"
        )
    for name, filename, content in files:
        parts.append(
            b"--"
            + BOUNDARY
            + b'\r\nContent-Disposition: form-data; name="'
            + name.encode()
            + b'"; filename="'
            + filename
            + b'"\r\nContent-Type: application/octet-stream'
            + b"\r\n\r\n"
            + content
            + b"\r\n"
        )
    return b"".join(parts) + b"--" + BOUNDARY + b"--\r\n"


# --- The state that must not change when a form is refused -----------------------------------


def _counted_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in LOG_MODELS and model._meta.managed
    ]


def stored() -> dict[str, tuple[int, int | None]]:
    """Each table's row count and highest primary key, in one query."""
    from django.db import connection

    quote = connection.ops.quote_name
    selects = [
        f"SELECT '{model._meta.label_lower}', COUNT(*), MAX({quote(model._meta.pk.column)}) "
        f"FROM {quote(model._meta.db_table)}"
        for model in _counted_models()
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects))
        return {label: (count, top) for label, count, top in cursor.fetchall()}


def record_rows_only_of_stored_submissions() -> bool:
    """No record-level row belongs to a submission that was not stored whole."""
    from kpi.models import Family, Submission

    stored_whole = [
        Submission.Status.ACCEPTED,
        Submission.Status.SUPERSEDED,
        Submission.Status.WITHDRAWN,
    ]
    return not Family.objects.exclude(submission__status__in=stored_whole).exists()


def has_error_summary(html: str) -> bool:
    return any(
        marker in html
        for marker in ('class="govuk-error-summary', 'class="errornote', 'class="errorlist')
    )


# --- The test -------------------------------------------------------------------------------


def test_every_form_answers_any_input_without_an_error_or_a_partial_store(site):
    found, reached = discover(site)
    assert_every_form_class_is_behind_a_found_form(found)
    assert_every_route_was_reached(reached)
    for form, personas in sorted(found.values(), key=lambda item: item[0].key):
        if form.action.startswith(ONLY):
            fuzz_form(form, personas, site)


def assert_every_route_was_reached(reached: set[str]) -> None:
    """Every named URL pattern answered a GET, was the API's, or is known unreachable."""
    unreached = {
        route.name
        for route in routes()
        if route.name not in UNREACHABLE and not route.name.endswith(tuple(UNREACHABLE_ENDINGS))
    } - reached
    assert not unreached, f"URL patterns no page reached: {sorted(unreached)}"


def assert_every_form_class_is_behind_a_found_form(found) -> None:
    """Every Form and FilterSet class the portal defines has its fields in a found form."""
    from django import forms as django_forms
    from django_filters import FilterSet

    field_sets = [set(form.fields) for form, _personas in found.values()]

    def subclasses(base):
        for cls in base.__subclasses__():
            yield cls
            yield from subclasses(cls)

    ours = ("accounts.", "models_registry.", "evidence.", "kpi.", "seslip.", "regional.")
    missing = []
    for cls in {*subclasses(django_forms.BaseForm), *subclasses(FilterSet)}:
        if not cls.__module__.startswith(ours) or cls.__name__ in API_ONLY:
            continue
        names = set(cls.base_filters if issubclass(cls, FilterSet) else cls.base_fields)
        if not any(names <= fields for fields in field_sets):
            missing.append(f"{cls.__module__}.{cls.__name__} {sorted(names)}")
    assert not missing, "forms no page shows: " + "; ".join(sorted(missing))


def fuzz_form(form: Form, personas: list[str], users) -> None:
    view_name = resolve(form.action).view_name
    fields = [f for name, f in form.fields.items() if name not in UNTOUCHED and f.kind != "file"]
    file_fields = [f for f in form.fields.values() if f.kind == "file"]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=PHASES,
    )
    @given(
        persona=st.sampled_from(personas),
        values=st.fixed_dictionaries({f.name: field_values(f) for f in fields}),
        files=st.fixed_dictionaries({f.name: file_values() for f in file_fields}),
    )
    def example(persona, values, files):
        pairs = [(name, v) for name in form.fields if name in UNTOUCHED for v in [b""]]
        pairs += [(name, value) for name, sent in values.items() for value in sent]
        sent_files = [
            (name, fn, content) for name, chosen in files.items() for fn, content in chosen
        ]
        with transaction.atomic():
            client = _client(persona, users)
            before = stored()
            if form.method == "get":
                query = "&".join(q for q in (form.query, _urlencode(pairs)) if q)
                response = client.get(f"{form.action}?{query}")
            elif form.multipart:
                response = client.generic(
                    "POST",
                    form.action + (f"?{form.query}" if form.query else ""),
                    _multipart(pairs, sent_files),
                    content_type=f"multipart/form-data; boundary={BOUNDARY.decode()}",
                )
            else:
                response = client.generic(
                    "POST",
                    form.action + (f"?{form.query}" if form.query else ""),
                    _urlencode(pairs).encode(),
                    content_type="application/x-www-form-urlencoded",
                )
            status = response.status_code
            where = f"{form.method.upper()} {form.action} as {persona}: {status}"
            assert status in ALLOWED, where
            assert record_rows_only_of_stored_submissions(), where
            refused = status in (400, 403, 404) or (
                status == 200 and has_error_summary(response.content.decode(errors="replace"))
            )
            page_on_success = form.method == "post" and view_name in SUCCESS_PAGES
            if form.method == "get" or refused or (status == 200 and not page_on_success):
                after = stored()
                changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
                assert not changed, f"{where}: stored {changed}"
            transaction.set_rollback(True)

    try:
        example()
    except Exception as error:
        error.add_note(f"form: {form.method.upper()} {form.action} fields {sorted(form.fields)}")
        raise

"""What each persona gets from each URL pattern: the table tests/accounts/test_url_matrix.py
checks every URL the URL configuration has against.

Keys are the URL patterns as Django joins them (the test prints the ones it cannot find
here). A value is `{persona: status}` with "*" for everyone not named, or, for a pattern
the matrix fills in several ways (a published and a draft finding, an accepted, rejected
and withdrawn submission), `{variant: {persona: status}}` with "*" for variants not named.
The records are Bracknell Forest's: `editor_bracknell` and `analyst_bracknell` are their
own authority's, `editor_surrey` and `analyst_surrey` another's.

Adding a URL? Add its pattern here with the status each persona should get, and say why
in a comment when it is not obvious. Registering a model in the admin? Add it to
ADMIN_MODELS. Accepting a POST? Add it to POSTS.
"""

ANONYMOUS = "anonymous"
# The superuser (pytest-django's `admin_user`, a regional admin by role): the only persona the
# admin site lets in (issue 22). Everywhere else it gets what the regional admin ("admin")
# gets, unless a table names it (`expected_status` in tests/accounts/test_url_matrix.py).
SUPERUSER = "admin_user"

EVERYONE_200 = {"*": 200}
# Signed-in pages: anonymous visitors go to the sign-in page.
SIGNED_IN_200 = {ANONYMOUS: 302, "*": 200}
# Bracknell Forest's record-level pages: its analysts only; 404 (not 403) to everyone else,
# so that nobody learns which submission ids exist (docs/security.md).
OWNING_ANALYST = {ANONYMOUS: 302, "analyst_bracknell": 200, "*": 404}
# Pages for authority analysts (their own authority's uploads).
ANALYSTS = {ANONYMOUS: 302, "analyst_bracknell": 200, "analyst_surrey": 200, "*": 403}
# Aggregates shown unsuppressed: the owning analysts and the regional roles.
UNSUPPRESSED = {
    ANONYMOUS: 302,
    "analyst_bracknell": 200,
    "regional_analyst": 200,
    "admin": 200,
    "*": 404,
}
# The API refuses anonymous callers with 401 (token or session authentication offered).
API_OWNING_ANALYST = {ANONYMOUS: 401, "analyst_bracknell": 200, "*": 404}


def admin_page(superuser: int) -> dict:
    """An admin page: the admin site is for the superuser's maintenance (issue 22); everyone
    else, regional admins included (they have the regional team's pages), is sent to the
    admin's sign-in page."""
    return {SUPERUSER: superuser, "*": 302}


ADMIN_ONLY = admin_page(200)
NOBODY = admin_page(403)

ADMIN_APP_INDEX = (
    "admin/^(?P<app_label>auth|axes|accounts|sources|models_registry|evidence|kpi|network|"
    "django_tasks_database)/$"
)
# The reference group's bookings: authority editors (their own authority's) and admins.
NETWORK_BOOKERS = {
    ANONYMOUS: 302,
    "editor_bracknell": 200,
    "editor_surrey": 200,
    "admin": 200,
    "*": 403,
}
NETWORK_ADMIN = {ANONYMOUS: 302, "admin": 200, "*": 403}
# Bracknell Forest's entry is confirmed by its editors and by the regional team.
REGISTRY_CONFIRMERS = {ANONYMOUS: 302, "editor_bracknell": 200, "admin": 200, "*": 403}
REGIONAL_TEAM = {ANONYMOUS: 302, "admin": 200, "*": 403}
# "Your authority" (issue 22): Bracknell Forest's editors and regional admins; nobody else,
# another authority's editors included.
OWN_EDITORS = {ANONYMOUS: 302, "editor_bracknell": 200, "admin": 200, "*": 403}
# Check-answers and saved pages with nothing waiting: back to the entry.
OWN_EDITORS_NOTHING_PENDING = {ANONYMOUS: 302, "editor_bracknell": 302, "admin": 302, "*": 403}
# Contacts through the API: the people who keep them; another authority's editor finds no
# such contact (and an empty list).
API_CONTACTS = {
    ANONYMOUS: 401,
    "editor_bracknell": 200,
    "editor_surrey": 200,
    "admin": 200,
    "*": 403,
}
API_CONTACT = {**API_CONTACTS, "editor_surrey": 404}

# The regional team's pages (regional/, issue 22): regional admins only.
REGIONAL = {ANONYMOUS: 302, "admin": 200, "*": 403}
# A check-your-answers page with no answers given sends its admin back to the question.
REGIONAL_CHECK = {**REGIONAL, "admin": 302}
REGIONAL_KINDS = (
    "models", "themes", "sources", "evaluations", "findings",
    # The reference group (regional/kinds_meetings.py).
    "groups", "members", "meetings", "minute-sections", "decisions", "attendance", "actions",
    # The events side of the reference group (regional/kinds_events.py).
    "events", "sessions", "workshop-runs", "resources", "feedback-forms", "feedback-questions",
    # The lists entries are filed under (regional/kinds_taxonomies.py).
    "underpinnings", "practice-tools", "services", "outcome-domains",
)  # fmt: skip
# Authority editors' own pages (proposing findings).
EDITORS_ONLY = {ANONYMOUS: 302, "editor_bracknell": 200, "editor_surrey": 200, "*": 403}

# The users pages (accounts/user_views.py): regional admins only; a check-your-answers or
# confirmation page with nothing waiting sends the admin back.
USERS_ADMIN = {ANONYMOUS: 302, "admin": 200, "*": 403}
USERS_NOTHING_PENDING = {**USERS_ADMIN, "admin": 302}

EXPECTED: dict[str, dict] = {
    # --- the frame and the public site ---------------------------------------------------
    "healthz": EVERYONE_200,
    "livez": EVERYONE_200,
    "accessibility/": EVERYONE_200,
    "privacy/": EVERYONE_200,
    "glossary/": EVERYONE_200,
    "": EVERYONE_200,
    "models/": EVERYONE_200,
    "models/<slug:slug>/": EVERYONE_200,
    "compare/": EVERYONE_200,
    "authorities/": EVERYONE_200,
    "authorities/<slug:slug>/": EVERYONE_200,
    "themes/": EVERYONE_200,
    # Suggestions for the find-by-name inputs of long choice lists (issue 20).
    "find/practice-models/": EVERYONE_200,
    "find/authorities/": EVERYONE_200,
    # Keeping the registry true (issue 22): an authority's editors and the regional team
    # confirm its entry; the regional team reads what is overdue and reverts changes.
    "authorities/<slug:slug>/confirm/": REGISTRY_CONFIRMERS,
    "registry/overdue/": REGIONAL_TEAM,
    "registry/overdue.csv": REGIONAL_TEAM,
    "registry/changes/<slug:kind>/<int:history_id>/revert/": REGIONAL_TEAM,
    "evidence/": EVERYONE_200,
    "evidence/search/": EVERYONE_200,
    "evidence/evaluations/": EVERYONE_200,
    "evidence/evaluations/<slug:slug>/": EVERYONE_200,
    "evidence/evaluations/<slug:slug>/citation.bib": EVERYONE_200,
    "evidence/evaluations/<slug:slug>/citation.ris": EVERYONE_200,
    # A draft finding is not on the public site for anyone: its editors see it on their
    # proposals page, regional admins in the review queue.
    "evidence/findings/<slug:key>/": {"published": EVERYONE_200, "draft": {"*": 404}},
    # The sources catalogue and each document's page and citation files: public.
    "sources/": EVERYONE_200,
    "sources/<slug:key>/": EVERYONE_200,
    "sources/<slug:key>/citation.bib": EVERYONE_200,
    "sources/<slug:key>/citation.ris": EVERYONE_200,
    # --- KPI pages ---------------------------------------------------------------------------
    "kpi/": EVERYONE_200,
    "kpi/definitions/": EVERYONE_200,
    "kpi/specification/": EVERYONE_200,
    "kpi/compare/": EVERYONE_200,
    "kpi/authorities/<slug:slug>/": EVERYONE_200,
    "kpi/returns/": SIGNED_IN_200,
    "kpi/returns/new/": ANALYSTS,
    "kpi/returns/upload/": ANALYSTS,
    "kpi/returns/<int:pk>/": UNSUPPRESSED,
    "kpi/submissions/": SIGNED_IN_200,
    "kpi/submissions/upload/": ANALYSTS,
    # The blank cohort file: column names and a made-up example row, nobody's data.
    "kpi/submissions/template.csv": EVERYONE_200,
    "kpi/submissions/template.xlsx": EVERYONE_200,
    "kpi/submissions/<int:pk>/": OWNING_ANALYST,
    "kpi/submissions/<int:pk>/report/": OWNING_ANALYST,
    "kpi/submissions/<int:pk>/report.csv": OWNING_ANALYST,
    "kpi/submissions/<int:pk>/withdraw/": OWNING_ANALYST,
    # The confirmation of a submission that is not withdrawn sends its analyst to it.
    "kpi/submissions/<int:pk>/withdrawn/": {
        "withdrawn": OWNING_ANALYST,
        "*": {**OWNING_ANALYST, "analyst_bracknell": 302},
    },
    # --- accounts ------------------------------------------------------------------------------
    "accounts/": SIGNED_IN_200,
    "accounts/sign-in/": {ANONYMOUS: 200, "*": 302},
    "accounts/sign-out/": EVERYONE_200,
    "accounts/password-reset/": EVERYONE_200,
    "accounts/password-reset/sent/": EVERYONE_200,
    # An invalid link says so (200); the matrix has no valid token.
    "accounts/password-reset/<uidb64>/<token>/": EVERYONE_200,
    "accounts/password-reset/complete/": EVERYONE_200,
    "accounts/invitation/<uidb64>/<token>/": EVERYONE_200,
    # POST only (POSTS below).
    "accounts/api-token/": {ANONYMOUS: 302, "*": 405},
    "accounts/api-token/revoke/": {ANONYMOUS: 302, "*": 405},
    "accounts/access-log/": {ANONYMOUS: 302, "admin": 200, "*": 403},
    # The phase banner's feedback form: anyone writes; regional admins read (issue 23).
    "accounts/feedback/": EVERYONE_200,
    "accounts/feedback/sent/": EVERYONE_200,
    "accounts/feedback/responses/": {ANONYMOUS: 302, "admin": 200, "*": 403},
    # Managing users (issue 22: not in the admin site): regional admins only. The matrix's
    # account is Bracknell Forest's analyst, with no pending answers; their role grant
    # revoked their token, so "revoke the token" sends the admin back to the account.
    "accounts/users/": USERS_ADMIN,
    "accounts/users/invite/": USERS_ADMIN,
    "accounts/users/invite/check/": USERS_NOTHING_PENDING,
    "accounts/users/lockouts/": USERS_ADMIN,
    # POST only (POSTS below).
    "accounts/users/lockouts/<int:pk>/lift/": {ANONYMOUS: 302, "*": 405},
    "accounts/users/role-grants/": USERS_ADMIN,
    "accounts/users/<int:pk>/": USERS_ADMIN,
    "accounts/users/<int:pk>/role/": USERS_ADMIN,
    "accounts/users/<int:pk>/role/check/": USERS_NOTHING_PENDING,
    "accounts/users/<int:pk>/done/": USERS_NOTHING_PENDING,
    "accounts/users/<int:pk>/account/": USERS_ADMIN,
    "accounts/users/<int:pk>/api-token/revoke/": USERS_NOTHING_PENDING,
    # --- the API -------------------------------------------------------------------------------
    "api/": EVERYONE_200,
    "api/schema/": EVERYONE_200,
    "api/docs/": EVERYONE_200,
    "api/v1/": EVERYONE_200,
    "api/v1/<drf_format_suffix:format>": EVERYONE_200,
    "api/v1/^local-authorities/$": EVERYONE_200,
    "api/v1/^local-authorities\\.(?P<format>[a-z0-9]+)/?$": EVERYONE_200,
    "api/v1/^local-authorities/(?P<slug>[^/.]+)/$": EVERYONE_200,
    "api/v1/^local-authorities/(?P<slug>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": EVERYONE_200,
    "api/v1/^practice-models/$": EVERYONE_200,
    "api/v1/^practice-models\\.(?P<format>[a-z0-9]+)/?$": EVERYONE_200,
    "api/v1/^practice-models/(?P<slug>[^/.]+)/$": EVERYONE_200,
    "api/v1/^practice-models/(?P<slug>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": EVERYONE_200,
    "api/v1/^contacts/$": API_CONTACTS,
    "api/v1/^contacts\\.(?P<format>[a-z0-9]+)/?$": API_CONTACTS,
    "api/v1/^contacts/(?P<pk>[^/.]+)/$": API_CONTACT,
    "api/v1/^contacts/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": API_CONTACT,
    # --- "Your authority": editing an entry (issue 22) ---------------------------------------
    # An editor goes to their own authority's entry; a regional admin chooses one.
    "your-authority/": {
        ANONYMOUS: 302,
        "editor_bracknell": 302,
        "editor_surrey": 302,
        "admin": 200,
        "*": 403,
    },
    "your-authority/<slug:slug>/": OWN_EDITORS,
    "your-authority/<slug:slug>/overview/": OWN_EDITORS,
    "your-authority/<slug:slug>/ofsted/": OWN_EDITORS,
    "your-authority/<slug:slug>/models/<int:adoption>/": OWN_EDITORS,
    "your-authority/<slug:slug>/models/<int:adoption>/notes/": OWN_EDITORS,
    "your-authority/<slug:slug>/contacts/<int:contact>/": OWN_EDITORS,
    "your-authority/<slug:slug>/check/": OWN_EDITORS_NOTHING_PENDING,
    "your-authority/<slug:slug>/saved/": OWN_EDITORS_NOTHING_PENDING,
    # Adding a model used or a contact, and removing one ("Are you sure?").
    "your-authority/<slug:slug>/models/add/": OWN_EDITORS,
    "your-authority/<slug:slug>/contacts/add/": OWN_EDITORS,
    "your-authority/<slug:slug>/models/<int:adoption>/remove/": OWN_EDITORS,
    "your-authority/<slug:slug>/contacts/<int:contact>/remove/": OWN_EDITORS,
    "your-authority/<slug:slug>/add/check/": OWN_EDITORS_NOTHING_PENDING,
    "your-authority/<slug:slug>/added/": OWN_EDITORS_NOTHING_PENDING,
    "api/v1/^adoptions/$": EVERYONE_200,
    "api/v1/^adoptions\\.(?P<format>[a-z0-9]+)/?$": EVERYONE_200,
    "api/v1/^adoptions/(?P<pk>[^/.]+)/$": EVERYONE_200,
    "api/v1/^adoptions/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": EVERYONE_200,
    "api/v1/evidence/findings-csv/": EVERYONE_200,
    "api/v1/^sources/$": EVERYONE_200,
    "api/v1/^sources/(?P<key>[^/.]+)/$": EVERYONE_200,
    "api/v1/evidence/^evaluations/$": EVERYONE_200,
    "api/v1/evidence/^evaluations/(?P<slug>[^/.]+)/$": EVERYONE_200,
    "api/v1/evidence/^findings/$": EVERYONE_200,
    "api/v1/evidence/^findings/(?P<key>[^/.]+)/$": {
        "published": EVERYONE_200,
        "draft": {"*": 404},
    },
    "api/v1/kpi/^submissions/$": {ANONYMOUS: 401, "*": 200},
    "api/v1/kpi/^submissions/(?P<pk>[^/.]+)/$": API_OWNING_ANALYST,
    # POST only (POSTS below).
    "api/v1/kpi/^submissions/(?P<pk>[^/.]+)/withdraw/$": {ANONYMOUS: 401, "*": 405},
    "api/v1/kpi/^values/$": EVERYONE_200,
    "api/v1/kpi/^values/(?P<pk>[^/.]+)/$": EVERYONE_200,
    "api/v1/kpi/^indicators/$": EVERYONE_200,
    "api/v1/kpi/^indicators/(?P<number>[^/.]+)/$": EVERYONE_200,
    # --- the regional team's pages (regional/) ---------------------------------------------
    "regional/": REGIONAL,
    "regional/findings/review/": REGIONAL,
    # Only a proposal awaiting review can be reviewed; a published finding is not found.
    "regional/findings/review/<slug:key>/": {
        "draft": REGIONAL,
        "published": {**REGIONAL, "admin": 404},
    },
    # The confirmation of a decision: neither finding of the matrix has one yet.
    "regional/findings/review/<slug:key>/decided/": {**REGIONAL, "admin": 404},
    # Family Safeguarding cohort windows (regional/cohort_views.py); Bracknell Forest has
    # the toolkit's already, so its page says so (POSTS below).
    "regional/cohort-windows/": REGIONAL,
    "regional/cohort-windows/<slug:slug>/give/": REGIONAL,
    **{
        route.format(kind=kind): statuses
        for kind in REGIONAL_KINDS
        for route, statuses in (
            ("regional/{kind}/", REGIONAL),
            ("regional/{kind}/new/", REGIONAL),
            ("regional/{kind}/new/check/", REGIONAL_CHECK),
            ("regional/{kind}/<int:pk>/change/", REGIONAL),
            ("regional/{kind}/<int:pk>/check/", REGIONAL_CHECK),
            ("regional/{kind}/<int:pk>/saved/", REGIONAL),
        )
    },
    # An editor proposes a finding (question page, check answers, confirmation) and changes
    # their own authority's proposal while it waits or is sent back; the regional team
    # uses its own pages. A check page with no answers given goes back to the question.
    "evidence/proposals/new/": EDITORS_ONLY,
    "evidence/proposals/new/check/": {
        **EDITORS_ONLY,
        "editor_bracknell": 302,
        "editor_surrey": 302,
    },
    "evidence/proposals/<slug:key>/change/": {
        "draft": {**EDITORS_ONLY, "editor_surrey": 404},
        "published": {**EDITORS_ONLY, "editor_bracknell": 404, "editor_surrey": 404},
    },
    "evidence/proposals/<slug:key>/check/": {
        "draft": {**EDITORS_ONLY, "editor_bracknell": 302, "editor_surrey": 404},
        "published": {**EDITORS_ONLY, "editor_bracknell": 404, "editor_surrey": 404},
    },
    "evidence/proposals/<slug:key>/sent/": {
        "draft": {**EDITORS_ONLY, "editor_surrey": 404},
        "published": {**EDITORS_ONLY, "editor_bracknell": 404, "editor_surrey": 404},
    },
    # Proposed findings and the regional team's comments: authority editors (their own
    # authority's) and regional admins.
    "evidence/proposals/": {
        ANONYMOUS: 302,
        "editor_bracknell": 200,
        "editor_surrey": 200,
        "admin": 200,
        "*": 403,
    },
    "api/v1/kpi/^measure-groups/$": EVERYONE_200,
    "api/v1/kpi/^measure-groups/(?P<key>[a-z0-9-]+)/$": EVERYONE_200,
    # --- the reference group (network/, docs/network.md) -----------------------------------
    "network/": EVERYONE_200,
    "network/events/": EVERYONE_200,
    "network/events/<slug:slug>/": EVERYONE_200,
    "network/events/<slug:slug>/calendar.ics": EVERYONE_200,
    "network/resources/": EVERYONE_200,
    # The feed has events for everyone, meetings too for signed-in people.
    "network/calendar.ics": EVERYONE_200,
    "network/meetings/": SIGNED_IN_200,
    "network/meetings/<slug:slug>/": SIGNED_IN_200,
    "network/meetings/<slug:slug>/calendar.ics": SIGNED_IN_200,
    "network/actions/": SIGNED_IN_200,
    # POST only (POSTS below).
    "network/actions/<int:pk>/status/": {"*": 405},
    "network/bookings/<int:pk>/cancel/": {"*": 405},
    # Editors book and see their own authority's places; regional admins everyone's.
    "network/events/<slug:slug>/book/": NETWORK_BOOKERS,
    "network/events/<slug:slug>/bookings/": NETWORK_BOOKERS,
    "network/events/<slug:slug>/bookings.csv": NETWORK_ADMIN,
    "network/feedback/<int:pk>/": SIGNED_IN_200,
    "network/feedback/<int:pk>/summary/": NETWORK_ADMIN,
    "network/feedback/<int:pk>/responses.csv": NETWORK_ADMIN,
    "api/v1/network/^events/$": EVERYONE_200,
    "api/v1/network/^events/(?P<slug>[^/.]+)/$": EVERYONE_200,
    "api/v1/network/^meetings/$": {ANONYMOUS: 401, "*": 200},
    "api/v1/network/^meetings/(?P<slug>[^/.]+)/$": {ANONYMOUS: 401, "*": 200},
    "api/v1/network/^actions/$": {ANONYMOUS: 401, "*": 200},
    "api/v1/network/^actions/(?P<pk>[^/.]+)/$": {ANONYMOUS: 401, "*": 200},
    # Bracknell Forest's booking: its editor and regional admins; 404 to everyone else.
    "api/v1/network/^bookings/$": {ANONYMOUS: 401, "*": 200},
    "api/v1/network/^bookings/(?P<pk>[^/.]+)/$": {
        ANONYMOUS: 401,
        "editor_bracknell": 200,
        "admin": 200,
        "*": 404,
    },
    # The member's own named response.
    "api/v1/network/^feedback-responses/$": {ANONYMOUS: 401, "*": 200},
    "api/v1/network/^feedback-responses/(?P<pk>[^/.]+)/$": {
        ANONYMOUS: 401,
        "member": 200,
        "*": 404,
    },
    # --- the admin site's own pages --------------------------------------------------------
    "admin/": admin_page(200),
    "admin/login/": {SUPERUSER: 302, "*": 200},
    # Signing out of the admin is a POST.
    "admin/logout/": admin_page(405),
    "admin/password_change/": admin_page(200),
    "admin/password_change/done/": admin_page(200),
    # Without its query parameters the autocomplete refuses.
    "admin/autocomplete/": admin_page(403),
    "admin/jsi18n/": admin_page(200),
    # "View on site" for an authority: no model has a page of its own there.
    "admin/r/<path:content_type_id>/<path:object_id>/": admin_page(404),
    # An app's index: 404 where the person may see none of its models.
    ADMIN_APP_INDEX: {
        "models_registry": admin_page(200),
        "sources": admin_page(200),
        "network": admin_page(200),
        "evidence": admin_page(200),
        "axes": admin_page(200),
        "accounts": admin_page(200),
        "kpi": admin_page(200),
        "auth": admin_page(200),
        "django_tasks_database": admin_page(200),
        "*": admin_page(404),
    },
    "admin/(?P<url>.*)$": admin_page(404),
}

# The admin pages of each registered model: {view: statuses}; "simple_history" is
# django-simple-history's page of one old version. Every view must be named.
ADMIN_MODELS: dict[str, dict[str, dict]] = {
    # Roles decide, not groups: nobody edits groups in the admin; the superuser sees them
    # (seslip/admin_site.py, READ_ONLY_MODELS), and so do axes' sign-in records below.
    "auth/group": {
        "changelist": ADMIN_ONLY,
        "add": NOBODY,
        "history": ADMIN_ONLY,
        "delete": NOBODY,
        "change": ADMIN_ONLY,
    },
    # Sign-in lockouts: regional admins read them and lift one by deleting it.
    "axes/accessattempt": {
        "changelist": ADMIN_ONLY,
        "add": NOBODY,
        "history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    "axes/accesslog": {
        "changelist": ADMIN_ONLY,
        "add": NOBODY,
        "history": ADMIN_ONLY,
        "delete": NOBODY,
        "change": ADMIN_ONLY,
    },
    "axes/accessfailurelog": {
        "changelist": ADMIN_ONLY,
        "add": NOBODY,
        "history": ADMIN_ONLY,
        "delete": NOBODY,
        "change": ADMIN_ONLY,
    },
    # No admin deletes an account (it is closed instead) or sets its password.
    "accounts/user": {
        "changelist": ADMIN_ONLY,
        "add": ADMIN_ONLY,
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": NOBODY,
        "change": ADMIN_ONLY,
        "password": admin_page(404),
    },
    # Append-only: read, never added, changed or deleted in the admin.
    "accounts/rolegrant": {
        "changelist": ADMIN_ONLY,
        "add": NOBODY,
        "history": ADMIN_ONLY,
        "delete": NOBODY,
        "change": ADMIN_ONLY,
    },
    "accounts/accesslog": {
        "changelist": ADMIN_ONLY,
        "add": NOBODY,
        "history": ADMIN_ONLY,
        "delete": NOBODY,
        "change": ADMIN_ONLY,
    },
    # Tokens: listed and revoked (deleted), never shown or added. A token's change and
    # history pages send the admin back to the list (no key, no digest to show).
    "accounts/apitoken": {
        "changelist": ADMIN_ONLY,
        "add": NOBODY,
        "history": admin_page(302),
        "delete": admin_page(302),
        "change": admin_page(302),
    },
    "models_registry/localauthority": {
        "changelist": admin_page(200),
        "add": ADMIN_ONLY,
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    "models_registry/adoption": {
        "changelist": admin_page(200),
        "add": admin_page(200),
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    "models_registry/contact": {
        "changelist": admin_page(200),
        "add": admin_page(200),
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    "models_registry/practicemodel": {
        "changelist": ADMIN_ONLY,
        "add": ADMIN_ONLY,
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    **{
        f"models_registry/{name}": {
            "changelist": ADMIN_ONLY,
            "add": ADMIN_ONLY,
            "history": ADMIN_ONLY,
            "simple_history": ADMIN_ONLY,
            "delete": ADMIN_ONLY,
            "change": ADMIN_ONLY,
        }
        for name in ("theme", "underpinning", "practicetool")
    },
    "models_registry/service": {
        "changelist": ADMIN_ONLY,
        "add": ADMIN_ONLY,
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    # The sources catalogue: regional admins keep it; editors read it to cite from it.
    "sources/source": {
        "changelist": ADMIN_ONLY,
        "add": ADMIN_ONLY,
        "history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    "evidence/outcomedomain": {
        "changelist": ADMIN_ONLY,
        "add": ADMIN_ONLY,
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    "evidence/evaluation": {
        "changelist": ADMIN_ONLY,
        "add": ADMIN_ONLY,
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    # Editors propose findings about their own authority: another authority's findings,
    # drafts above all, are not theirs to read, history included.
    "evidence/finding": {
        "changelist": admin_page(200),
        "add": admin_page(200),
        "history": ADMIN_ONLY,
        "simple_history": ADMIN_ONLY,
        "delete": ADMIN_ONLY,
        "change": ADMIN_ONLY,
    },
    # The toolkit's definitions and cohorts (loaded from kpi/definitions.py), and
    # submissions (authority, quarter, status and dates only): shown, never added, changed
    # or deleted here.
    **{
        f"kpi/{name}": {
            "changelist": ADMIN_ONLY,
            "add": NOBODY,
            "history": ADMIN_ONLY,
            "delete": NOBODY,
            "change": ADMIN_ONLY,
        }
        for name in ("indicatordefinition", "fielddefinition", "cohort", "submission")
    },
    # The reference group: regional admins edit everything, with history.
    **{
        f"network/{name}": {
            "changelist": ADMIN_ONLY,
            "add": ADMIN_ONLY,
            "history": ADMIN_ONLY,
            "simple_history": ADMIN_ONLY,
            "delete": ADMIN_ONLY,
            "change": ADMIN_ONLY,
        }
        for name in (
            "referencegroup",
            "member",
            "meeting",
            "action",
            "event",
            "workshoprun",
            "resource",
            "feedbackform",
        )
    },
    # Background tasks carry submission ids and tracebacks: nobody browses them.
    # The task queue: the superuser's maintenance (a stuck or failed import); django-tasks'
    # admin adds and deletes nothing.
    "django_tasks_database/dbtaskresult": {
        "changelist": ADMIN_ONLY,
        "add": NOBODY,
        "history": ADMIN_ONLY,
        "delete": NOBODY,
        "change": ADMIN_ONLY,
    },
}

ADMIN_VIEW_ROUTES = {
    "changelist": "admin/{model}/",
    "add": "admin/{model}/add/",
    "history": "admin/{model}/<path:object_id>/history/",
    "simple_history": "admin/{model}/^([^/]+)/history/([^/]+)/$",
    "delete": "admin/{model}/<path:object_id>/delete/",
    "change": "admin/{model}/<path:object_id>/change/",
    "password": "admin/{model}/<id>/password/",
}

for _model, _views in ADMIN_MODELS.items():
    for _view, _statuses in _views.items():
        EXPECTED[ADMIN_VIEW_ROUTES[_view].format(model=_model)] = _statuses
    # Django's old-style object URL redirects to the change page, for anyone.
    EXPECTED[f"admin/{_model}/<path:object_id>/"] = {"*": 302}


# POSTs: pattern -> (form data, {persona: status}); each is rolled back after the request.
# Every admin delete page is POSTed as well, with the status ADMIN_MODELS gives its GET
# (a refused delete refuses the POST the same way; an allowed one redirects).
POSTS: dict[str, tuple[dict, dict]] = {
    "authorities/<slug:slug>/confirm/": (
        {"still_correct": "yes"},
        {**REGISTRY_CONFIRMERS, "editor_bracknell": 302, "admin": 302},
    ),
    # Reverting the world's change to the contact's role (back to its authority's page), to a
    # children's service's position and to an outcome domain's short name (back to the
    # public page that shows each).
    "registry/changes/<slug:kind>/<int:history_id>/revert/": (
        {},
        {**REGIONAL_TEAM, "admin": 302},
    ),
    "kpi/submissions/<int:pk>/withdraw/": (
        {"reason": "wrong_quarter"},
        {
            "*": {**OWNING_ANALYST, "analyst_bracknell": 302},
            # Withdrawn already, or never accepted: the page says so.
            "rejected": OWNING_ANALYST,
            "withdrawn": OWNING_ANALYST,
        },
    ),
    "api/v1/kpi/^submissions/(?P<pk>[^/.]+)/withdraw/$": (
        {"reason": "wrong_quarter"},
        {
            "*": {**API_OWNING_ANALYST},
            "rejected": {**API_OWNING_ANALYST, "analyst_bracknell": 409},
            "withdrawn": {**API_OWNING_ANALYST, "analyst_bracknell": 409},
        },
    ),
    "accounts/api-token/": (
        {},
        {
            ANONYMOUS: 302,
            "analyst_bracknell": 200,
            "analyst_surrey": 200,
            # Editors PATCH their own authority's entry and contacts (issue 22).
            "editor_bracknell": 200,
            "editor_surrey": 200,
            "regional_analyst": 200,
            "admin": 200,
            "*": 403,
        },
    ),
    "accounts/api-token/revoke/": ({}, {ANONYMOUS: 302, "*": 302}),
    # An empty question page is a page of errors for regional admins, refused to everyone
    # else; the other posts do what they say (rolled back) and go back to the account.
    "accounts/users/invite/": ({}, {**USERS_ADMIN, "admin": 400}),
    "accounts/users/invite/check/": ({}, USERS_NOTHING_PENDING),
    "accounts/users/<int:pk>/role/": ({}, {**USERS_ADMIN, "admin": 400}),
    "accounts/users/<int:pk>/role/check/": ({}, USERS_NOTHING_PENDING),
    "accounts/users/<int:pk>/account/": ({"action": "close"}, USERS_NOTHING_PENDING),
    "accounts/users/<int:pk>/api-token/revoke/": ({}, USERS_NOTHING_PENDING),
    "accounts/users/lockouts/<int:pk>/lift/": ({}, USERS_NOTHING_PENDING),
    "accounts/feedback/": ({"message": "The map is hard to read.", "page": "/"}, {"*": 302}),
    # A question page's form without the version it was read at is a bad request; others
    # may not post at all.
    "your-authority/<slug:slug>/overview/": (
        {},
        {**OWN_EDITORS, "editor_bracknell": 400, "admin": 400},
    ),
    "your-authority/<slug:slug>/ofsted/": (
        {},
        {**OWN_EDITORS, "editor_bracknell": 400, "admin": 400},
    ),
    "your-authority/<slug:slug>/models/<int:adoption>/": (
        {},
        {**OWN_EDITORS, "editor_bracknell": 400, "admin": 400},
    ),
    "your-authority/<slug:slug>/contacts/<int:contact>/": (
        {},
        {**OWN_EDITORS, "editor_bracknell": 400, "admin": 400},
    ),
    "your-authority/<slug:slug>/check/": ({}, OWN_EDITORS_NOTHING_PENDING),
    # An empty addition is a page of errors; a removal without the version it was read at
    # is a bad request, one with it removes (rolled back) and goes back to the entry.
    "your-authority/<slug:slug>/models/add/": ({}, OWN_EDITORS),
    "your-authority/<slug:slug>/contacts/add/": ({}, OWN_EDITORS),
    "your-authority/<slug:slug>/models/<int:adoption>/remove/": (
        {"version": "1"},
        {**OWN_EDITORS, "editor_bracknell": 302, "admin": 302},
    ),
    "your-authority/<slug:slug>/contacts/<int:contact>/remove/": (
        {},
        {**OWN_EDITORS, "editor_bracknell": 400, "admin": 400},
    ),
    "your-authority/<slug:slug>/add/check/": ({}, OWN_EDITORS_NOTHING_PENDING),
    # An empty answer is a page of errors for the regional team, refused for everyone else;
    # a decision on the draft proposal is made (and rolled back), the published finding is
    # not awaiting review.
    **{f"regional/{kind}/<int:pk>/change/": ({}, REGIONAL) for kind in REGIONAL_KINDS},
    **{f"regional/{kind}/new/": ({}, REGIONAL) for kind in REGIONAL_KINDS},
    "evidence/proposals/new/": ({}, EDITORS_ONLY),
    # Giving Bracknell Forest, which has windows, the toolkit's changes nothing and goes
    # back to the list with a banner saying so.
    "regional/cohort-windows/<slug:slug>/give/": ({}, {**REGIONAL, "admin": 302}),
    "regional/findings/review/<slug:key>/": (
        {"decision": "decline"},
        {"draft": {**REGIONAL, "admin": 302}, "published": {**REGIONAL, "admin": 404}},
    ),
    "kpi/submissions/upload/": ({}, ANALYSTS),
    "kpi/returns/new/": ({}, ANALYSTS),
    "kpi/returns/upload/": ({}, ANALYSTS),
    "network/actions/<int:pk>/status/": (
        {"status": "done"},
        {ANONYMOUS: 302, "admin": 302, "*": 403},
    ),
    # An empty booking form is refused (400) for those who may book.
    "network/events/<slug:slug>/book/": (
        {},
        {**NETWORK_BOOKERS, "editor_bracknell": 400, "editor_surrey": 400, "admin": 400},
    ),
    # Bracknell Forest's booking: another authority's editor finds no such booking.
    "network/bookings/<int:pk>/cancel/": (
        {},
        {
            ANONYMOUS: 302,
            "editor_bracknell": 302,
            "admin": 302,
            "editor_surrey": 404,
            "*": 403,
        },
    ),
}
# Patterns whose pages (200 answers) must be sent `Cache-Control: no-store, private`:
# record-level pages and API, and the aggregate-return pages, which show returned figures
# unsuppressed. (tests/kpi/test_no_store.py checks record-level refusals too.)
NO_STORE_PREFIXES = (
    "kpi/submissions/",
    "api/v1/kpi/^submissions/",
    "kpi/returns/",
)

DELETE_POST = {"post": "yes"}
# Admin models whose world object cannot be deleted, so the POST shows the refusal again:
# record-level rows would follow it (an authority: the page says so in one line),
# or findings protect it (a practice model, an outcome domain).
DELETE_REFUSED = frozenset(
    {
        "models_registry/localauthority",
        "models_registry/practicemodel",
        "evidence/outcomedomain",
        # Bookings protect the event and the workshop run they hold places in.
        "network/event",
        "network/workshoprun",
    }
)

"""Settings for the South East Practice Models Portal.

Every value that differs between machines comes from the environment, read here
and nowhere else (see README, "Configuration").
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from seslip.environment import (
    cache_from_url,
    env_bool,
    env_int,
    env_list,
    storage_from_url,
    tune_connections,
)

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", False)

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}"
DATABASE_URL = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A read replica (docs/deployment.md, "Database"): read-only pages and API reads of public
# data go there, everything else to the primary (seslip/db_routing.py). Unset, there is
# one database and the router sends everything to it.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
REPLICA_ALIAS = "replica"
if DATABASE_REPLICA_URL:
    DATABASES[REPLICA_ALIAS] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # Tests: the replica is the primary's test database seen through a second connection.
    DATABASES[REPLICA_ALIAS]["TEST"] = {"MIRROR": "default"}
# Whether read-only requests read from the replica (the test settings keep the alias and
# switch this off, and the routing tests switch it on).
REPLICA_READS = bool(DATABASE_REPLICA_URL)
DATABASE_ROUTERS = ["seslip.db_routing.PrimaryReplicaRouter"]
# After a client writes, its reads stay on the primary this long (a cookie), so it sees
# its own change however far the replica lags.
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 15)
# PostgreSQL fails fast when unreachable; SQLite runs as a real embedded database (WAL,
# IMMEDIATE transactions, a busy timeout: docs/architecture.md, "SQLite").
tune_connections(
    DATABASES,
    connect_timeout=env_int("DB_CONNECT_TIMEOUT", 5),
    busy_timeout=env_int("DB_BUSY_TIMEOUT", 20),
)

INSTALLED_APPS = [
    "seslip.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "govuk_frontend_django",
    "axes",
    "csp",
    "seslip",
    "accounts",
    "sources",
    "models_registry",
    "evidence",
    "kpi",
    "network",
    "regional",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Read-only requests may read public data from the read replica (seslip/db_routing.py).
    "seslip.db_routing.ReplicaReadsMiddleware",
    # Before sessions and everything after them: a cached anonymous page skips the lot
    # (the headers those middlewares set are stored with it).
    "seslip.response_cache.AnonymousResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "seslip.middleware.RejectNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.PermissionsPolicyMiddleware",
    # no-store on every response that carries record-level data (docs/security.md).
    "accounts.middleware.RecordLevelResponseMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "seslip.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

# "default" holds every counter that must be shared by all server processes: the API
# throttle's counts (DRF), the password-reset email limit and anything else that counts
# (django-axes keeps its lockout state in its own database tables: AXES_HANDLER below).
# It is the database cache by default, a table `migrate` creates (seslip/apps.py), or
# Redis when CACHE_URL says so (redis://host:6379/0, rediss://..., unix:///path?db=0;
# Django's own RedisCache). "responses" is the anonymous response cache, kept in each
# process on purpose: every lookup checks the data version kept in the database.
CACHES = {
    "default": cache_from_url(os.environ.get("CACHE_URL", "")),
    "responses": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-responses",
        "OPTIONS": {"MAX_ENTRIES": env_int("RESPONSE_CACHE_ENTRIES", 500)},
    },
}
RESPONSE_CACHE = {
    "ENABLED": env_bool("RESPONSE_CACHE", True),
    # An upper bound on staleness for anything a data change does not move (none known).
    "TIMEOUT": env_int("RESPONSE_CACHE_SECONDS", 600),
    "MAX_BYTES": env_int("RESPONSE_CACHE_MAX_BYTES", 1_000_000),
    # How stale another process's view of a change may be: each process re-reads the
    # shared data version at most this often (its own changes it sees at once).
    "VERSION_CHECK_SECONDS": float(os.environ.get("RESPONSE_CACHE_VERSION_CHECK_SECONDS", "1")),
    "EXCLUDED_PATHS": ["/admin/", "/accounts/", "/healthz", "/livez", "/static/"],
}

ROOT_URLCONF = "seslip.urls"
WSGI_APPLICATION = "seslip.wsgi.application"
ASGI_APPLICATION = "seslip.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "seslip.context_processors.page_frame",
            ],
            # {{ value|govuk_date }} in every template: one date format throughout.
            "builtins": ["seslip.templatetags.govuk_dates", "seslip.templatetags.glossary"],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (cohort submissions waiting for the worker) live outside the web root
# and are only ever read through Django's storage API, never by path: a local directory
# (MEDIA_ROOT) by default, S3-compatible object storage when STORAGE_URL says so, so a
# worker on another host reads what a web server on this one stored.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "uploads"))


STORAGES = {
    "default": storage_from_url(os.environ.get("STORAGE_URL", "")),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"

# Django 6's default for URL form fields, adopted now: a scheme-less URL means https.
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Accounts, roles, audit and security hardening (docs/security.md) ---------------------
# django-axes first: it refuses sign-in attempts for locked-out email/IP pairs.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A signed-in session lasts a working day, not Django's two weeks.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 10)
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24 * 3)
# Absolute links in invitation emails sent outside a request (the create_user command).
# Links in emails and create_user's output. Without PORTAL_BASE_URL they point at the
# development server on PORT, the port `make run` serves on (PORT=8080 make run).
PORTAL_BASE_URL = (
    os.environ.get("PORTAL_BASE_URL") or f"http://127.0.0.1:{env_int('PORT', 8000)}"
).rstrip("/")

# How often an authority confirms its registry entry and contacts are still correct: an
# entry not confirmed for this many months is overdue, and its editors are reminded
# (models_registry/confirmations.py, docs/registry.md "Confirmation cycles").
REGISTRY_CONFIRMATION_MONTHS = env_int("REGISTRY_CONFIRMATION_MONTHS", 6)

# How many reverse proxies in front of the app append to X-Forwarded-For (0: trust only
# REMOTE_ADDR). The access log, the lockout and the API throttle all use this.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Lockout state in the database, shared by every process (not axes' cache handler).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
# Lock the email address from the IP it was attacked from, so an attacker elsewhere cannot
# lock a colleague out of the portal.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "accounts.services.client_ip"
AXES_USERNAME_CALLABLE = "accounts.backends.attempted_email"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False

if DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

# Days a record-level cohort row and an access-log entry are kept before
# `manage.py purge_expired_records` deletes them (docs/security.md, "Retention").
RECORD_RETENTION_DAYS = env_int("RECORD_RETENTION_DAYS", 3 * 365)
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 6 * 365)

# Content Security Policy: our own origin only, no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

# A choice list of more records than this is a find-by-name text input (issue 20;
# seslip/find_by_name.py). Tests lower it to draw the input with little data.
FIND_BY_NAME_THRESHOLD = 100

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Unknown filter values and unknown parameters are 400s (seslip/filtering.py).
    "DEFAULT_FILTER_BACKENDS": ["seslip.filtering.StrictFilterBackend"],
    # JSON only (CSV where a view offers it): no browsable API, whose pages were outside the
    # portal's frame and its content security policy; pages link to the API as downloads.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Token first, so a request with a bad token gets 401 and a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.AuditedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "300/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "1200/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT or None,
}

# API tokens (docs/adr/0006-hashed-api-tokens.md): django-rest-knox keeps only a SHA-512
# digest of each key, in the portal's own token model; knox's own table and migrations are
# not used. A token works for API_TOKEN_DAYS days (0: until revoked).
KNOX_TOKEN_MODEL = "accounts.ApiToken"
MIGRATION_MODULES = {"knox": None}
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 365)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS) if API_TOKEN_DAYS > 0 else None,
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "South East Practice Models Portal API",
    "DESCRIPTION": (
        "Read-only public API over the region's practice-model registry, evidence library "
        "and Family Safeguarding KPI aggregates."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "seslip.openapi.document_error_responses",
    ],
    # Swagger UI from the drf-spectacular-sidecar package: served locally, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name across models get explicit schema names.
    "ENUM_NAME_OVERRIDES": {
        "LocalAuthorityKindEnum": "models_registry.models.LocalAuthority.Kind",
        "PracticeModelKindEnum": "models_registry.models.PracticeModel.Kind",
        "AdoptionStatusEnum": "models_registry.models.Adoption.Status",
        "AdoptionRoleEnum": "models_registry.models.Adoption.Role",
        "EventStatusEnum": "network.models.Event.Status",
        "ActionStatusEnum": "network.models.Action.Status",
        "BookingStatusEnum": "network.models.Booking.Status",
        "WorkshopPlaceStatusEnum": "network.models.WorkshopPlace.Status",
        "SessionKindEnum": "network.models.Session.Kind",
        "SessionPartEnum": "network.models.Session.Part",
    },
}

# Production hardening: on whenever DEBUG is off. HTTPS is assumed to terminate at a
# proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

PORTAL_SERVICE_NAME = "South East Practice Models Portal"

# --- KPI cohort submissions (docs/kpi-ingest.md) ----------------------------------------
# Background imports run on django-tasks' database backend, worked by `manage.py db_worker`
# (docs/adr/0002-task-backend.md). TASKS_BACKEND lets a deployment or a test run swap it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
KPI_MAX_UPLOAD_BYTES = env_int("KPI_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
KPI_MAX_ROWS = env_int("KPI_MAX_ROWS", 500_000)
# Files with more data rows than this are imported by the worker, not in the request.
KPI_BACKGROUND_ROWS = env_int("KPI_BACKGROUND_ROWS", 20_000)
# How often a running worker looks for imports killed with another worker.
KPI_RECOVERY_SECONDS = env_int("KPI_RECOVERY_SECONDS", 60)
# Key for the HMAC of family, person and plan keys (docs/adr/0003-person-key-hashing.md).
# Changing it breaks matching with earlier submissions, so it is its own setting.
KPI_KEY_SECRET = os.environ.get("KPI_KEY_SECRET", "") or f"kpi-keys:{SECRET_KEY}"

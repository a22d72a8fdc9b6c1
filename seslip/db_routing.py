"""Which database each query goes to: the primary, or the read replica.

With `DATABASE_REPLICA_URL` set (seslip/settings.py), a read goes to the replica only when
all of these hold, and to the primary otherwise:

- the request is a read-only page or API read: GET or HEAD, outside the admin site and
  the account pages (`ReplicaReadsMiddleware` says so for the request), and the client
  has not written in the last `REPLICA_PIN_SECONDS` (a cookie the middleware sets on the
  answer to every write, so people see their own changes however far the replica lags);
- the model is public data (its app watches it, seslip/public_data.py): never a session,
  user, token, lockout, access-log, cache, task or heartbeat row;
- the model is not record-level (seslip/access.py) and not one its app names in
  `primary_read_models` (rows whose state a page polls, such as an import's progress);
- no transaction is open on the primary (a read inside one must see its writes).

Every write goes to the primary. Without a replica everything goes to the one database.
docs/deployment.md, "Database", says how to run the replica and what it may lag.
"""

import contextvars
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from seslip import access
from seslip.public_data import is_public_data_model

PIN_COOKIE = "portal_primary"
SAFE_METHODS = ("GET", "HEAD")
PRIMARY_PATHS = ("/admin/", "/accounts/", "/healthz", "/livez")

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "replica_reads", default=False
)


def replica_alias() -> str | None:
    alias = settings.REPLICA_ALIAS
    return alias if settings.REPLICA_READS and alias in settings.DATABASES else None


def may_read_from_replica(model: type[Model]) -> bool:
    if not is_public_data_model(model) or access.is_record_level_model(model):
        return False
    return model.__name__ not in getattr(model._meta.app_config, "primary_read_models", ())


class PrimaryReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: object) -> str:
        replica = replica_alias()
        if (
            replica is None
            or not _replica_reads.get()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or not may_read_from_replica(model)
        ):
            return DEFAULT_DB_ALIAS
        return replica

    def db_for_write(self, model: type[Model], **hints: object) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: object, obj2: object, **hints: object) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
        return db != settings.REPLICA_ALIAS


class ReplicaReadsMiddleware:
    """Marks read-only requests as allowed to read public data from the replica, and pins
    a client that has just written to the primary for a while."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if replica_alias() is None:
            return self.get_response(request)
        token = _replica_reads.set(self._read_only(request))
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    @staticmethod
    def _read_only(request: HttpRequest) -> bool:
        return (
            request.method in SAFE_METHODS
            and not request.path.startswith(PRIMARY_PATHS)
            and PIN_COOKIE not in request.COOKIES
        )

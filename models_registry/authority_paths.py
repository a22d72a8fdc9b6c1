"""Following a lookup path from any row to the LocalAuthority it belongs to.

Plumbing shared by the scoping rules (accounts/permissions.py), the access log and the
admin's authority scoping (models_registry/admin_scoping.py); it decides nothing about who
may see what. `authority_field` is a `__` path to the LocalAuthority; "", "pk" or "self"
means the row is the LocalAuthority itself.
"""

from django.db.models import Model, QuerySet

from models_registry.models import LocalAuthority

ITSELF = ("", "pk", "self")


def id_lookup(authority_field: str) -> str:
    """`authority` -> `authority__pk`; the authority itself -> `pk`."""
    if authority_field in ITSELF:
        return "pk"
    return f"{authority_field}__pk"


def scope_to_authorities(
    queryset: QuerySet, authorities: QuerySet[LocalAuthority], *, authority_field: str
) -> QuerySet:
    """Rows of `queryset` whose authority (at `authority_field`) is one of `authorities`."""
    if authority_field in ITSELF:
        return queryset.filter(pk__in=authorities.values("pk"))
    return queryset.filter(**{f"{authority_field}__in": authorities})


def authority_of(obj: Model, authority_field: str) -> LocalAuthority | None:
    """Follow `authority_field` (a `__` path) from obj to its LocalAuthority."""
    if authority_field in ITSELF:
        return obj  # type: ignore[return-value]
    current: object = obj
    for part in authority_field.split("__"):
        current = getattr(current, part, None)
        if current is None:
            return None
    return current  # type: ignore[return-value]


def authority_owning(obj: Model) -> LocalAuthority | None:
    """The LocalAuthority an object is, or belongs to through a foreign key, if any."""
    if isinstance(obj, LocalAuthority):
        return obj
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.related_model is LocalAuthority:
            return getattr(obj, field.name)
    return None

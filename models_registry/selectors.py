"""Reads for the registry's pages and API. Every selector returns everything its page
needs in a fixed number of queries (select_related / prefetch_related here, never in a
template loop)."""

from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)

from models_registry import presenters
from models_registry.models import (
    Adoption,
    AuthorityStatement,
    Contact,
    LocalAuthority,
    PracticeModel,
    Theme,
)
from sources.selectors import citations_prefetch

SOUTH_EAST = "South East"
LATEST_CHANGES = 10


ROLE_ORDER = Case(
    *(
        When(role=role, then=Value(position))
        for position, role in enumerate(
            (
                Adoption.Role.ONLY_OR_PRIMARY,
                Adoption.Role.BUILDING_ON,
                Adoption.Role.ALONGSIDE,
                Adoption.Role.NOT_STATED,
            )
        )
    ),
    output_field=IntegerField(),
)


def practice_models() -> QuerySet[PracticeModel]:
    """Models with their authority count, for the list page, filters and API."""
    return PracticeModel.objects.annotate(
        authority_count=Count("adoptions__local_authority", distinct=True)
    ).order_by("name")


def practice_models_for_list(queryset: QuerySet[PracticeModel]) -> QuerySet[PracticeModel]:
    return queryset.prefetch_related("underpinnings", "tools")


def local_authorities() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.annotate(
        model_count=Count("adoptions__practice_model", distinct=True)
    ).order_by("name")


def local_authorities_for_list(queryset: QuerySet[LocalAuthority]) -> QuerySet[LocalAuthority]:
    return queryset.prefetch_related(
        Prefetch(
            "adoptions",
            queryset=Adoption.objects.select_related("practice_model").order_by(
                "practice_model__name"
            ),
        )
    )


def statements_prefetch(lookup: str = "statements") -> Prefetch:
    """Prefetch what an authority has stated about a row itself (its own report)."""
    return Prefetch(lookup, queryset=AuthorityStatement.objects.all())


def adoptions() -> QuerySet[Adoption]:
    return Adoption.objects.select_related("local_authority", "practice_model").prefetch_related(
        "services", citations_prefetch()
    )


def survey_adoptions() -> QuerySet[Adoption]:
    """The adoptions in the Autumn 2019 regional table of Models of Social Work Practice, in
    the table's order."""
    return (
        Adoption.objects.filter(survey=Adoption.Survey.AUTUMN_2019)
        .select_related("local_authority", "practice_model")
        .order_by("practice_model__table_position", "practice_model__name", "pk")
    )


@dataclass(frozen=True)
class Change:
    """One entry of an object's history, for 'latest changes' lists."""

    when: datetime
    who: str
    what: str
    kind: str
    url: str


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return "Data load" if record.history_change_reason else "System"
    return presenters.user_as_author(user)


_ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}


def _change(record, what: str, url: str) -> Change:
    return Change(
        when=record.history_date,
        who=_who(record),
        what=what,
        kind=_ACTIONS.get(record.history_type, "Changed"),
        url=url,
    )


def _people_changes(history):
    """History entries people made: the loader's 'Initial data, from …' entries are not news."""
    return history.exclude(history_user__isnull=True, history_change_reason__gt="")


def latest_changes(limit: int = LATEST_CHANGES) -> list[Change]:
    """The newest changes people made across authorities, models and adoptions (three
    queries); the initial data load is not listed."""
    authorities = (
        _people_changes(LocalAuthority.history)
        .select_related("history_user__authority")
        .order_by("-history_date")[:limit]
    )
    models_ = (
        _people_changes(PracticeModel.history)
        .select_related("history_user__authority")
        .order_by("-history_date")[:limit]
    )
    adoption_records = (
        _people_changes(Adoption.history)
        .select_related("history_user__authority", "local_authority", "practice_model")
        .order_by("-history_date")[:limit]
    )
    changes = chain(
        (_change(r, r.name, f"/authorities/{r.slug}/") for r in authorities),
        (_change(r, r.name, f"/models/{r.slug}/") for r in models_),
        (
            _change(
                r,
                f"{r.local_authority.name} using {r.practice_model.name}",
                f"/models/{r.practice_model.slug}/",
            )
            for r in adoption_records
        ),
    )
    return sorted(changes, key=lambda change: change.when, reverse=True)[:limit]


def history_of(obj: Any, limit: int = LATEST_CHANGES) -> list:
    """The latest changes to `obj`, a model django-simple-history records."""
    return list(
        obj.history.select_related("history_user__authority").order_by("-history_date")[:limit]
    )


def adoption_history(
    *,
    practice_model: PracticeModel | None = None,
    local_authority: LocalAuthority | None = None,
    limit: int = LATEST_CHANGES,
) -> list:
    records = Adoption.history.select_related(
        "history_user__authority", "local_authority", "practice_model"
    ).order_by("-history_date")
    if practice_model is not None:
        records = records.filter(practice_model_id=practice_model.pk)
    if local_authority is not None:
        records = records.filter(local_authority_id=local_authority.pk)
    return list(records[:limit])


def region_counts() -> dict:
    """Headline counts for the home page, in one query per table."""
    return {
        "authority_count": LocalAuthority.objects.filter(region=SOUTH_EAST).count(),
        "model_count": PracticeModel.objects.filter(adoptions__local_authority__region=SOUTH_EAST)
        .distinct()
        .count(),
        "bespoke_count": PracticeModel.objects.filter(
            kind=PracticeModel.Kind.BESPOKE, adoptions__local_authority__region=SOUTH_EAST
        )
        .distinct()
        .count(),
        "all_model_count": PracticeModel.objects.count(),
        "all_authority_count": LocalAuthority.objects.count(),
    }


def practice_model_detail(slug: str) -> PracticeModel:
    return (
        PracticeModel.objects.select_related("builds_on")
        .prefetch_related(
            "underpinnings",
            "tools",
            "built_upon_by",
            citations_prefetch(),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("local_authority")
                .prefetch_related("services", citations_prefetch(), statements_prefetch())
                .annotate(role_order=ROLE_ORDER)
                .order_by("role_order", "local_authority__name"),
            ),
            Prefetch("themes", queryset=Theme.objects.order_by("kind", "position")),
        )
        .get(slug=slug)
    )


def contacts_for(
    *, practice_model: PracticeModel | None = None, local_authority: LocalAuthority | None = None
) -> list[Contact]:
    contacts = Contact.objects.select_related(
        "local_authority", "practice_model", "confirmed_by"
    ).prefetch_related(citations_prefetch())
    if practice_model is not None:
        contacts = contacts.filter(practice_model=practice_model)
    if local_authority is not None:
        contacts = contacts.filter(local_authority=local_authority)
    return list(contacts.order_by("local_authority__name", "name"))


def local_authority_detail(slug: str) -> LocalAuthority:
    return (
        LocalAuthority.objects.select_related("confirmed_by")
        .prefetch_related(
            citations_prefetch(),
            statements_prefetch(),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("practice_model")
                .prefetch_related("services", citations_prefetch(), statements_prefetch())
                .order_by(F("year_started").asc(nulls_last=True), "practice_model__name"),
            ),
            Prefetch("themes", queryset=Theme.objects.order_by("kind", "position")),
        )
        .get(slug=slug)
    )


def models_for_compare(slugs: list[str]) -> list[PracticeModel]:
    """The chosen models, in the order chosen, with everything the compare table shows."""
    found = {
        model.slug: model
        for model in PracticeModel.objects.filter(slug__in=slugs)
        .select_related("builds_on")
        .prefetch_related(
            "underpinnings",
            "tools",
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("local_authority")
                .prefetch_related("services")
                .order_by("local_authority__name"),
            ),
        )
    }
    return [found[slug] for slug in slugs if slug in found]


def themes() -> QuerySet[Theme]:
    """Themes with their models and authorities, and when and by whom each last changed."""
    latest = Theme.history.filter(id=OuterRef("pk")).order_by("-history_date")
    return (
        Theme.objects.annotate(
            last_changed=Subquery(latest.values("history_date")[:1]),
            last_changed_by_role=Subquery(latest.values("history_user__role")[:1]),
            last_changed_by_authority=Subquery(latest.values("history_user__authority__name")[:1]),
        )
        .prefetch_related(
            Prefetch("practice_models", queryset=PracticeModel.objects.order_by("name")),
            Prefetch("authorities", queryset=LocalAuthority.objects.order_by("name")),
            citations_prefetch(),
        )
        .order_by("kind", "position", "name")
    )


def model_choices() -> QuerySet[PracticeModel]:
    return PracticeModel.objects.order_by("name").only("slug", "name", "short_name")

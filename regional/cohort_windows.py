"""Each authority's Family Safeguarding cohort windows, and giving an authority the
toolkit's (issue 22): the toolkit's fields, indicators and windows are read-only in the
admin site and loaded by `load_region` for the five authorities using Family Safeguarding,
so an authority that starts later gets its windows here, from the toolkit's own dates
(`kpi.definitions.COHORT_WINDOWS`, through `kpi.services.toolkit.ensure_cohorts`).

Giving is recorded in the cohorts' history, as every regional change is: who, when, and
the reason "Given the toolkit's cohort windows by the regional team"; the page shows who
gave each authority its windows and when.

The page lists, unless asked for all, the authorities it concerns: those using Family
Safeguarding (an adoption of the model in the registry, in whatever role) and those with
cohort windows, analysts or submissions already."""

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import (
    Aggregate,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from accounts.models import AnyUser, Role, User
from kpi.definitions import COHORT_WINDOWS, FAMILY_SAFEGUARDING_MODEL
from kpi.models import Cohort, Submission
from kpi.services.toolkit import ensure_cohorts
from models_registry.models import Adoption, LocalAuthority
from regional.services import may_use_regional_pages

GIVEN_REASON = "Given the toolkit's cohort windows by the regional team"
TOOLKIT_NUMBERS = tuple(window.number for window in COHORT_WINDOWS)


def windows_text(count: int, first: int | None, last: int | None) -> str:
    """The toolkit's windows an authority has, as a person reads them: "None",
    "Cohort 1", "Cohorts 1 to 6", or "3 of Cohorts 1 to 4" when some are missing."""
    if not count or first is None or last is None:
        return "None"
    if count == 1:
        return f"Cohort {first}"
    if count == last - first + 1:
        return f"Cohorts {first} to {last}"
    return f"{count} of Cohorts {first} to {last}"


# "Cohorts 1 to 6": what an authority given the toolkit's windows has.
TOOLKIT_WINDOWS_TEXT = windows_text(
    len(COHORT_WINDOWS), COHORT_WINDOWS[0].number, COHORT_WINDOWS[-1].number
)


@dataclass(frozen=True)
class WindowsGiven:
    """When an authority's windows were given and by whom: its cohorts' first "+" entry
    in their history."""

    on: datetime
    by: str  # the person's name (their email when they gave none); "" when not recorded


@dataclass(frozen=True)
class AuthorityWindows:
    """One row of the cohort windows page."""

    authority: LocalAuthority
    windows: int  # of the toolkit's
    first: int | None
    last: int | None
    all_windows: int  # the toolkit's and any others
    analysts: int
    submissions: int
    uses_family_safeguarding: bool = False
    # None for an authority with windows but no history of them (loaded before the
    # cohorts' history was kept) and for one with none.
    given: WindowsGiven | None = None

    @property
    def text(self) -> str:
        text = windows_text(self.windows, self.first, self.last)
        others = self.all_windows - self.windows
        if not others:
            return text
        other_text = f"{others} other window{'s' if others > 1 else ''}"
        return other_text if text == "None" else f"{text} and {other_text}"

    @property
    def may_be_given(self) -> bool:
        """Only an authority with no windows is given the toolkit's: windows an authority
        has are kept as they are."""
        return self.all_windows == 0

    @property
    def waiting(self) -> bool:
        """Its analysts (or its returns) are waiting for windows to upload against."""
        return self.may_be_given and bool(self.analysts or self.submissions)

    @property
    def concerns_the_page(self) -> bool:
        """On the short list: it uses Family Safeguarding, or has windows, analysts or
        submissions already."""
        return self.uses_family_safeguarding or bool(
            self.all_windows or self.analysts or self.submissions
        )


def _per_authority(queryset: QuerySet, value: Aggregate) -> Subquery:
    """`value` over the authority's rows of `queryset` (rows with an `authority` field), as
    a subquery: the page's query count does not grow with the authorities."""
    rows = (
        queryset.filter(authority=OuterRef("pk"))
        .order_by()
        .values("authority")
        .annotate(value=value)
        .values("value")
    )
    return Subquery(rows[:1], output_field=IntegerField())


def _count(queryset: QuerySet) -> Coalesce:
    return Coalesce(_per_authority(queryset, Count("pk")), 0)


def _name(first_name: str | None, last_name: str | None, email: str | None) -> str:
    return f"{first_name or ''} {last_name or ''}".strip() or email or ""


def windows_given() -> dict[int, WindowsGiven]:
    """For each authority whose cohorts have a history, by its id: the first "+" entry
    (who gave or loaded its windows, and when). One query, grouped here."""
    created = (
        Cohort.history.filter(history_type="+")
        .order_by("authority_id", "history_date", "history_id")
        .values_list(
            "authority_id",
            "history_date",
            "history_user__first_name",
            "history_user__last_name",
            "history_user__email",
        )
    )
    given: dict[int, WindowsGiven] = {}
    for authority_id, on, first_name, last_name, email in created:
        if authority_id not in given:
            given[authority_id] = WindowsGiven(on=on, by=_name(first_name, last_name, email))
    return given


def authorities_with_windows() -> list[AuthorityWindows]:
    """Every local authority, by name, with how many of the toolkit's windows it has, its
    active analysts and its submissions, whether it uses Family Safeguarding, and who gave
    it its windows: two queries, however many authorities."""
    toolkit = Cohort.objects.filter(number__in=TOOLKIT_NUMBERS)
    analysts = User.objects.filter(role=Role.AUTHORITY_ANALYST, is_active=True)
    family_safeguarding = Adoption.objects.filter(
        local_authority=OuterRef("pk"), practice_model__slug=FAMILY_SAFEGUARDING_MODEL
    )
    authorities = LocalAuthority.objects.annotate(
        windows=_count(toolkit),
        first_window=_per_authority(toolkit, Min("number")),
        last_window=_per_authority(toolkit, Max("number")),
        all_windows=_count(Cohort.objects.all()),
        analyst_count=_count(analysts),
        submission_count=_count(Submission.objects.all()),
        uses_family_safeguarding=Exists(family_safeguarding),
    ).order_by("name")
    given = windows_given()
    return [
        AuthorityWindows(
            authority=authority,
            windows=authority.windows,
            first=authority.first_window,
            last=authority.last_window,
            all_windows=authority.all_windows,
            analysts=authority.analyst_count,
            submissions=authority.submission_count,
            uses_family_safeguarding=authority.uses_family_safeguarding,
            given=given.get(authority.pk) if authority.all_windows else None,
        )
        for authority in authorities
    ]


@dataclass(frozen=True)
class CohortWindowsPage:
    """What the cohort windows page lists: the authorities it concerns, or all."""

    rows: list[AuthorityWindows]
    show_all: bool
    all_count: int
    waiting: list[AuthorityWindows]


def cohort_windows_page(*, show_all: bool) -> CohortWindowsPage:
    every = authorities_with_windows()
    rows = every if show_all else [row for row in every if row.concerns_the_page]
    return CohortWindowsPage(
        rows=rows,
        show_all=show_all,
        all_count=len(every),
        waiting=[row for row in every if row.waiting],
    )


def windows_of(authority: LocalAuthority) -> list[Cohort]:
    """The cohort windows the authority has now, earliest first."""
    return list(Cohort.objects.filter(authority=authority).order_by("start", "number"))


def give_toolkit_windows(*, authority: LocalAuthority, user: AnyUser) -> int:
    """Give `authority` the toolkit's cohort windows; how many were created. An authority
    that has any windows already (given by someone else a moment ago, or loaded) keeps
    them as they are and is given none (0). Two admins giving the same authority at once
    are taken one after the other (the authority's row is locked)."""
    if not may_use_regional_pages(user):
        raise PermissionDenied("Only the regional team may give an authority cohort windows.")
    with transaction.atomic():
        locked = LocalAuthority.objects.select_for_update().filter(pk=authority.pk)
        if not list(locked.values_list("pk", flat=True)):
            return 0
        if Cohort.objects.filter(authority=authority).exists():
            return 0
        # may_use_regional_pages: signed in
        created = ensure_cohorts(authority=authority, reason=GIVEN_REASON, by=cast(User, user))
    return len(created)

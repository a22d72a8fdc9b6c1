"""Each authority's Family Safeguarding cohort windows, and giving an authority the
toolkit's (issue 22): the toolkit's fields, indicators and windows are read-only in the
admin site and loaded by `load_region` for the five authorities using Family Safeguarding,
so an authority that starts later gets its windows here, from the toolkit's own dates
(`kpi.definitions.COHORT_WINDOWS`, through `kpi.services.toolkit.ensure_cohorts`).

Giving is recorded in the cohorts' history, as every regional change is: who, when, and
the reason "Given the toolkit's cohort windows by the regional team"."""

from dataclasses import dataclass
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import (
    Aggregate,
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from accounts.models import AnyUser, Role, User
from kpi.definitions import COHORT_WINDOWS
from kpi.models import Cohort, Submission
from kpi.services.toolkit import ensure_cohorts
from models_registry.models import LocalAuthority
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
class AuthorityWindows:
    """One row of the cohort windows page."""

    authority: LocalAuthority
    windows: int  # of the toolkit's
    first: int | None
    last: int | None
    all_windows: int  # the toolkit's and any others
    analysts: int
    submissions: int

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


def authorities_with_windows() -> list[AuthorityWindows]:
    """Every local authority, by name, with how many of the toolkit's windows it has, its
    active analysts and its submissions: one query."""
    toolkit = Cohort.objects.filter(number__in=TOOLKIT_NUMBERS)
    analysts = User.objects.filter(role=Role.AUTHORITY_ANALYST, is_active=True)
    authorities = LocalAuthority.objects.annotate(
        windows=_count(toolkit),
        first_window=_per_authority(toolkit, Min("number")),
        last_window=_per_authority(toolkit, Max("number")),
        all_windows=_count(Cohort.objects.all()),
        analyst_count=_count(analysts),
        submission_count=_count(Submission.objects.all()),
    ).order_by("name")
    return [
        AuthorityWindows(
            authority=authority,
            windows=authority.windows,
            first=authority.first_window,
            last=authority.last_window,
            all_windows=authority.all_windows,
            analysts=authority.analyst_count,
            submissions=authority.submission_count,
        )
        for authority in authorities
    ]


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

"""Confirmation cycles: each authority says, once a period, that its entry and its contacts
are still correct (issue 22, "Confirmation cycles").

An entry or a contact is overdue when it has not been confirmed for
`REGISTRY_CONFIRMATION_MONTHS` months (default 6), or never has been: the loaded facts come
from the documents of 2019-20, not from the authority. `send_reminders` emails each
overdue authority's editors a link to the page that asks "Is this still correct?", at most
once a period per authority (`ConfirmationReminder` records each one sent), so the
`send_confirmation_reminders` command may run every day. docs/registry.md, "Confirmation
cycles"; docs/operations.md, "Daily jobs".
"""

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from models_registry.models import Adoption, ConfirmationReminder, Contact, LocalAuthority
from seslip import access

logger = logging.getLogger(__name__)

CONFIRMED_REASON = "Confirmed by the authority as still correct"


def period() -> relativedelta:
    return relativedelta(months=settings.REGISTRY_CONFIRMATION_MONTHS)


def overdue_since(today: datetime.date) -> datetime.date:
    """Entries last confirmed on or before this day are overdue on `today`."""
    return today - period()


def is_overdue(last_confirmed: datetime.date | None, *, today: datetime.date) -> bool:
    return last_confirmed is None or last_confirmed <= overdue_since(today)


def _overdue_q(today: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}last_confirmed__isnull": True}) | Q(
        **{f"{prefix}last_confirmed__lte": overdue_since(today)}
    )


# --- Reading: what is overdue ------------------------------------------------------------


@dataclass
class OverdueAuthority:
    """One authority with what of it is overdue: its entry, and which contacts."""

    authority: LocalAuthority
    entry_overdue: bool
    contacts: list[Contact]
    last_reminded: datetime.datetime | None

    @property
    def is_overdue(self) -> bool:
        return self.entry_overdue or bool(self.contacts)


def overdue_by_authority(*, today: datetime.date | None = None) -> list[OverdueAuthority]:
    """Every authority with an overdue entry or contact, by name; two queries."""
    today = today or timezone.localdate()
    authorities = (
        LocalAuthority.objects.annotate(last_reminded=Max("confirmation_reminders__sent_at"))
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=Contact.objects.filter(_overdue_q(today))
                .select_related("practice_model")
                .order_by("name"),
                to_attr="overdue_contacts",
            )
        )
        .filter(_overdue_q(today) | Q(contacts__in=Contact.objects.filter(_overdue_q(today))))
        .distinct()
        .order_by("name")
    )
    return [
        OverdueAuthority(
            authority=authority,
            entry_overdue=is_overdue(authority.last_confirmed, today=today),
            contacts=authority.overdue_contacts,
            last_reminded=authority.last_reminded,
        )
        for authority in authorities
    ]


def entry_for_confirmation(slug: str) -> LocalAuthority:
    """The authority with what the confirmation page shows (its adoptions and contacts)."""
    return (
        LocalAuthority.objects.select_related("confirmed_by")
        .prefetch_related(
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("practice_model")
                .prefetch_related("services")
                .order_by("practice_model__name"),
            ),
            Prefetch(
                "contacts",
                queryset=Contact.objects.select_related("practice_model", "confirmed_by").order_by(
                    "name"
                ),
            ),
        )
        .get(slug=slug)
    )


# --- Changing: confirming ----------------------------------------------------------------


@dataclass(frozen=True)
class Confirmation:
    authority: LocalAuthority
    on: datetime.date
    contacts: int


@transaction.atomic
def confirm_entry(
    *, authority: LocalAuthority, user: Any, today: datetime.date | None = None
) -> Confirmation:
    """The authority's entry and every contact of it confirmed as still correct by `user`
    (accounts' User, which this layer may not name) ("Yes, confirm all"), each change in
    the history with the reason CONFIRMED_REASON."""
    today = today or timezone.localdate()
    # Read again under lock and saved with the next version: a form someone opened before
    # (seslip/locking.py) is then told, rather than writing its older copy over this.
    entries: list[Any] = [
        LocalAuthority.objects.select_for_update().get(pk=authority.pk),
        *Contact.objects.select_for_update().filter(local_authority=authority).order_by("pk"),
    ]
    contacts = entries[1:]
    for entry in entries:
        entry.version += 1
        entry.last_confirmed = today
        entry.confirmed_by = user
        entry._change_reason = CONFIRMED_REASON
        entry._history_user = user
        entry.save()
    logger.info("%s confirmed by user %s", authority.slug, user.pk)
    return Confirmation(authority=authority, on=today, contacts=len(contacts))


# --- Reminding ---------------------------------------------------------------------------


@dataclass
class ReminderReport:
    """What one run of `send_reminders` did."""

    reminded: dict[str, list[str]] = field(default_factory=dict)  # authority -> addresses
    already_reminded: list[str] = field(default_factory=list)
    without_editors: list[str] = field(default_factory=list)


def confirmation_url(authority: LocalAuthority, *, base_url: str | None = None) -> str:
    path = reverse("confirm-entry", kwargs={"slug": authority.slug})
    return f"{(base_url or settings.PORTAL_BASE_URL).rstrip('/')}{path}"


def _reminded_this_period(overdue: OverdueAuthority, today: datetime.date) -> bool:
    last = overdue.last_reminded
    return last is not None and timezone.localdate(last) > overdue_since(today)


def send_reminders(
    *, today: datetime.date | None = None, base_url: str | None = None
) -> ReminderReport:
    """Email each overdue authority's editors, unless they were reminded within the period.

    Each authority's reminder is recorded in the transaction that sends it, so a run that
    stops half-way is finished by the next one, which sends nobody anything twice. An
    authority without an active editor is reported (the regional page lists it), and
    reminded once it has one."""
    today = today or timezone.localdate()
    report = ReminderReport()
    connection = get_connection()
    for overdue in overdue_by_authority(today=today):
        authority = overdue.authority
        if _reminded_this_period(overdue, today):
            report.already_reminded.append(authority.name)
            continue
        editors = list(access.rules().editors_of(authority))
        if not editors:
            report.without_editors.append(authority.name)
            continue
        addresses = [editor.email for editor in editors]
        context = {
            "overdue": overdue,
            "url": confirmation_url(authority, base_url=base_url),
            "months": settings.REGISTRY_CONFIRMATION_MONTHS,
            "service_name": settings.PORTAL_SERVICE_NAME,
        }
        body = render_to_string("models_registry/email/confirmation_reminder.txt", context)
        subject = f"Is {authority.name}'s entry still correct?"
        with transaction.atomic():
            ConfirmationReminder.objects.create(
                local_authority=authority,
                sent_at=timezone.now(),
                recipients="\n".join(addresses),
            )
            connection.send_messages(
                [EmailMessage(subject, body, None, [address]) for address in addresses]
            )
        report.reminded[authority.name] = addresses
        logger.info(
            "Confirmation reminder for %s sent to %d editors", authority.slug, len(addresses)
        )
    return report

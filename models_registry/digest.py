"""The regional team's daily digest of registry changes (issue 22: "The regional team is
notified by a digest email of the day's changes").

`send_digest(day=...)` emails the regional team (every active regional admin) what the
history recorded on that day, in the portal's time zone, for every kind of registry change
(revertible.py: the registry's models with a history, and the evidence library's outcome
domains): what changed, how, why, by whom (a role and an authority, as the pages say),
with links to the page that shows it and to the page that reverts it. One `RegistryDigest`
row per day makes the `send_registry_digest` command safe to run more than once a day; a
day with no changes is recorded and sends nothing.
"""

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from models_registry import presenters, revertible, reverts
from models_registry.models import RegistryDigest
from seslip import access
from seslip.templatetags.govuk_dates import govuk_date

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestEntry:
    when: datetime.datetime
    what: str
    action: str
    reason: str
    who: str
    page_url: str
    revert_url: str


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def changes_on(day: datetime.date) -> list[DigestEntry]:
    """Every registry history entry of `day`, oldest first."""
    start, end = _day_bounds(day)
    base = settings.PORTAL_BASE_URL.rstrip("/")
    records: list[Any] = []
    for model in revertible.REVERTIBLE.values():
        records.extend(
            model.history.select_related("history_user__authority")  # type: ignore[attr-defined]
            .filter(history_date__gte=start, history_date__lt=end)
            .order_by("history_date")
        )
    records.sort(key=lambda record: (record.history_date, record.history_id))
    entries = []
    for record, shown in zip(records, presenters.history_entries(records), strict=True):
        entries.append(
            DigestEntry(
                when=record.history_date,
                what=reverts.describe(record),
                action=shown.action,
                reason=shown.reason,
                who=shown.who,
                page_url=base + reverts.subject_url(record),
                revert_url=base + reverts.revert_url(record),
            )
        )
    return entries


@dataclass(frozen=True)
class DigestReport:
    day: datetime.date
    sent_before: bool
    changes: int
    recipients: list[str]


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


def send_digest(*, day: datetime.date) -> DigestReport:
    """Email the regional team the changes of `day`, once (see the module docstring)."""
    with transaction.atomic():
        already = RegistryDigest.objects.select_for_update().filter(day=day).first()
        if already is not None:
            return DigestReport(day=day, sent_before=True, changes=already.changes, recipients=[])
        entries = changes_on(day)
        addresses = [person.email for person in access.rules().regional_team()] if entries else []
        RegistryDigest.objects.create(
            day=day, sent_at=timezone.now(), changes=len(entries), recipients="\n".join(addresses)
        )
        if addresses:
            body = render_to_string(
                "models_registry/email/registry_digest.txt",
                {"day": day, "entries": entries, "service_name": settings.PORTAL_SERVICE_NAME},
            )
            subject = f"Registry changes on {govuk_date(day)}: {len(entries)}"
            get_connection().send_messages(
                [EmailMessage(subject, body, None, [address]) for address in addresses]
            )
    logger.info("Registry digest of %s: %d changes to %d people", day, len(entries), len(addresses))
    return DigestReport(day=day, sent_before=False, changes=len(entries), recipients=addresses)

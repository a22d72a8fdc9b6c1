"""iCalendar (RFC 5545) for meetings and events, with the `icalendar` library: one file
per meeting or event, and one subscribable feed of the group's upcoming dates.

The 2020 meeting and conference have no recorded clock times, so they are all-day entries
(DTSTART;VALUE=DATE, DTEND the next day, as RFC 5545 §3.6.1 asks); entries with times are
written in UTC.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from network.models import Event, Meeting

PRODUCT_ID = "-//South East Practice Models Portal//Reference group//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _bounds(day: datetime.date, starts_at, ends_at) -> tuple:
    if starts_at is None:
        return day, day + datetime.timedelta(days=1)
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(day, starts_at, tzinfo=zone)
    end = datetime.datetime.combine(day, ends_at, tzinfo=zone) if ends_at else start
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def _entry(
    *, uid: str, summary: str, day, starts_at, ends_at, description: str, url: str, status: str = ""
):
    entry = CalendarEvent()
    start, end = _bounds(day, starts_at, ends_at)
    entry.add("uid", uid)
    entry.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    entry.add("dtstart", start)
    entry.add("dtend", end)
    entry.add("summary", summary)
    if description:
        entry.add("description", description)
    entry.add("url", url)
    if status:
        entry.add("status", status)
    return entry


def meeting_entry(meeting: Meeting, *, url: str) -> CalendarEvent:
    return _entry(
        uid=f"meeting-{meeting.slug}@seslip-portal",
        summary=f"{meeting.group.name}: {meeting.title}",
        day=meeting.date,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        description=meeting.purpose,
        url=url,
    )


def event_entry(event: Event, *, url: str) -> CalendarEvent:
    description = event.aim
    if event.status == Event.Status.CANCELLED:
        description = f"Cancelled. {event.status_note}\n\n{description}".strip()
    return _entry(
        uid=f"event-{event.slug}@seslip-portal",
        summary=event.title,
        day=event.date,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        description=description,
        url=url,
        status="CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED",
    )


def single(entry: CalendarEvent, name: str) -> bytes:
    calendar = _calendar(name)
    calendar.add_component(entry)
    return calendar.to_ical()


def feed(entries: Iterable[CalendarEvent], name: str) -> bytes:
    calendar = _calendar(name)
    for entry in entries:
        calendar.add_component(entry)
    return calendar.to_ical()

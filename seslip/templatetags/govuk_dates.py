"""One date format throughout, in the GOV.UK style: "2 December 2026" and
"2 December 2026 at 5:54am" (GOV.UK style guide, "Dates" and "Times"). A built-in of the
templates (settings.TEMPLATES), so every template writes `{{ value|govuk_date }}` or
`{{ value|govuk_date:"time" }}`."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def govuk_time(moment: datetime.datetime | datetime.time) -> str:
    """5:54am, 5pm on the hour, midday and midnight."""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{suffix}"


@register.filter
def govuk_date(value: datetime.date | datetime.datetime | None, with_time: str = "") -> str:
    """A date (or a date and time, in the portal's time zone) as GOV.UK writes it; ""
    for no value, so that `|default:` still applies."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        day = f"{value.day} {value:%B %Y}"
        return f"{day} at {govuk_time(value)}" if with_time == "time" else day
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)

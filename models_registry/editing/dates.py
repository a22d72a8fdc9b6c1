"""The date of an authority's Ofsted inspection, as precisely as the person knows it: a
year, a season, a month or a day ('2019', 'Autumn 2019', 'June 2019', '14 June 2019'; the
data files' forms '2019-06' and '2019-06-14' too). The editing pages and the API read it
the same way, and both refuse a date in the future or before Ofsted began inspecting."""

import datetime
import re

from django.utils import timezone

from sources.values import DateFormatError, PreciseDate, parse_precise_date

#: Ofsted was set up in 1992; no inspection it judged is older.
EARLIEST_YEAR = 1992
HINT = (
    "As precisely as you know it: a year (2019), a season (Autumn 2019), a month "
    "(June 2019) or a day (14 June 2019)."
)

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%B"),
        datetime.date(2000, number, 1).strftime("%b"),
    )
}
_WORDS = re.compile(r"^(?:(\d{1,2}) )?([A-Za-z]+) (\d{4})$")


class InspectionDateError(ValueError):
    """Why a text is not the date of an inspection, in words for the person who wrote it."""


def _from_words(text: str) -> str:
    """'14 June 2019' as '2019-06-14', 'June 2019' as '2019-06'; other text unchanged."""
    match = _WORDS.match(text)
    if match is None or match[2].lower() not in _MONTHS:
        return text
    month = _MONTHS[match[2].lower()]
    if match[1] is None:
        return f"{match[3]}-{month:02d}"
    return f"{match[3]}-{month:02d}-{int(match[1]):02d}"


def parse_inspection_date(text: str | None) -> PreciseDate | None:
    """The inspection date `text` gives, or None for no text. Raises InspectionDateError."""
    text = " ".join((text or "").split())
    if not text:
        return None
    if len(text) > 40:
        raise InspectionDateError("Enter the date of the inspection, like June 2019")
    season = text[:1].upper() + text[1:].lower() if text[:1].isalpha() else text
    try:
        parsed = parse_precise_date(_from_words(season))
    except DateFormatError:
        raise InspectionDateError(
            "Enter the date of the inspection as a year, a season, a month or a day, like June 2019"
        ) from None
    if parsed.value.year < EARLIEST_YEAR:
        raise InspectionDateError(
            f"The date of the inspection must be {EARLIEST_YEAR} or later, when Ofsted began"
        )
    if parsed.value > timezone.localdate():
        raise InspectionDateError("The date of the inspection must be today or in the past")
    return parsed

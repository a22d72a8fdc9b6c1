"""One date format throughout, GOV.UK style (issue 23): "2 December 2026" and
"2 December 2026 at 5:54am", through one template filter."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from seslip.templatetags.govuk_dates import govuk_date

LONDON = ZoneInfo("Europe/London")


def at(hour: int, minute: int, *, day=(2026, 12, 2), zone=LONDON) -> datetime.datetime:
    return datetime.datetime(*day, hour, minute, tzinfo=zone)


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(
    ("value", "with_time", "shown"),
    [
        (datetime.date(2026, 12, 2), "", "2 December 2026"),
        (at(5, 54), "time", "2 December 2026 at 5:54am"),
        (at(17, 5), "time", "2 December 2026 at 5:05pm"),
        (at(17, 0), "time", "2 December 2026 at 5pm"),
        (at(12, 0), "time", "2 December 2026 at midday"),
        (
            at(0, 0),
            "time",
            "2 December 2026 at midnight",
        ),
        (
            at(0, 30),
            "time",
            "2 December 2026 at 12:30am",
        ),
        # Summer time: 11:15 UTC is 12:15pm in London.
        (
            at(11, 15, day=(2026, 7, 1), zone=datetime.UTC),
            "time",
            "1 July 2026 at 12:15pm",
        ),
        (at(11, 15, day=(2026, 7, 1), zone=datetime.UTC), "", "1 July 2026"),
        (None, "time", ""),
    ],
)
def test_dates_and_times_read_as_govuk_writes_them(value, with_time, shown):
    assert govuk_date(value, with_time) == shown


def test_every_template_has_the_filter_without_loading_it():
    rendered = Template('{{ when|govuk_date }}|{{ none|govuk_date|default:"Never" }}').render(
        Context({"when": datetime.date(2026, 12, 2), "none": None})
    )
    assert rendered == "2 December 2026|Never"


def test_no_template_formats_a_date_for_people_another_way():
    # |date:'c' stays: it is the machine-readable datetime attribute of <time>.
    other = re.compile(r"\|date:(?![\"']c[\"'])")
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*")
        if path.is_file()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if other.search(line)
    ]
    assert offenders == []

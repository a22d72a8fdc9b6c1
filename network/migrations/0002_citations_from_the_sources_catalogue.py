"""The reference group's citations move from its own strings (`source_title`,
`source_locator`, and the event's `status_source_title`/`status_source_locator`) to the
sources catalogue's citations (docs/adr/0008-sources-and-citations.md): each pair becomes a
`sources.Citation` of the catalogue document with that title, with the locator written as
the catalogue writes it ("§1" of the minutes becomes "minutes §1"). A pair naming a
document the catalogue does not hold (only possible for a row typed into the admin) is
logged and dropped; `load_region` re-creates every loaded row's citations.
"""

import logging
import re

from django.db import migrations

logger = logging.getLogger(__name__)

MINUTES = "seslip-reference-group-2020"
# The titles network/data/sources.toml gave the three documents, and their catalogue keys.
OLD_TITLES = {
    "SESLIP Models of Social Work Practice Reference Group: minutes of the meeting of "
    "19 February 2020": MINUTES,
    "SESLIP, Models of Social Work Practice (2020)": "seslip-models-of-social-work-practice-2020",
    "Spring Consortium, Learning Summary #3: Implementing systemic models of social work": (
        "innovation-programme-learning-summary-3"
    ),
}
CITED = [
    "referencegroup", "member", "meeting", "minutesection", "attendance", "decision",
    "action", "event", "session", "workshoprun", "resource",
]  # fmt: skip


def catalogue_locator(key: str, locator: str) -> str:
    """'§1 and §2' of the minutes -> 'minutes §1, minutes §2'; 'Foreword' -> 'foreword';
    an unnumbered heading -> 'section "<heading>"'."""
    parts = [part.strip() for part in re.split(r" and |, ", locator) if part.strip()]
    written = []
    for part in parts:
        if part.startswith("§"):
            written.append(f"minutes {part}" if key == MINUTES else part)
        elif part.lower() == "foreword" or re.fullmatch(r"footnote \d+", part):
            written.append(part.lower())
        else:
            written.append(f'section "{part}"')
    return ", ".join(written)


def move_citations(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Source = apps.get_model("sources", "Source")
    Citation = apps.get_model("sources", "Citation")
    keys = {source.title: source.key for source in Source.objects.exclude(title="")}
    keys.update(OLD_TITLES)
    sources = {source.key: source for source in Source.objects.all()}
    for name in CITED:
        model = apps.get_model("network", name)
        content_type, _ = ContentType.objects.get_or_create(app_label="network", model=name)
        pairs = [("source_title", "source_locator", "")]
        if name == "event":
            pairs.append(("status_source_title", "status_source_locator", "status"))
        for row in model.objects.all():
            position = 0
            for title_field, locator_field, supports in pairs:
                title, locator = getattr(row, title_field), getattr(row, locator_field)
                if not title:
                    continue
                source = sources.get(keys.get(title, ""))
                if source is None:
                    logger.warning("%s %s: no catalogue source titled %r", name, row.pk, title)
                    continue
                Citation.objects.get_or_create(
                    content_type=content_type,
                    object_id=row.pk,
                    field=supports,
                    source=source,
                    locator=catalogue_locator(source.key, locator) or "title",
                    defaults={"position": position},
                )
                position += 1


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("sources", "0002_source_version_and_history"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_citations, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="action",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="action",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="attendance",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="attendance",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="decision",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="decision",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="event",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="event",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="event",
            name="status_source_locator",
        ),
        migrations.RemoveField(
            model_name="event",
            name="status_source_title",
        ),
        migrations.RemoveField(
            model_name="historicalaction",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalaction",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalattendance",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalattendance",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicaldecision",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicaldecision",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalevent",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalevent",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalevent",
            name="status_source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalevent",
            name="status_source_title",
        ),
        migrations.RemoveField(
            model_name="historicalmeeting",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalmeeting",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalmember",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalmember",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalminutesection",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalminutesection",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalreferencegroup",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalreferencegroup",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalresource",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalresource",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalsession",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalsession",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="historicalworkshoprun",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="historicalworkshoprun",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="meeting",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="meeting",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="member",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="member",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="minutesection",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="minutesection",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="referencegroup",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="referencegroup",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="session",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="session",
            name="source_title",
        ),
        migrations.RemoveField(
            model_name="workshoprun",
            name="source_locator",
        ),
        migrations.RemoveField(
            model_name="workshoprun",
            name="source_title",
        ),
    ]

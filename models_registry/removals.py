"""The citations of a removed adoption or contact, kept for a revert (issue 22).

Removing a row deletes its citations with it (a generic relation cascades). Before that,
`keep_citations` (a `pre_delete` receiver, connected in apps.py) copies them to
`RemovedCitation`; reverting the removal (reverts.py) recreates the row with its id and
`restore_citations` gives it back the citations it had, then forgets the copies.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from models_registry.upkeep import RemovedCitation
from sources.models import Citation


def keep_citations(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    content_type = ContentType.objects.get_for_model(sender)
    kept = RemovedCitation.objects.filter(content_type=content_type, object_id=instance.pk)
    kept.delete()  # an earlier removal's copies, if it was brought back another way
    RemovedCitation.objects.bulk_create(
        RemovedCitation(
            content_type=content_type,
            object_id=instance.pk,
            source_id=citation.source_id,
            locator=citation.locator,
            field=citation.field,
            position=citation.position,
        )
        for citation in Citation.objects.filter(content_type=content_type, object_id=instance.pk)
    )


def kept_citations(model: type[models.Model], object_id: int) -> list[RemovedCitation]:
    return list(
        RemovedCitation.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=object_id
        ).select_related("source")
    )


def restore_citations(row: models.Model) -> None:
    """Give the recreated `row` back the citations it had when it was removed."""
    kept = kept_citations(type(row), row.pk)
    content_type = ContentType.objects.get_for_model(row)
    for copy in kept:
        Citation.objects.get_or_create(
            content_type=content_type,
            object_id=row.pk,
            source_id=copy.source_id,
            locator=copy.locator,
            field=copy.field,
            defaults={"position": copy.position},
        )
    RemovedCitation.objects.filter(pk__in=[copy.pk for copy in kept]).delete()

"""Reads for the sources pages and for any page that shows citations."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, QuerySet

from sources.models import Citation, Source

# Rows whose names are personal data, or that only signed-in users may see (the reference
# group's members, minutes, decisions and actions): the sources page counts them, never
# lists them.
UNLISTED_MODELS = {
    ("models_registry", "contact"),
    ("models_registry", "historicalcontact"),
    ("network", "member"),
    ("network", "meeting"),
    ("network", "minutesection"),
    ("network", "attendance"),
    ("network", "decision"),
    ("network", "action"),
}


def citations_prefetch(lookup: str = "citations") -> Prefetch:
    """Prefetch a GenericRelation of citations with what the citation links need."""
    return Prefetch(
        lookup, queryset=Citation.objects.select_related("source__cited_in").order_by("position")
    )


def sources_for_list() -> QuerySet[Source]:
    return Source.objects.select_related("cited_in").annotate(citation_count=Count("citations"))


def source_detail(key: str) -> Source:
    return (
        Source.objects.select_related("cited_in")
        .prefetch_related("cites__cited_in", "cited_by__cited_in")
        .get(key=key)
    )


@dataclass
class CitedItem:
    text: str
    url: str
    locators: list[str] = field(default_factory=list)


@dataclass
class CitingGroup:
    """What the portal takes from a source, for one kind of row."""

    label: str
    count: int
    items: list[CitedItem]
    listed: bool


def uses_of(source: Source) -> list[CitingGroup]:
    """Every row citing `source`, grouped by kind, with links where the row has a page."""
    by_type: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for content_type_id, object_id, locator in source.citations.values_list(
        "content_type_id", "object_id", "locator"
    ).order_by("content_type_id", "object_id", "position"):
        by_type[content_type_id][object_id].append(locator)
    groups = []
    for content_type_id, objects in by_type.items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        if model is None:  # a model since removed: nothing left to list
            continue
        label = str(model._meta.verbose_name_plural).capitalize()
        listed = (content_type.app_label, content_type.model) not in UNLISTED_MODELS
        items = []
        if listed:
            for row in model._default_manager.filter(pk__in=objects.keys()):
                url = row.get_absolute_url() if hasattr(row, "get_absolute_url") else ""
                items.append(CitedItem(text=str(row), url=url, locators=objects[row.pk]))
            items.sort(key=lambda item: item.text)
        groups.append(CitingGroup(label=label, count=len(objects), items=items, listed=listed))
    return sorted(groups, key=lambda group: group.label)

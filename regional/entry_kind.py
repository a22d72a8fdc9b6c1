"""What the regional team's pages need to know about one kind of entry (regional.entries
lists the kinds): its model, question page, whether its facts carry citations, and where
the public sees it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse

from regional import forms


def _no_links(_entry: Any) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class EntryKind:
    slug: str
    model: type[models.Model]
    form: type[forms.EntryForm]
    singular: str
    plural: str
    cited: bool
    public_url: Callable[[Any], str]
    #: What names an entry in lists and headings.
    label: Callable[[Any], str]
    ordering: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    #: The form field naming the entry this one belongs to (a decision's meeting), which a
    #: link may preselect on the "add" page: `?meeting=<pk>`.
    parent: str = ""
    #: Further links for one entry, as (text, address): "Add a decision to this meeting".
    links: Callable[[Any], list[tuple[str, str]]] = _no_links

    @property
    def list_url(self) -> str:
        return reverse(f"regional:{self.slug}-list")

    @property
    def new_url(self) -> str:
        return reverse(f"regional:{self.slug}-new")

    def url(self, view: str, entry: models.Model | None = None) -> str:
        if entry is None or entry.pk is None:
            return reverse(f"regional:{self.slug}-{view}")
        return reverse(f"regional:{self.slug}-{view}", kwargs={"pk": entry.pk})

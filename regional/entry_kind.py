"""What a kind of entry on the regional team's pages is (regional/entries.py lists them):
its model, question page, whether its facts carry citations, where the public sees it, and
the rows hanging from it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.urls import reverse

from regional import forms


@dataclass(frozen=True)
class ChildLink:
    """A link from an entry to adding one of its rows, e.g. "Add a session to this event":
    the child kind's slug, its form field naming the parent (preselected), the text."""

    kind: str
    parent: str
    text: str
    #: Whether an entry takes such rows (e.g. only workshops have runs); all do if None.
    applies: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class EntryKind:
    slug: str
    model: type[models.Model]
    form: type[forms.EntryForm]
    singular: str
    plural: str
    cited: bool
    #: Where the public sees an entry; None for a kind with no page of its own.
    public_url: Callable[[Any], str] | None
    #: What names an entry in lists and headings.
    label: Callable[[Any], str]
    ordering: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    #: The form field naming the entry's parent, preselected from `?<parent>=<pk>`.
    parent: str = ""
    children: tuple[ChildLink, ...] = ()

    @property
    def a_singular(self) -> str:
        """ "a practice model", "an event"."""
        return ("an " if self.singular[0] in "aeiou" else "a ") + self.singular

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

    def child_links(self, entry: models.Model) -> list[tuple[str, str]]:
        """(text, address) of each "Add a … to this …" link, the entry preselected."""
        return [
            (
                link.text,
                f"{reverse(f'regional:{link.kind}-new')}?{urlencode({link.parent: entry.pk})}",
            )
            for link in self.children
            if link.applies is None or link.applies(entry)
        ]

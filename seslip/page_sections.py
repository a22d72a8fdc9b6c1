"""Sections one app adds to another app's pages, without the page's app importing it.

An app registers a section for a named slot (e.g. "practice-model", "authority-contacts")
in its AppConfig.ready(); the page's template renders the slot with
`{% page_sections "slot" obj %}` (seslip/templatetags/page_sections.py). Each section is a
template and a function that returns its context for the object and the request, or None
to show nothing. The registry lives here, below every domain app, so the registry's pages
can show the reference group's sessions and resources while network/ depends on the
registry and never the other way round.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class PageSection:
    template_name: str
    context: Callable[..., dict | None]


_SECTIONS: dict[str, list[PageSection]] = {}


def register(slot: str, *, template_name: str, context: Callable[..., dict | None]) -> None:
    """Add a section to `slot`; registering the same template again replaces it."""
    sections = [s for s in _SECTIONS.get(slot, []) if s.template_name != template_name]
    sections.append(PageSection(template_name, context))
    _SECTIONS[slot] = sections


def sections_for(slot: str, obj: object, request: HttpRequest | None) -> list[tuple[str, dict]]:
    """(template, context) for every section of `slot` that has something to show."""
    rendered = []
    for section in _SECTIONS.get(slot, []):
        context = section.context(obj, request)
        if context is not None:
            rendered.append((section.template_name, context))
    return rendered

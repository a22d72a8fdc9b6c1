"""Finding every HTML form the portal serves, for tests/seslip/test_form_fuzz.py.

Pages come from the URL configuration (every named pattern, its parameters filled from
the data in the database), forms from the HTML those pages send: each `<form>` with its
method, action, encoding and fields, and, as a GET form of its own, the query parameters
of the links that lead back to the same page (filters, sorting, paging, the admin's
drill-down), since those are a form the user fills by clicking.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver

# Fields the fuzzer leaves as the page set them: the CSRF token (the test client does not
# check it; a wrong one is a 403, tests/seslip/test_forms_bad_input.py).
UNTOUCHED = frozenset({"csrfmiddlewaretoken"})


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea" or "button"
    values: list[str] = field(default_factory=list)  # the page's value(s) and options
    multiple: bool = False


@dataclass
class Form:
    method: str  # "get" or "post"
    action: str  # absolute path, no query string
    query: str  # the action's own query string, kept as the page wrote it
    multipart: bool
    fields: dict[str, Field]

    @property
    def key(self) -> tuple:
        names = tuple(sorted(name for name in self.fields if name not in UNTOUCHED))
        return (self.method, self.action, names)


class _FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"])
        elif tag == "form":
            target = urlsplit(urljoin(self.page, attr.get("action") or self.page))
            self._form = Form(
                method=(attr.get("method") or "get").lower(),
                action=target.path,
                query=target.query,
                multipart=attr.get("enctype", "") == "multipart/form-data",
                fields={},
            )
            self.forms.append(self._form)
        elif self._form is None or (not attr.get("name") and tag != "option"):
            return
        elif tag in ("input", "button"):
            kind = attr.get("type", "text" if tag == "input" else "submit").lower()
            self._field(attr["name"], kind).values.append(attr.get("value", ""))
        elif tag == "select":
            self._select = self._field(attr["name"], "select")
            self._select.multiple = "multiple" in attr
        elif tag == "option" and self._select is not None:
            self._select.values.append(attr.get("value", ""))
        elif tag == "textarea":
            self._textarea = self._field(attr["name"], "textarea")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and data.strip():
            self._textarea.values.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def _field(self, name: str, kind: str) -> Field:
        assert self._form is not None
        existing = self._form.fields.get(name)
        if existing is None:
            existing = self._form.fields[name] = Field(name, kind)
        elif kind in ("checkbox", "select"):
            existing.multiple = existing.multiple or kind == "checkbox"
        return existing


def forms_in(page: str, html: str) -> list[Form]:
    """The page's <form>s, then its links back to itself as one GET form."""
    parser = _FormParser(page)
    parser.feed(html)
    forms = [form for form in parser.forms if form.method in ("get", "post")]
    link_fields: dict[str, Field] = {}
    for href in parser.links:
        target = urlsplit(urljoin(page, href))
        if target.path != urlsplit(page).path or not target.query:
            continue
        for name, value in parse_qsl(target.query, keep_blank_values=True):
            link_fields.setdefault(name, Field(name, "link")).values.append(value)
    if link_fields:
        path = urlsplit(page).path
        forms.append(Form("get", path, "", multipart=False, fields=link_fields))
    return forms


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", reversible
    params: tuple[str, ...]
    callback: Callable


def routes() -> Iterator[Route]:
    """Every named URL pattern of the root URL configuration."""

    def walk(patterns, namespaces: tuple[str, ...], inherited: tuple[str, ...]):
        for pattern in patterns:
            # path() patterns name their parameters as converters, re_path() ones as groups.
            names = pattern.pattern.converters or pattern.pattern.regex.groupindex
            params = inherited + tuple(names)
            if isinstance(pattern, URLResolver):
                space = namespaces + ((pattern.namespace,) if pattern.namespace else ())
                yield from walk(pattern.url_patterns, space, params)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = ":".join((*namespaces, pattern.name))
                yield Route(name, params, pattern.callback)

    yield from walk(get_resolver().url_patterns, (), ())


def candidate_kwargs(route: Route, values: dict[str, list[str]]) -> Iterator[dict[str, str]]:
    """Each way of filling the route's parameters from `values` (per parameter name, the
    values that make sense in this database)."""
    choices = [values.get(param, []) for param in route.params]
    for combination in itertools.product(*choices):
        yield dict(zip(route.params, combination, strict=True))

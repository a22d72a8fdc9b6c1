"""Every page and API list reachable from `/`, as the public and as a member, names its
sources properly: no "seed", "kpi-spec", "lorem" or "TODO", and no citation whose source is
not in the catalogue (issue 18)."""

import io
import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from sources.models import Source
from tests.conftest import module_data

pytestmark = pytest.mark.django_db

FORBIDDEN = [
    re.compile(r"\bseeds?\b", re.IGNORECASE),
    # The team's internal name; the portal's own "KPI specification" is what pages cite.
    re.compile(r"kpi-spec(?!ification)", re.IGNORECASE),
    re.compile(r"\blorem\b", re.IGNORECASE),
    re.compile(r"\bTODO\b"),
]
# Not pages: sign-out changes state, the admin is staff-only, files are files.
SKIPPED_PREFIXES = ("/static/", "/admin/", "/accounts/logout", "/api/schema", "/api/docs")
MAX_PAGES = 1500


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name == "href" and value:
                self.links.append(value)
            # What a reader can see or hear besides the text.
            if name in ("title", "alt", "aria-label", "placeholder", "value", "content"):
                self.text.append(value or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _internal(link: str, here: str) -> str | None:
    link, _ = urldefrag(link)
    parts = urlsplit(link)
    if parts.scheme in ("mailto", "tel", "javascript"):
        return None
    if parts.netloc and parts.netloc != "testserver":
        return None
    path = parts.path or urlsplit(here).path
    if not path.startswith("/") or path.startswith(SKIPPED_PREFIXES):
        return None
    # Filtered lists repeat one page with other parameters; page numbers and plain lists
    # are enough to reach every row.
    query = parts.query if re.fullmatch(r"(page=\d+)?", parts.query or "") else ""
    return path + (f"?{query}" if query else "")


def _json_links(value, found: list[str]) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _json_links(item, found)
    elif isinstance(value, list):
        for item in value:
            _json_links(item, found)
    elif isinstance(value, str) and value.startswith("http://testserver/"):
        found.append(value)


def _json_citations(value, found: list[dict]) -> None:
    if isinstance(value, dict):
        if "locator" in value:
            found.append(value)
        for item in value.values():
            _json_citations(item, found)
    elif isinstance(value, list):
        for item in value:
            _json_citations(item, found)


def crawl(client, start: str = "/", visits: int = MAX_PAGES) -> tuple[dict[str, list[str]], int]:
    """Every page reachable from `start` (at most `visits` of them read)."""
    keys = set(Source.objects.values_list("key", flat=True))
    problems: dict[str, list[str]] = {}
    seen = {start}
    queue = deque([start])
    while queue and len(seen) < MAX_PAGES and visits > 0:
        visits -= 1
        url = queue.popleft()
        response = client.get(url, HTTP_ACCEPT="text/html,application/json")
        found: list[str] = []

        def problem(message: str, url=url) -> None:
            problems.setdefault(url, []).append(message)

        if response.status_code in (301, 302):
            continue
        if response.status_code != 200:
            problem(f"status {response.status_code}")
            continue
        content_type = response.get("Content-Type", "")
        body = response.content.decode("utf-8", errors="replace")
        if "json" in content_type:
            data = json.loads(body)
            text = body
            _json_links(data, found)
            citations: list[dict] = []
            _json_citations(data, citations)
            for citation in citations:
                if citation.get("source") not in keys or not citation.get("title"):
                    problem(f"citation without a source record: {citation}")
        else:
            parser = _Links()
            parser.feed(body)
            text = " ".join(parser.text) if "html" in content_type else body
            found = parser.links if "html" in content_type else []
            for key in re.findall(r'href="/sources/([^/"]+)/"', body):
                if key not in keys:
                    problem(f"link to an unknown source {key!r}")
        for pattern in FORBIDDEN:
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 60) : match.end() + 60]
                problem(f"{match.group(0)!r} in {' '.join(context.split())!r}")
        for link in found:
            target = _internal(link, url)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return problems, len(seen)


@pytest.fixture(scope="module")
def loaded_region(django_db_setup, django_db_blocker):
    """The region as `make run` loads it, once for the module (loading takes a while); the
    tests run in transactions on top of it, and the database is emptied afterwards."""
    with module_data(django_db_blocker, lambda: call_command("load_region", stdout=io.StringIO())):
        yield


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_every_reachable_page_cites_real_sources_and_no_internal_names(
    loaded_region, client_for, persona
):
    problems, pages = crawl(client_for(persona))
    assert pages > 100
    assert not problems, "\n".join(f"{url}: {'; '.join(found)}" for url, found in problems.items())


def test_the_crawler_catches_a_seed_citation(loaded_region, client):
    from models_registry.models import PracticeModel

    PracticeModel.objects.filter(slug="family-safeguarding").update(
        overview="Source: Seed 001 §1.2"
    )
    # The page alone: the full crawls above show that it is reached.
    problems, _ = crawl(client, start="/models/family-safeguarding/", visits=1)
    assert any("Seed" in message for message in problems.get("/models/family-safeguarding/", []))


# --- The admin site and the regional team's pages ------------------------------------------

STAFF_AREAS = ("/admin/", "/regional/")
# Leaving, and pages that only repeat another with different filters or sorting.
STAFF_SKIPPED = ("/admin/logout", "/admin/jsi18n", "/admin/autocomplete")
PER_KIND = 1  # pages of one kind (ids replaced) visited


def crawl_staff_pages(
    client, start: tuple[str, ...] = STAFF_AREAS, visits: int = MAX_PAGES
) -> tuple[dict[str, list[str]], int]:
    """Every kind of page under /admin/ and /regional/ the superuser (a regional admin by
    role, and the only one the admin site lets in) can reach, one of
    each (a list, a change page, its history, its delete confirmation): the whole page is
    searched, option values and link addresses included, since a list's filters put stored
    values in the address bar. From `start`, at most `visits` pages read."""
    problems: dict[str, list[str]] = {}
    kinds: dict[str, int] = {}
    seen = set(start)
    queue = deque(start)
    while queue and visits > 0:
        visits -= 1
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in (301, 302):
            continue
        if response.status_code != 200:
            problems.setdefault(url, []).append(f"status {response.status_code}")
            continue
        body = response.content.decode("utf-8", errors="replace")
        for pattern in FORBIDDEN:
            for match in pattern.finditer(body):
                context = body[max(0, match.start() - 80) : match.end() + 40]
                problems.setdefault(url, []).append(f"{match.group(0)!r} in {context!r}")
        parser = _Links()
        parser.feed(body)
        for link in parser.links:
            link, _ = urldefrag(link)
            parts = urlsplit(link)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path or urlsplit(url).path
            if not path.startswith(STAFF_AREAS) or path.startswith(STAFF_SKIPPED):
                continue
            # A list's filter links are in its own page, which is searched whole: lists
            # filtered, sorted or searched are not visited.
            if parts.query:
                continue
            kind = re.sub(r"/\d+/", "/N/", path)
            target = path
            if target in seen or kinds.get(kind, 0) >= PER_KIND:
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            seen.add(target)
            queue.append(target)
    return problems, len(seen)


def test_the_admin_and_regional_pages_show_no_internal_names(loaded_region, client_for):
    problems, pages = crawl_staff_pages(client_for("admin_user"))
    assert pages > 100
    assert not problems, "\n".join(f"{url}: {'; '.join(found)}" for url, found in problems.items())


def test_the_staff_crawler_catches_an_internal_name_in_a_form(loaded_region, client_for):
    from evidence.models import Evaluation

    Evaluation.objects.update(source_section="seed-001 §2")
    # The two forms alone: the full staff crawl above shows that both are reached.
    pk = Evaluation.objects.order_by("pk").values_list("pk", flat=True).first()
    start = (f"/admin/evidence/evaluation/{pk}/change/", f"/regional/evaluations/{pk}/change/")
    problems, _ = crawl_staff_pages(client_for("admin_user"), start=start, visits=2)
    assert any(re.fullmatch(r"/admin/evidence/evaluation/\d+/change/", url) for url in problems)
    assert any(re.fullmatch(r"/regional/evaluations/\d+/change/", url) for url in problems)

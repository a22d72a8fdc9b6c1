"""Full-text search over findings and the evaluations they come from.

PostgreSQL: a weighted SearchVector over the finding and its evaluation, ranked with
SearchRank, with SearchHeadline snippets. SQLite (development and half the test runs):
every word of the query must appear, case-insensitively, in one of the same fields.
Both return the same findings for plain word queries; only PostgreSQL ranks them.
"""

import secrets
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery

SEARCH_CONFIG = "english"

# (field, PostgreSQL weight). The statement matters most; context from the evaluation least.
SEARCHED_FIELDS: tuple[tuple[str, str], ...] = (
    ("statement", "A"),
    ("measure", "A"),
    ("quotation", "B"),
    ("outcome_domain__name", "B"),
    ("practice_model__name", "C"),
    ("authority__name", "C"),
    ("evaluation__title", "C"),
    ("evaluation__evaluator", "C"),
    ("evaluation__summary", "D"),
)

# Snippet markers: random per process, so no stored text can forge a highlight.
MARK_START = f"\x02{secrets.token_hex(8)}\x03"
MARK_END = f"\x02{secrets.token_hex(8)}\x04"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def query_words(query: str) -> list[str]:
    return [word for word in query.split() if word.strip('"')]


# A search is a few words; a pasted essay would build a query too deep for SQLite and
# too slow anywhere. A longer search is refused with a message (check_query_words, the
# search form's validator), never cut short without saying so.
MAX_QUERY_WORDS = 12
MAX_QUERY_LENGTH = 200


def check_query_words(query: str) -> None:
    words = len(query.split())
    if words > MAX_QUERY_WORDS:
        raise ValidationError(
            f"Search for {MAX_QUERY_WORDS} words or fewer (this has {words}).",
            code="too_many_words",
        )


def search_findings(queryset: QuerySet, query: str) -> QuerySet:
    """Findings matching `query`; on PostgreSQL annotated with `rank` and `headline`."""
    query = " ".join(query.split()[:MAX_QUERY_WORDS])[:MAX_QUERY_LENGTH].strip()
    if not query:
        return queryset
    if uses_postgres():
        return _postgres_search(queryset, query)
    return _plain_search(queryset, query)


def _related(findings: QuerySet, field: str):
    """A related field as a subquery, so the document can be written by one UPDATE."""
    if "__" not in field:
        return F(field)
    relation, name = field.split("__", 1)
    model = findings.model._meta.get_field(relation).related_model
    return Subquery(model.objects.filter(pk=OuterRef(f"{relation}_id")).values(name)[:1])


def refresh_search_documents(findings: QuerySet) -> int:
    """Write the weighted full-text document of `findings` in one UPDATE,
    on PostgreSQL, where a GIN index makes searching it fast. Findings and evaluations call
    this when saved; the loader after loading. SQLite searches the fields directly."""
    if not uses_postgres():
        return 0
    vector: Any = None
    for field, weight in SEARCHED_FIELDS:
        part = SearchVector(_related(findings, field), weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return findings.update(search_document=vector)


def _postgres_search(queryset: QuerySet, query: str) -> QuerySet:
    vector = F("search_document")
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return (
        queryset.annotate(
            search=vector,
            rank=SearchRank(vector, search_query),
            headline=SearchHeadline(
                "statement",
                search_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                highlight_all=True,
            ),
        )
        .filter(search=search_query)
        .order_by("-rank", *queryset.query.order_by)
    )


def _plain_search(queryset: QuerySet, query: str) -> QuerySet:
    for word in query_words(query):
        word = word.strip('"')
        any_field = Q()
        for field, _weight in SEARCHED_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(any_field)
    return queryset

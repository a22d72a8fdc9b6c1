"""A question page's answers, kept in the session until "Check your answers" saves them
(GOV.UK's question-page pattern): stored as {field: [values]}, read back as the QueryDict
a form is bound to, as if the page had just been posted."""

from typing import Any

from django.http import QueryDict


def store_answers(session: Any, key: str, posted: QueryDict) -> None:
    """Keep a valid question page's answers under `key` (every value of every field, the
    CSRF token left out) until "Check your answers" saves them."""
    session[key] = {name: posted.getlist(name) for name in posted if name != "csrfmiddlewaretoken"}


def answers_from_session(session: Any, key: str) -> QueryDict | None:
    """The answers stored under `key`, or None when none are waiting."""
    stored = session.get(key)
    if stored is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in stored.items():
        data.setlist(name, values)
    return data

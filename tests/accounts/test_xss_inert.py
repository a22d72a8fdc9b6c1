"""XSS payloads in every editable text field render inert on the pages that show them.

Every free-text field of the registry's and evidence library's editable models gets a
payload; the public and signed-in pages must show it as text, never as markup.
"""

import pytest
from django.db import models

from tests.factories import (
    AdoptionFactory,
    ContactFactory,
    EvaluationFactory,
    FindingFactory,
    LocalAuthorityFactory,
    PracticeModelFactory,
)

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
RAW_MARKERS = ['<script>alert("xss")', "<img src=x onerror"]
SKIPPED = {"slug", "key", "email", "website", "url", "gss_code", "source_document"}


def poison(instance: models.Model) -> models.Model:
    """Put the payload into every free-text field (no choices, no identifiers)."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.choices or field.name in SKIPPED or isinstance(field, models.EmailField):
            continue
        value = PAYLOAD if field.max_length is None else PAYLOAD[: field.max_length]
        if field.unique:
            value = f"{value}{instance._meta.model_name}"[: field.max_length or None]
        setattr(instance, field.name, value)
    instance.save()
    return instance


@pytest.fixture
def poisoned(db):
    authority = poison(LocalAuthorityFactory(slug="poisoned-authority"))
    practice_model = poison(PracticeModelFactory(slug="poisoned-model"))
    poison(AdoptionFactory(local_authority=authority, practice_model=practice_model))
    poison(ContactFactory(local_authority=authority, practice_model=practice_model))
    evaluation = poison(EvaluationFactory(slug="poisoned-evaluation"))
    poison(
        FindingFactory(
            key="poisoned-finding",
            evaluation=evaluation,
            practice_model=practice_model,
            authority=authority,
        )
    )
    return authority


PAGES = [
    "/",
    "/models/",
    "/models/poisoned-model/",
    "/authorities/",
    "/authorities/poisoned-authority/",
    "/compare/?models=poisoned-model",
    "/themes/",
    "/evidence/",
    "/evidence/evaluations/",
    "/evidence/evaluations/poisoned-evaluation/",
    "/evidence/findings/poisoned-finding/",
    "/evidence/search/?q=alert",
]


@pytest.mark.parametrize("persona", ["anonymous", "member"])
@pytest.mark.parametrize("path", PAGES)
def test_payloads_render_as_text(client_for, poisoned, persona, path):
    response = client_for(persona).get(path)
    assert response.status_code == 200, path
    body = response.content.decode()
    for marker in RAW_MARKERS:
        assert marker not in body, (path, marker)


@pytest.mark.parametrize(
    "path",
    [
        "/models/poisoned-model/",
        "/authorities/poisoned-authority/",
        "/evidence/evaluations/poisoned-evaluation/",
        "/evidence/findings/poisoned-finding/",
    ],
)
def test_detail_pages_show_the_payload_as_escaped_text(client_for, poisoned, path):
    assert "&lt;script&gt;alert(" in client_for("member").get(path).content.decode()

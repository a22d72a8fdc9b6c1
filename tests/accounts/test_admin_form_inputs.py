"""Admin add and change forms given ids no row can have (found by the form fuzz,
tests/seslip/test_form_fuzz.py): an error on the field, never a 500, nothing saved.

- An autocomplete field re-shown with such an id made Django's widget filter `pk__in`
  with it: ValueError (500) for text, OverflowError on SQLite for a huge number.
- A many-to-many field given a number beyond the column's range: OverflowError on SQLite
  when Django checks the ids with `pk__in`.
"""

import pytest
from django.urls import reverse

from evidence.models import Finding
from models_registry.models import Theme

pytestmark = pytest.mark.django_db

JUNK_IDS = ["not-a-number", "9" * 40, "nan", "\u202e"]


@pytest.mark.parametrize("junk", JUNK_IDS)
def test_an_autocomplete_field_given_an_id_no_row_can_have_is_a_field_error(client_for, junk):
    before = Finding.objects.count()

    response = client_for("admin_user").post(
        reverse("admin:evidence_finding_add"), {"evaluation": junk, "statement": "x"}
    )

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert Finding.objects.count() == before


@pytest.mark.parametrize("junk", JUNK_IDS)
def test_a_many_to_many_field_given_an_id_no_row_can_have_is_a_field_error(client_for, junk):
    before = Theme.objects.count()

    response = client_for("admin_user").post(
        reverse("admin:models_registry_theme_add"),
        {"name": "A theme", "kind": "feature", "authorities": [junk]},
    )

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert Theme.objects.count() == before


@pytest.mark.parametrize("junk", JUNK_IDS)
def test_an_inline_autocomplete_field_given_an_id_no_row_can_have_is_a_field_error(
    client_for, junk
):
    """Inlines get the same guard: the form fuzz posted a date to an adoption row's model."""
    from models_registry.models import Adoption
    from tests.factories import LocalAuthorityFactory

    authority = LocalAuthorityFactory()
    before = Adoption.objects.count()
    prefix = "adoptions"

    response = client_for("admin_user").post(
        reverse("admin:models_registry_localauthority_change", args=[authority.pk]),
        {
            "name": authority.name,
            "slug": authority.slug,
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-0-practice_model": junk,
            f"{prefix}-0-role": "primary",
        },
    )

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert Adoption.objects.count() == before

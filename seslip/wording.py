"""Words for readers, written in Python: a count with its noun in the right number ("1
finding", "2 findings", "1,234 rows"; templates use Django's `pluralize` filter for the same
rule, issue 23: never "1 findings" or "finding(s)"), and a field's name as a reader reads it
mid-sentence ("Changed date of the Ofsted judgement", never "ofsted_date")."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """`number` with thousands separators and `singular` or `plural` (default: `singular`
    plus "s") after it: count_of(1, "family", "families") == "1 family"."""
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {noun}"


def field_name(model: type[models.Model] | None, name: str) -> str:
    """The field's verbose name as written on the model, for the middle of a sentence.

    Verbose names follow Django's convention: lower case but for proper nouns and acronyms
    ("ONS/GSS code", "Ofsted judgement"), so they are never lower-cased here; a sentence that
    starts with one capitalises its first letter only (`django.utils.text.capfirst`). A name
    the model no longer has is shown with spaces for underscores rather than failing."""
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            pass
        else:
            return str(getattr(field, "verbose_name", name.replace("_", " ")))
    return name.replace("_", " ")


def field_name_for(content_type_id: int, name: str) -> str:
    """`field_name` for a row that names its model by content type (citations, statements);
    ContentType's cache answers without a query after the first."""
    return field_name(ContentType.objects.get_for_id(content_type_id).model_class(), name)

"""Drawing find-by-name fields (issue 20; seslip/find_by_name.py): a plain GOV.UK text
input, which portal.js enhances with accessible-autocomplete when JavaScript runs.

`govuk_field` draws a single field this way by itself once its list is long; a page that
draws its own options (the compare page's checkboxes) asks `finds_by_name` and includes
`includes/find_by_name_inputs.html` for several inputs of one multiple field."""

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils.safestring import SafeString

from seslip.components import render_component
from seslip.find_by_name import is_find_by_name, short_choices, typed_text

register = template.Library()


def _hint_text(field: BoundField, hint: str | None) -> str:
    listed_at = field.field.listed_at  # type: ignore[attr-defined]
    own = hint or field.help_text
    lead = f"{own} " if own else ""
    return f"{lead}Type the full name, as it is shown on {listed_at}."


def enhancement_attributes(field: BoundField) -> dict:
    """What portal.js reads to enhance the input: where the suggestions come from."""
    source = reverse(f"find-{field.field.source}")  # type: ignore[attr-defined]
    return {"data-find-by-name": source}


def find_by_name_input(
    field: BoundField, *, label_classes: str = "govuk-label--s", hint: str | None = None
) -> SafeString:
    attributes = enhancement_attributes(field)
    if field.errors:
        attributes["aria-invalid"] = "true"
    params: dict = {
        "id": field.id_for_label,
        "name": field.html_name,
        "label": {"text": str(field.label), "classes": label_classes},
        "hint": {"text": _hint_text(field, hint)},
        "value": typed_text(field),
        "autocomplete": "off",
        "spellcheck": False,
        "errorMessage": {"text": " ".join(str(e) for e in field.errors)} if field.errors else None,
        "attributes": attributes,
    }
    return render_component("input", params)


@register.filter
def finds_by_name(field: BoundField) -> bool:
    """True when the field is drawn as text inputs (its list is longer than the threshold)."""
    return is_find_by_name(field) and short_choices(field) is None


@register.simple_tag
def find_by_name_rows(field: BoundField, count: int) -> list[dict]:
    """`count` text inputs of one multiple field: id, label and the text each shows (the
    values given, in order, then blanks)."""
    data = field.form.data
    given = data.getlist(field.html_name) if hasattr(data, "getlist") else []
    given = [str(text) for text in given if str(text).strip()]
    noun = field.field.noun  # type: ignore[attr-defined]
    rows = []
    for number in range(1, max(count, len(given)) + 1):
        rows.append(
            {
                "id": field.auto_id if number == 1 else f"{field.auto_id}_{number}",
                "label": f"{noun.capitalize()} {number}",
                "value": given[number - 1] if number <= len(given) else "",
            }
        )
    return rows


@register.simple_tag
def find_by_name_hint(field: BoundField) -> str:
    return _hint_text(field, None)


@register.simple_tag
def find_by_name_source(field: BoundField) -> str:
    return enhancement_attributes(field)["data-find-by-name"]

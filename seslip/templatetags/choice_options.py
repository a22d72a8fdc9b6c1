"""A choice field's options as plain (value, label, selected) triples.

The portal's filter forms and the compare page draw their own GOV.UK <select> and
checkboxes. Asking Django's widgets for them costs a template render (or an option dict
and several lookups) per option, which at thousands of authorities or models is most of
the page's time; these triples cost one comparison each."""

from django import template
from django.forms import BoundField

from seslip.find_by_name import is_find_by_name, short_choices

register = template.Library()


@register.filter
def choice_options(bound_field: BoundField) -> list[tuple[str, str, bool]]:
    current = bound_field.value()
    values = current if isinstance(current, list | tuple) else [current]
    chosen = {str(value) for value in values if value not in (None, "")}
    options = []
    choices = short_choices(bound_field) if is_find_by_name(bound_field) else None
    if choices is None:
        choices = bound_field.field.choices  # type: ignore[attr-defined]  # a choice field
    for value, label in choices:
        key = "" if value is None else str(value)
        options.append((key, label, key in chosen))
    return options

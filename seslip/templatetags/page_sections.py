"""`{% page_sections "slot" obj %}`: render the sections other apps registered for a slot
(seslip/page_sections.py)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from seslip.page_sections import sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context: template.Context, slot: str, obj: object) -> str:
    request = context.get("request")
    parts = [
        render_to_string(template_name, section_context, request=request)
        for template_name, section_context in sections_for(slot, obj, request)
    ]
    return mark_safe("".join(parts))  # noqa: S308 - each part is an autoescaped template

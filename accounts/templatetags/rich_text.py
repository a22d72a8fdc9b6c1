"""`{% load rich_text %}{{ text|rich_text }}`: user-entered rich text, sanitised by nh3."""

from django import template
from django.utils.safestring import SafeString

from seslip.text import clean_rich_text

register = template.Library()


@register.filter(name="rich_text")
def rich_text(value: str | None) -> SafeString:
    return clean_rich_text(value)

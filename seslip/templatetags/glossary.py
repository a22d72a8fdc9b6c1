"""`{{ text|abbreviations }}`: each abbreviation of the glossary (seslip.glossary) in
text becomes an <abbr> with its expansion. A built-in of the templates."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from seslip.glossary import BY_ABBREVIATION

register = template.Library()

WORD = re.compile(r"\b(" + "|".join(map(re.escape, BY_ABBREVIATION)) + r")\b")


@register.filter
def abbreviations(text: str) -> SafeString:
    escaped = str(conditional_escape(text))
    return mark_safe(  # noqa: S308 (escaped above; only <abbr> is added)
        WORD.sub(
            lambda match: format_html(
                '<abbr title="{}">{}</abbr>',
                BY_ABBREVIATION[match.group(1)].expansion,
                match.group(1),
            ),
            escaped,
        )
    )

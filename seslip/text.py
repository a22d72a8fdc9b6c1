"""Sanitising user-entered rich text (model descriptions, evidence notes) with nh3.

Templates never mark user input safe; they call `clean_rich_text` (or the `rich_text`
filter: `{% load rich_text %}{{ model.overview|rich_text }}`), which keeps a short list of
formatting tags and drops everything else, scripts, event handlers, styles and
`javascript:` links included.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "h2", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_rich_text(value: str | None) -> SafeString:
    """HTML that is safe to render: allowed tags kept, everything else removed or escaped."""
    if not value:
        return mark_safe("")
    cleaned = nh3.clean(
        str(value),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has sanitised it


def with_article(noun: str, *, capital: bool = True) -> str:
    """ "An authority analyst", "A regional admin": the indefinite article by the noun's
    first letter (the portal's role and measure names have no silent h or long u)."""
    article = "an" if noun[:1].lower() in "aeiou" else "a"
    return f"{article.capitalize() if capital else article} {noun}"

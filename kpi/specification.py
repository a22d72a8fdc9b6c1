"""The portal's KPI specification (docs/kpi-specification.md) as a page, so that every
citation of it ("KPI specification §6.4") is a link a reader can follow.

The Markdown is the repository's own file, rendered once per process with markdown-it-py
(raw HTML in it is not passed through) and given GOV.UK Frontend classes. Each numbered
section gets an anchor: `## 6. …` is `#section-6`, a paragraph `6.4. …` is `#section-6.4`.
"""

import re
from functools import lru_cache

from django.conf import settings
from markdown_it import MarkdownIt
from markdown_it.token import Token

SOURCE = settings.BASE_DIR / "docs" / "kpi-specification.md"
_SECTION = re.compile(r"^(\d+(?:\.\d+)?)\. ")
_CLASSES: dict[str, str | dict[str, str]] = {
    "heading_open": {"h1": "govuk-heading-xl", "h2": "govuk-heading-l", "h3": "govuk-heading-m"},
    "paragraph_open": "govuk-body",
    "bullet_list_open": "govuk-list govuk-list--bullet",
    "ordered_list_open": "govuk-list govuk-list--number",
    "table_open": "govuk-table",
    "thead_open": "govuk-table__head",
    "tbody_open": "govuk-table__body",
    "tr_open": "govuk-table__row",
    "th_open": "govuk-table__header",
    "td_open": "govuk-table__cell",
}
_TABLE_REGION = (
    '<div class="portal-table-scroll" tabindex="0" role="region" '
    'aria-label="Table from the KPI specification">'
)


def section_url(locator: str) -> str:
    """The page's anchor for the first section a locator cites ('§6.4, §9.7' -> #section-6.4)."""
    match = re.search(r"§(\d+(?:\.\d+)?)", locator)
    return f"#section-{match.group(1)}" if match else ""


def _decorate(tokens: list[Token]) -> None:
    for index, token in enumerate(tokens):
        css = _CLASSES.get(token.type)
        if isinstance(css, dict):
            css = css.get(token.tag)
        if css:
            token.attrSet("class", css)
        if token.type == "th_open":
            token.attrSet("scope", "col")
        if token.type in {"heading_open", "paragraph_open"} and index + 1 < len(tokens):
            number = _SECTION.match(tokens[index + 1].content)
            if number and (token.tag == "h2" or token.type == "paragraph_open"):
                token.attrSet("id", f"section-{number.group(1)}")


@lru_cache(maxsize=1)
def specification_html() -> str:
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = markdown.parse(SOURCE.read_text(encoding="utf-8"))
    _decorate(tokens)
    html = markdown.renderer.render(tokens, markdown.options, {})
    return html.replace("<table", _TABLE_REGION + "<table").replace("</table>", "</table></div>")

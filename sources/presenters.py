"""Sources as the pages, the API and the citation exports show them."""

import re

from sources.models import Citation, Source


def date_text(source: Source) -> str:
    return str(source.published) if source.published else "Not given in the documents"


def independence_text(source: Source) -> str:
    value = source.independent_of_model_owner
    text = {True: "Yes", False: "No", None: "Not known from the documents"}[value]
    return f"{text}. {source.independence_note}" if source.independence_note else text


def citation_label(citation: Citation) -> str:
    """'Models of Social Work Practice, §1.2.1' — what a page shows for one citation."""
    return f"{citation.source.display_title}, {citation.locator}"


def field_label(citation: Citation) -> str:
    return citation.field.replace("_", " ")


def _bibtex_escape(value: str) -> str:
    return re.sub(r"([{}\\%&$#_^~])", r"\\\1", value)


def _entry_type(source: Source) -> str:
    types: dict[str, str] = {
        Source.Kind.MEETING_MINUTES: "misc",
        Source.Kind.PRESENTATION: "misc",
        Source.Kind.REFERENCE: "misc",
    }
    return types.get(source.kind, "techreport")


def citation_bibtex(source: Source) -> str:
    fields = [("title", source.display_title)]
    if source.author:
        fields.append(("author", source.author))
    if source.published:
        fields.append(("year", str(source.published.value.year)))
        if source.date_precision != "year":
            fields.append(("note", f"Dated {source.published}"))
    if source.publisher:
        fields.append(("institution", source.publisher))
    if source.url:
        fields.append(("url", source.url))
    fields.append(("howpublished", source.get_kind_display()))
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields)
    return f"@{_entry_type(source)}{{{source.key},\n{body}\n}}\n"


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def citation_ris(source: Source) -> str:
    kind: dict[str, str] = {Source.Kind.PRESENTATION: "SLIDE", Source.Kind.MEETING_MINUTES: "GEN"}
    lines = [_ris_line("TY", kind.get(source.kind, "RPRT")), _ris_line("TI", source.display_title)]
    if source.author:
        lines.append(_ris_line("AU", source.author))
    if source.published:
        lines.append(_ris_line("PY", str(source.published.value.year)))
        lines.append(_ris_line("DA", str(source.published)))
    if source.publisher:
        lines.append(_ris_line("PB", source.publisher))
    if source.url:
        lines.append(_ris_line("UR", source.url))
    lines.append(_ris_line("N1", source.get_kind_display()))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"

"""Turn evidence into what the pages show: figures, highlights, map cells, citations."""

import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from evidence import search
from evidence.models import Direction, Evaluation, Finding, SourceDocument, Strength
from sources.values import Figure, FigureKind

STRENGTH_CSS: dict[str, str] = {
    Strength.STRONG: "strong",
    Strength.MODERATE: "moderate",
    Strength.PRELIMINARY: "weak",
    Strength.DESCRIPTIVE: "weak",
    Strength.NOT_RATED: "none",
}

STRENGTH_TAG_COLOUR: dict[str, str] = {
    Strength.STRONG: "govuk-tag--green",
    Strength.MODERATE: "govuk-tag--blue",
    Strength.PRELIMINARY: "govuk-tag--yellow",
    Strength.DESCRIPTIVE: "govuk-tag--grey",
    Strength.NOT_RATED: "govuk-tag--orange",
}


def strength_tag_class(strength: str) -> str:
    return STRENGTH_TAG_COLOUR.get(strength, "govuk-tag--grey")


# --- Figures --------------------------------------------------------------------------


def format_number(value: Decimal) -> str:
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{int(normal):,}"
    return f"{normal:,f}"


def figure_text(figure: Figure, currency: str = "") -> str:
    """A figure as the source wrote it: '1,234', '18–19', 'over 200', 'about 50'; with a
    currency, 'over £2,000,000'."""
    if figure.kind == FigureKind.RANGE and figure.upper is not None:
        return f"{currency}{format_number(figure.value)}–{format_number(figure.upper)}"
    number = f"{currency}{format_number(figure.value)}"
    if figure.kind == FigureKind.LOWER_BOUND:
        return f"over {number}"
    if figure.kind == FigureKind.APPROXIMATE:
        return f"about {number}"
    return number


def _with_unit(figure: Figure, unit: str) -> str:
    if unit.startswith("£"):
        rest = unit[1:].strip()
        return figure_text(figure, "£") + (f" {rest}" if rest else "")
    number = figure_text(figure)
    if unit.startswith("%"):
        return f"{number}{unit}"
    return f"{number} {unit}".strip()


def format_figures(finding: Finding) -> str:
    """One line of the finding's figures, each as the source wrote it, e.g.
    '12 → 10 % of families (n = 386)', '18–19 → 15 children per social worker',
    'n = over 200'. A range is never reduced to a midpoint."""
    unit = finding.unit
    before, after = finding.figure("value_before"), finding.figure("value_after")
    change = finding.figure("change_value")
    comparison, sample = finding.figure("comparison_value"), finding.figure("sample_size")
    parts: list[str] = []
    if before is not None and after is not None:
        parts.append(f"{figure_text(before)} → {_with_unit(after, unit)}")
    elif after is not None:
        parts.append(_with_unit(after, unit))
    elif before is not None:
        parts.append(f"before: {_with_unit(before, unit)}")
    if change is not None:
        sign = "+" if change.value > 0 else "\u2212" if change.value < 0 else ""
        magnitude = Figure(change.kind, abs(change.value), change.upper)
        if change.kind == FigureKind.RANGE:
            sign, magnitude = "", change  # a range of changes keeps its own signs
        parts.append(f"change {sign}{_with_unit(magnitude, unit)}")
    if comparison is not None:
        label = finding.comparison_label or "comparison"
        parts.append(f"{label}: {_with_unit(comparison, unit)}")
    elif finding.comparison_label:
        parts.append(f"compared with {finding.comparison_label}")
    if sample is not None:
        parts.append(f"n = {figure_text(sample)}")
    return "; ".join(parts)


@dataclass(frozen=True)
class SampleLine:
    figure: str
    noun: str


def sample_lines(evaluation: Evaluation) -> list[SampleLine]:
    """The evaluation's sample, each count as the source gives it ('over 200 staff')."""
    nouns = {
        "sample_authorities": ("authority", "authorities"),
        "sample_families": ("family", "families"),
        "sample_children": ("child or young person", "children or young people"),
        "sample_staff": ("staff", "staff"),
    }
    lines = []
    for name, (one, many) in nouns.items():
        figure = evaluation.figure(name)
        if figure is None or (figure.kind == FigureKind.EXACT and not figure.value):
            continue
        exactly_one = figure.kind == FigureKind.EXACT and figure.value == 1
        lines.append(SampleLine(figure_text(figure), one if exactly_one else many))
    return lines


def source_citation(finding: Finding) -> str:
    """Where the finding is taken from: the document by its title, section and original page."""
    document = SourceDocument(finding.evaluation.source_document).label
    where = finding.source_section
    if finding.page_reference:
        where = f"{where}; original report {finding.page_reference}"
    return f"{document}, {where}"


# --- Highlighting (escape first, then mark) -------------------------------------------


def highlight_words(text: str, words: list[str]) -> SafeString:
    """Escape `text`, wrapping case-insensitive matches of `words` in <mark>."""
    words = [w.strip('"') for w in words if w.strip('"')]
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def mark_headline(headline: str) -> SafeString:
    """Turn a PostgreSQL headline with our private markers into escaped HTML with <mark>."""
    escaped = str(escape(headline))
    start, end = str(escape(search.MARK_START)), str(escape(search.MARK_END))
    return mark_safe(  # noqa: S308 - the text was escaped before the markers were replaced
        escaped.replace(start, "<mark>").replace(end, "</mark>")
    )


def snippet_for(finding: Finding, query: str) -> SafeString:
    headline = getattr(finding, "headline", None)
    if headline:
        return mark_headline(headline)
    return highlight_words(finding.statement, search.query_words(query))


# --- Result rows ------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    snippet: SafeString
    figures: str
    citation: str
    citations: list
    strength_label: str
    strength_tag: str
    self_reported: bool


def finding_row(finding: Finding, query: str = "") -> FindingRow:
    evaluation = finding.evaluation
    return FindingRow(
        finding=finding,
        snippet=snippet_for(finding, query) if query else escape(finding.statement),
        figures=format_figures(finding),
        citation=source_citation(finding),
        citations=list(finding.citations.all()),
        strength_label=evaluation.get_strength_display(),
        strength_tag=strength_tag_class(evaluation.strength),
        self_reported=evaluation.is_self_reported,
    )


def search_url(**facets: str) -> str:
    query = urlencode({k: v for k, v in facets.items() if v})
    return reverse("evidence:search") + (f"?{query}" if query else "")


# --- Citations --------------------------------------------------------------------------


def _authors(evaluation: Evaluation) -> str:
    return evaluation.evaluator


def citation_text(evaluation: Evaluation) -> str:
    year = f" ({evaluation.year})" if evaluation.year else " (n.d.)"
    parts = [f"{_authors(evaluation)}{year}. {evaluation.title}."]
    if evaluation.publisher:
        parts.append(f"{evaluation.publisher}.")
    if evaluation.url:
        parts.append(f"Available at: {evaluation.url}.")
    return " ".join(parts)


def _bibtex_escape(value: str) -> str:
    return re.sub(r"([{}\\%&$#_^~])", r"\\\1", value)


def citation_bibtex(evaluation: Evaluation) -> str:
    entry_type = "techreport" if evaluation.kind != Evaluation.Kind.REVIEW else "misc"
    fields = [("title", evaluation.title), ("author", evaluation.evaluator)]
    if evaluation.year:
        fields.append(("year", str(evaluation.year)))
    if evaluation.publisher:
        fields.append(("institution", evaluation.publisher))
    if evaluation.url:
        fields.append(("url", evaluation.url))
    fields.append(("note", f"{evaluation.get_kind_display()}; {evaluation.get_design_display()}"))
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields)
    key = re.sub(r"[^A-Za-z0-9]+", "-", evaluation.slug)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def citation_ris(evaluation: Evaluation) -> str:
    lines = [_ris_line("TY", "RPRT"), _ris_line("TI", evaluation.title)]
    lines.append(_ris_line("AU", evaluation.evaluator))
    if evaluation.year:
        lines.append(_ris_line("PY", str(evaluation.year)))
    if evaluation.publisher:
        lines.append(_ris_line("PB", evaluation.publisher))
    if evaluation.url:
        lines.append(_ris_line("UR", evaluation.url))
    lines.append(
        _ris_line("N1", f"{evaluation.get_kind_display()}; {evaluation.get_design_display()}")
    )
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


DIRECTION_LABELS = dict(Direction.choices)


def proposal_answer_rows(form, change_url: str) -> list[dict]:
    """A proposal's answers as GOV.UK summary-list rows, each with its Change link."""
    rows = []
    for bound in [*form.finding_fields, form["cite_source"], form["cite_locator"]]:
        value = form.cleaned_data.get(bound.name)
        if value is None or value == "":
            text = "Not given"
        elif hasattr(bound.field, "choices") and not hasattr(value, "pk"):
            text = str(dict(bound.field.choices).get(value, value))
        else:
            text = str(value)
        label = str(bound.label)
        rows.append(
            {
                "key": {"text": label},
                "value": {"text": text},
                "actions": {
                    "items": [
                        {
                            "href": f"{change_url}#{bound.auto_id}",
                            "text": "Change",
                            "visuallyHiddenText": label.lower(),
                        }
                    ]
                },
            }
        )
    return rows

"""Reading a CSV of returned figures (docs/kpi-ingest.md, "Returned figures")."""

import io

from kpi.ingest.checks import ProblemLog
from kpi.ingest.parsing import open_csv, sniff_format
from kpi.ingest.table import FileRejected, Problem
from kpi.measures.returned import BY_KEY
from kpi.returns.figures import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    MAX_TEXT,
    UNKNOWN_MEASURE,
    Figure,
    FigureError,
    error_problem,
    read_people,
    read_value,
)


def parse_aggregate_csv(content: bytes) -> tuple[list[Figure], list[Problem]]:
    """`measure,value[,people]` rows, read as a cohort file's CSV is (kpi.ingest.parsing.open_csv:
    UTF-8 with or without BOM, or Windows-1252; RFC 4180 quoting) and checked against the
    limits above. Every problem is reported with its row, column and value."""
    if len(content) > MAX_BYTES:
        return [], [
            error_problem(
                None,
                "",
                f"{len(content):,} bytes",
                "The file is larger than 1 MB; a return of figures is a few rows.",
            )
        ]
    try:
        if sniff_format(content[:8], "figures.csv") != "csv":
            return [], [
                error_problem(
                    None,
                    "",
                    "",
                    "This is an Excel workbook. Save the figures as CSV (CSV UTF-8) and "
                    "upload that.",
                )
            ]
        table = open_csv(io.BytesIO(content))
    except FileRejected as rejected:
        return [], [rejected.problem]
    log = ProblemLog()
    header = [cell.strip().casefold() for cell in table.header]
    _check_header(header, table.header, log)
    if log.error_count:
        return [], log.errors
    figures: list[Figure] = []
    first_rows: dict[str, int] = {}
    try:
        for number, cells in table.rows:
            if number - 1 > MAX_ROWS:
                log.error(
                    number,
                    "",
                    "",
                    f"The file has more than {MAX_ROWS} rows of figures; a return has one "
                    "row per measure.",
                )
                break
            name, figure = _read_row(number, cells, header, log)
            if name in first_rows:
                log.error(
                    number,
                    "measure",
                    name,
                    f"This measure is given twice: row {first_rows[name]} gives it too.",
                )
                continue
            if name in BY_KEY:
                first_rows[name] = number
            if figure is not None:
                figures.append(figure)
    except FileRejected as rejected:
        log.add(rejected.problem)
    if log.error_count:
        return figures, log.errors
    if not figures:
        return [], [error_problem(2, "", "", "The file has a header row but no figures.")]
    return figures, []


def _check_header(header: list[str], given: list[str], log: ProblemLog) -> None:
    for position, name in enumerate(header):
        if name not in COLUMNS:
            log.error(
                1,
                given[position],
                given[position],
                "This column is not one of measure, value and people.",
            )
        elif header.index(name) != position:
            log.error(1, given[position], given[position], "This column appears twice.")
    for name in ("measure", "value"):
        if name not in header:
            log.error(1, name, "", f"The header row has no '{name}' column.")


def _read_row(
    number: int, cells: list[str], header: list[str], log: ProblemLog
) -> tuple[str, Figure | None]:
    """One row's measure name and figure; no figure after logging the row's problems (or
    for a blank row)."""
    cells = [cell.strip() for cell in cells]
    if not any(cells):
        return "", None
    if len(cells) > len(header) and any(cells[len(header) :]):
        log.error(
            number,
            "",
            ",".join(cells[len(header) :]),
            "This row has more cells than the header row has columns.",
        )
        return "", None
    record = dict(zip(header, cells, strict=False))
    for column, text in record.items():
        if len(text) > MAX_TEXT:
            log.error(number, column, text, f"This is longer than {MAX_TEXT} characters.")
            return "", None
    errors = log.error_count
    name = record.get("measure", "")
    measure = BY_KEY.get(name)
    if measure is None:
        log.error(number, "measure", name, UNKNOWN_MEASURE if name else "Enter the measure.")
    value = people = None
    text = record.get("value", "")
    if measure is not None:
        try:
            value = read_value(measure, text)
        except FigureError as error:
            log.error(number, "value", text, f"{error}.")
    if record.get("people"):
        if measure is not None and not measure.asks_for_people:
            log.error(
                number,
                "people",
                record["people"],
                f"{measure.label} rests on itself, not on a number of people: leave people empty.",
            )
        else:
            try:
                people = read_people(record["people"])
            except FigureError as error:
                log.error(number, "people", record["people"], f"{error}.")
    if log.error_count > errors or value is None:  # no value without an error logged
        return name, None
    return name, Figure(name, value, people)

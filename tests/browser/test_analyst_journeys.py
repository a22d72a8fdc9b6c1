"""Journeys of an analyst who works with the KPI figures (issue 23), in real Chromium, every
page checked by axe:

- they create an API token on their account page and run the guide's curl commands
  (docs/api.md, as written) with it;
- a dashboard over four quarters, its tables and charts checked against the values API;
- a file with errors in several rows and columns gets a report sorted by row, then column,
  each with its spreadsheet column letter.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_journeys import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

ANALYST = "analyst@bracknell-forest.example.org"
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
QUARTERS = ["2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"]


def given_bracknell_with_quarters(*quarters: str, families: int = 30) -> None:
    """Bracknell Forest runs Family Safeguarding and has a generated return accepted for
    each quarter (small enough that the public sees some figures suppressed)."""
    from kpi.generator import CohortGenerator, write_csv
    from kpi.quarters import Quarter
    from kpi.services.imports import import_submission
    from kpi.services.toolkit import ensure_cohorts, load_definitions
    from models_registry.models import LocalAuthority
    from tests.factories import LocalAuthorityFactory

    bracknell = LocalAuthorityFactory(slug="bracknell-forest", name="Bracknell Forest")
    load_definitions()
    ensure_cohorts(authority=bracknell)
    for number, quarter in enumerate(quarters):
        rows = CohortGenerator(
            authority_slug="bracknell-forest",
            quarter=Quarter.parse(quarter),
            families=families,
            seed=20 + number,
        ).rows()
        text = io.StringIO()
        write_csv(rows, text)
        content = io.BytesIO(text.getvalue().encode())
        content.name = f"bracknell-{quarter}.csv"
        authority = LocalAuthority.objects.get(slug="bracknell-forest")
        report = import_submission(authority=authority, quarter=quarter, file=content, user=None)
        assert report.outcome == "accepted", report.message


def given_an_analyst() -> None:
    from models_registry.models import LocalAuthority
    from tests.factories import UserFactory

    bracknell = LocalAuthority.objects.get(slug="bracknell-forest")
    UserFactory(email=ANALYST, role="authority_analyst", authority=bracknell)


def when_they_sign_in(page: Page, live_server, next_url: str) -> None:
    page.goto(f"{live_server.url}/accounts/sign-in/?next={next_url}")
    assert_accessible(page)
    page.get_by_label("Email address").fill(ANALYST)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def api_values(live_server, query: str, token: str | None = None) -> list[dict]:
    """Every row of the values API for the query, following `next`."""
    url: str | None = f"{live_server.url}/api/v1/kpi/values/?{query}&page_size=1000"
    headers = {"Authorization": f"Token {token}"} if token else {}
    rows: list[dict] = []
    while url:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            page = json.load(response)
        rows += page["results"]
        url = page["next"]
    return rows


# --- A token from the account page, and the guide's curl commands --------------------------


def guide_command(pattern: str) -> str:
    """The one curl command of docs/api.md that matches, exactly as written there."""
    commands = [
        line
        for line in GUIDE.read_text().splitlines()
        if line.startswith("curl ") and re.search(pattern, line)
    ]
    assert len(commands) == 1, commands
    return commands[0]


def run_as_written(command: str, live_server, token: str = "") -> str:
    curl = shutil.which("curl")
    assert curl is not None, "curl is not installed"
    environment = {"PATH": str(Path(curl).parent), "PORTAL": live_server.url, "TOKEN": token}
    result = subprocess.run(  # the guide's own command, run as a reader would
        ["/bin/sh", "-c", command],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, (command, result.stdout, result.stderr)
    return result.stdout


def when_they_create_a_token_on_their_account_page(page: Page) -> str:
    expect(page.get_by_role("heading", name="API token")).to_be_visible()
    expect(page.get_by_role("link", name="API guide")).to_be_visible()
    page.get_by_role("button", name="Create an API token").click()
    expect(page.get_by_role("heading", name="API token created")).to_be_visible()
    expect(page.get_by_text("Authorization: Token <your token>")).to_be_visible()
    assert_accessible(page)
    return page.locator("#api-token-key").inner_text().strip()


def then_the_guides_token_command_gives_them_every_figure(live_server, token: str) -> None:
    command = guide_command(r"Token \$TOKEN.*kpi/values/")
    body = json.loads(run_as_written(command, live_server, token))
    rows = body["results"]
    assert rows, command
    assert {row["la"] for row in rows} == {"bracknell-forest"}
    assert {row["cohort"] for row in rows} == {"1"}
    # Their own authority's figures, small ones included: nothing is hidden from them.
    assert not any(row["suppressed"] for row in rows)
    public = api_values(live_server, "la=bracknell-forest&cohort=1")
    assert any(row["suppressed"] for row in public), "the public sees some figures hidden"
    with_token = {(r["quarter"], r["measure"]): r["value"] for r in rows}
    for row in public:
        if not row["suppressed"]:
            assert with_token[(row["quarter"], row["measure"])] == row["value"]


def then_the_guides_csv_command_gives_a_table(live_server) -> None:
    command = guide_command(r"text/csv.*kpi/values/")
    rows = list(csv.DictReader(io.StringIO(run_as_written(command, live_server))))
    assert rows
    assert {row["la"] for row in rows} == {"bracknell-forest"}
    assert {row["measure"] for row in rows} == {"cp_plans_active"}
    assert {"la_name", "quarter", "value", "suppressed", "is_synthetic"} <= set(rows[0])


def test_analyst_gets_a_token_and_runs_the_guides_curl_commands(page: Page, live_server):
    given_bracknell_with_quarters("2018-Q1", families=12)
    given_an_analyst()
    when_they_sign_in(page, live_server, "/accounts/")
    token = when_they_create_a_token_on_their_account_page(page)
    screenshot(page, "analyst-token-for-curl")
    then_the_guides_token_command_gives_them_every_figure(live_server, token)
    then_the_guides_csv_command_gives_a_table(live_server)


# --- A dashboard over four quarters against the API -----------------------------------------

READ_DASHBOARD = """() => {
  const tables = {};
  for (const table of document.querySelectorAll("main table")) {
    const caption = table.querySelector("caption").textContent.trim();
    const heads = [...table.querySelectorAll("thead th")].slice(1)
      .map((th) => th.firstChild.textContent.trim());
    const rows = {};
    for (const tr of table.querySelectorAll("tbody tr")) {
      rows[tr.querySelector("th").textContent.trim()] =
        [...tr.querySelectorAll("td")].map((td) => td.textContent.trim());
    }
    tables[caption] = {heads, rows};
  }
  const charts = {};
  for (const figure of document.querySelectorAll("main figure")) {
    charts[figure.querySelector("figcaption").textContent.trim()] = {
      points: figure.querySelectorAll("svg circle").length,
      lines: figure.querySelectorAll("svg polyline").length,
    };
  }
  return {tables, charts};
}"""


NO_DATA = "no data–"


def figure_shown(row: dict) -> str:
    """How the dashboard writes an API row's figure: "c" when suppressed, a dash (read out
    as "no data") when there is none, else thousands separated, to the measure's decimals."""
    if row["suppressed"]:
        return "c"
    if row["value"] is None:
        return NO_DATA
    return f"{float(row['value']):,.{row['decimals']}f}"


def then_every_table_and_chart_agrees_with_the_api(page: Page, live_server) -> None:
    from kpi.quarters import Quarter

    shown = page.evaluate(READ_DASHBOARD)
    rows = api_values(live_server, "la=bracknell-forest&cohort=all")
    assert {row["quarter"] for row in rows} == set(QUARTERS)
    labels = [Quarter.parse(quarter).label for quarter in QUARTERS]
    by_measure: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_measure.setdefault(row["measure_label"], {})[row["quarter"]] = row
    checked = 0
    for caption, table in shown["tables"].items():
        if not caption.endswith(" by quarter, all cohorts"):
            continue  # the before-and-since table, whose figures are these too
        assert table["heads"] == labels, caption
        for label, cells in table["rows"].items():
            api = by_measure[label]
            assert cells == [figure_shown(api[q]) if q in api else NO_DATA for q in QUARTERS], label
            # One chart per measure: a point for each quarter with a figure, none for "c".
            plotted = [
                q for q in QUARTERS if q in api and figure_shown(api[q]) not in (NO_DATA, "c")
            ]
            assert shown["charts"][label]["points"] == len(plotted), label
            assert shown["charts"][label]["lines"] >= (1 if len(plotted) > 1 else 0), label
            checked += 1
    assert checked == len(by_measure)  # every measure the API has, in a table and a chart
    assert any(
        cell == "c"
        for table in shown["tables"].values()
        for r in table["rows"].values()
        for cell in r
    )


def test_dashboard_over_four_quarters_matches_the_values_api(page: Page, live_server):
    given_bracknell_with_quarters(*QUARTERS)
    page.goto(live_server.url + "/kpi/authorities/bracknell-forest/")
    expect(page.get_by_role("heading", name="Bracknell Forest", level=1)).to_be_visible()
    table = page.get_by_role("table", name="Indicator 1 by quarter, all cohorts")
    expect(table.get_by_role("columnheader", name="Oct–Dec 2018")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "kpi-dashboard-four-quarters")
    then_every_table_and_chart_agrees_with_the_api(page, live_server)


# --- The error report, sorted by row then column --------------------------------------------

# (spreadsheet row, column letter, header, bad value), written into the file out of order.
MISTAKES = [
    (6, "O", "No. Previous Referrals", "many"),
    (3, "L", "Referral Start Date", "31/02/2018"),
    (6, "D", "Age", "old"),
    (4, "O", "No. Previous Referrals", "several"),
    (3, "D", "Age", "young"),
]


def a_file_with_mistakes(tmp_path) -> str:
    from kpi.generator import CohortGenerator, write_csv
    from kpi.quarters import Quarter

    rows = CohortGenerator(
        authority_slug="bracknell-forest", quarter=Quarter.parse("2018-Q1"), families=6, seed=5
    ).rows()
    text = io.StringIO()
    write_csv(rows, text)
    table = list(csv.reader(io.StringIO(text.getvalue())))
    for row, _, header, value in MISTAKES:
        table[row - 1][table[0].index(header)] = value
    path = tmp_path / "bracknell-2018-Q1-with-mistakes.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(table)
    return str(path)


def test_error_report_is_sorted_by_row_then_column_with_column_letters(
    page: Page, live_server, tmp_path
):
    given_bracknell_with_quarters()
    given_an_analyst()
    when_they_sign_in(page, live_server, "/kpi/submissions/upload/")
    page.get_by_label("Quarter").fill("2018-Q1")
    page.get_by_label("Cohort file").set_input_files(a_file_with_mistakes(tmp_path))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("Rejected").first).to_be_visible(timeout=30_000)
    assert_accessible(page)
    page.get_by_role("link", name="report").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "kpi-error-report-sorted")
    table = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Row"))
    lines = [
        (int(cells[1]), cells[2], cells[3])
        for cells in (
            [cell.strip() for cell in row.locator("td").all_inner_texts()]
            for row in table.first.locator("tbody tr").all()
        )
        if cells[0] == "Error" and cells[1].isdigit()
    ]
    expected = sorted((row, letter, value) for row, letter, _, value in MISTAKES)
    assert [(row, column.split(":")[0], value) for row, column, value in lines] == expected
    for (_, column, _), (_, _, header, _) in zip(
        lines, sorted(MISTAKES, key=lambda m: (m[0], m[1])), strict=True
    ):
        assert column.endswith(header), column

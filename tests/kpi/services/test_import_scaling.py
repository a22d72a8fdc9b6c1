"""The import's database work grows in proportion to the file, measured without a clock.

SQLite calls a progress handler every so many virtual-machine instructions, so the count
of calls is the work the database did, the same on a loaded machine as on an idle one.
A statement planned as a loop inside a loop (each person's rows probed once for every
plan of the file) shows as work growing with the square of the file.
"""

import pytest
from django.db import connection

from tests.kpi.services.test_import import generated_csv

pytestmark = pytest.mark.sqlite_only

STEP = 1_000  # instructions per call of the handler


def database_work(upload, content: bytes, quarter: str) -> int:
    calls = 0

    def count() -> int:
        nonlocal calls
        calls += 1
        return 0  # carry on

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, STEP)
    try:
        report = upload(content, quarter=quarter)
    finally:
        connection.connection.set_progress_handler(None, STEP)
    assert report.outcome == "accepted", report.errors[:3]
    return calls


def test_sqlite_import_work_grows_in_proportion_to_the_file(upload):
    small = generated_csv("bracknell-forest", "2018-Q1", families=150, seed=11)
    large = generated_csv("bracknell-forest", "2018-Q2", families=600, seed=11)

    small_work = database_work(upload, small, "2018-Q1")
    large_work = database_work(upload, large, "2018-Q2")

    # Four times the families: about four times the work (sorting adds a little); a
    # quadratic plan gives sixteen.
    assert large_work < 6 * small_work, (small_work, large_work)

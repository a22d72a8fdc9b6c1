"""Which of an import's statements run inside a transaction (kpi.services.imports.run_import).

SQLite has one write lock, held by any transaction that writes (and, with IMMEDIATE
transactions, from its first statement). So on SQLite the file is read, checked and
staged outside any transaction, and only storing it is one; progress is written as it
goes. On PostgreSQL the whole import is one transaction and blocks nobody.
"""

import pytest
from django.db import connection

from tests.kpi.services.test_import import generated_csv

pytestmark = pytest.mark.django_db(transaction=True)


def statements_of(upload, content: bytes) -> list[tuple[str, bool]]:
    """(SQL, whether it ran inside a transaction) for each statement of one import."""
    seen = []

    def record(execute, sql, params, many, context):
        seen.append((sql, connection.in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        report = upload(content)
    assert report.outcome == "accepted", report.errors[:3]
    return seen


@pytest.mark.sqlite_only
def test_sqlite_import_checks_outside_a_transaction_and_stores_in_one(upload):
    # ~2,300 rows: progress is written every 2,000
    content = generated_csv("bracknell-forest", "2018-Q1", families=600, seed=5)

    statements = statements_of(upload, content)

    first_store = next(
        n for n, (sql, _) in enumerate(statements) if sql.startswith("INSERT INTO kpi_family")
    )
    last_store = max(
        n for n, (sql, _) in enumerate(statements) if "kpi_indicatorvalue" in sql.lower()
    )
    checking = statements[:first_store]
    storing = statements[first_store : last_store + 1]
    assert any("kpi_import_stage" in sql for sql, _ in checking)
    assert not any(in_transaction for _, in_transaction in checking)
    assert all(in_transaction for _, in_transaction in storing)
    progress = [in_transaction for sql, in_transaction in checking if "SET rows_processed" in sql]
    assert progress == [False]  # written where the submission's page can see it at once


@pytest.mark.postgres_only
def test_postgresql_import_is_one_transaction(upload):
    content = generated_csv("bracknell-forest", "2018-Q1", families=40, seed=5)

    statements = statements_of(upload, content)

    staged = [n for n, (sql, _) in enumerate(statements) if "kpi_import_stage" in sql]
    stored = [n for n, (sql, _) in enumerate(statements) if "kpi_indicatorvalue" in sql.lower()]
    assert all(in_transaction for _, in_transaction in statements[staged[0] : stored[-1] + 1])

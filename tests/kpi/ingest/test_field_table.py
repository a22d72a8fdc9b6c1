"""The toolkit's field table (kpi/definitions.py, FIELDS) is the one source of every
column a cohort file may have (kpi/ingest/columns.py) and of the labels of the
record-level model fields that store one (kpi/models/records.py): the three agree, and
neither of the others writes a field's code or name out itself."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

from kpi.definitions import FIELDS
from kpi.ingest.columns import COLUMNS

TOOLKIT = {(field.code, field.name) for field in FIELDS if field.input_column}
RECORD_MODELS = [
    apps.get_model("kpi", name)
    for name in (
        "Person",
        "Referral",
        "CPPlan",
        "PreviousCPPlan",
        "PeriodOfCare",
        "QuarterMeasures",
    )
]


@pytest.mark.parametrize("column", COLUMNS, ids=lambda column: column.attr)
def test_every_column_is_a_field_of_the_toolkit_table(column):
    assert (column.code, column.name) in TOOLKIT


def test_every_input_field_of_the_toolkit_table_is_a_column():
    assert {(column.code, column.name) for column in COLUMNS} == TOOLKIT


def model_labels() -> dict[str, str]:
    """Each record model field named after a column, with its label."""
    attrs = {column.attr for column in COLUMNS}
    return {
        field.name: str(field.verbose_name)
        for model in RECORD_MODELS
        for field in model._meta.get_fields()
        if field.name in attrs and hasattr(field, "verbose_name")
    }


# A family's cohort is worked out from its start date (kpi-spec §1); the person's R05 is
# kept only as the authority wrote it, and its label says so.
AS_GIVEN = {"cohort_name": " (as given)"}


def test_model_field_labels_are_the_columns_labels():
    labels = model_labels()
    by_attr = {column.attr: column for column in COLUMNS}
    assert len(labels) > 50, "the record models name too few fields after columns"
    expected = {attr: by_attr[attr].label + AS_GIVEN.get(attr, "") for attr in labels}
    assert expected == labels


def string_literals(module: str) -> set[str]:
    source = (Path(__file__).resolve().parents[3] / module).read_text(encoding="utf-8")
    return {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


@pytest.mark.parametrize("module", ["kpi/ingest/columns.py", "kpi/models/records.py"])
def test_columns_and_record_models_take_codes_and_names_from_the_table(module):
    names = {name for _code, name in TOOLKIT}
    labels = {f"{code} {name}" for code, name in TOOLKIT if code}
    written_out = {
        text for text in string_literals(module) if text in names or text.split(" (")[0] in labels
    }
    assert not written_out

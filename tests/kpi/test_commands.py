"""generate_cohort, import_cohort and the region loader."""

import hashlib

import pytest
from django.core.management import CommandError, call_command

from kpi.models import Cohort, FieldDefinition, IndicatorDefinition, Person, Submission
from tests.kpi.conftest import FILES


def generate(tmp_path, name="cohort.csv", **options) -> str:
    out = str(tmp_path / name)
    arguments = {"la": "bracknell-forest", "quarter": "2018-Q1", "families": 40, "seed": 7}
    arguments.update(options)
    call_command("generate_cohort", out=out, **arguments)
    return out


def sha(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_generator_is_deterministic(tmp_path):
    first = generate(tmp_path, "a.csv")
    second = generate(tmp_path, "b.csv")
    other_seed = generate(tmp_path, "c.csv", seed=8)

    assert sha(first) == sha(second)
    assert sha(first) != sha(other_seed)


def test_generated_csv_imports_with_realistic_shape(tmp_path, fs_bracknell, capsys):
    path = generate(tmp_path, families=400)

    call_command("import_cohort", path, la="bracknell-forest", quarter="2018-Q1")

    submission = Submission.objects.current().get()
    assert submission.family_count == 400
    people_per_family = submission.person_count / submission.family_count
    assert 2.5 < people_per_family < 5.5
    families_with_care = (
        Person.objects.filter(care_periods__isnull=False, uasc=False)
        .values("family")
        .distinct()
        .count()
    )
    assert 0.06 < families_with_care / 400 < 0.2
    assert submission.cp_plan_count > 100
    assert "Accepted" in capsys.readouterr().out


def test_generated_xlsx_imports(tmp_path, fs_bracknell):
    path = generate(tmp_path, "cohort.xlsx", families=30, format="xlsx")

    call_command("import_cohort", path, la="bracknell-forest", quarter="2018-Q1")

    assert Submission.objects.current().get().file_format == "xlsx"


def test_generator_refuses_a_quarter_before_the_first_cohort(tmp_path):
    with pytest.raises(CommandError, match="first starts 1 Oct 2017"):
        generate(tmp_path, quarter="2017-Q2")


def test_import_exits_zero_when_accepted_and_when_byte_identical(tmp_path, fs_bracknell, capsys):
    path = str(FILES / "valid_small.csv")

    call_command("import_cohort", path, la="bracknell-forest", quarter="2018-Q1")
    call_command("import_cohort", path, la="bracknell-forest", quarter="2018-Q1")

    assert "nothing has changed" in capsys.readouterr().out
    assert Submission.objects.count() == 1


def test_import_exits_non_zero_and_prints_row_column_and_value(fs_bracknell, capsys):
    with pytest.raises(SystemExit) as exited:
        call_command(
            "import_cohort",
            str(FILES / "rule_age_out_of_range.csv"),
            la="bracknell-forest",
            quarter="2018-Q1",
        )

    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "row 2, column D04 Age, value '121': This should be a whole number from 0 to 120." in out


def test_import_refuses_an_unknown_authority(fs_bracknell):
    with pytest.raises(CommandError, match="No local authority"):
        call_command(
            "import_cohort", str(FILES / "valid_small.csv"), la="nowhere", quarter="2018-Q1"
        )


def test_import_refuses_a_missing_file(fs_bracknell):
    with pytest.raises(CommandError, match="Cannot open"):
        call_command("import_cohort", "/nonexistent.csv", la="bracknell-forest", quarter="2018-Q1")


def test_region_load_is_idempotent_and_marks_data_synthetic(fs_bracknell, surrey):
    from kpi.services import loader as region_loader

    region_loader.load()
    counts = (Submission.objects.count(), Person.objects.count(), Cohort.objects.count())
    region_loader.load()

    assert (Submission.objects.count(), Person.objects.count(), Cohort.objects.count()) == counts
    assert IndicatorDefinition.objects.count() == 20
    assert FieldDefinition.objects.filter(input_column=True).count() == 66
    assert Submission.objects.current().count() == 4
    assert not Submission.objects.filter(is_synthetic=False).exists()
    assert Cohort.objects.filter(authority=surrey).count() == 6


def test_toolkit_duplicates_are_resolved(fs_bracknell):
    from kpi.services.toolkit import load_definitions

    load_definitions()

    assert FieldDefinition.objects.filter(code="R13").count() == 1
    assert FieldDefinition.objects.get(key="TEAM").code == ""
    assert FieldDefinition.objects.filter(code="I66").count() == 2
    assert FieldDefinition.objects.filter(code="I66", input_column=True).get().key == "I66"
    assert IndicatorDefinition.objects.get(number=15).fields.count() == 6

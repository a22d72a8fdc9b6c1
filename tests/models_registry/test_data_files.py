"""The registry's data files are validated on load: each problem names file, line and field,
and nothing is written."""

import shutil
from pathlib import Path

import pytest

from models_registry import region_data
from models_registry.models import LocalAuthority
from sources.datafiles import DataFileInvalid

pytestmark = pytest.mark.django_db

ADOPTION = """
[[adoption]]
authority = "surrey"
model = "family-safeguarding"
role = "only_or_primary"
{extra}
"""


@pytest.fixture
def data_dir(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(region_data.DATA_DIR, target)
    return target


def _append(data_dir: Path, text: str) -> int:
    """Append an adoption to adoptions.toml; return the line number of its header."""
    path = data_dir / "adoptions.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines) + "\n" + text, encoding="utf-8")
    return len(lines) + 2


def _errors(data_dir: Path) -> list[tuple[str, int, str, str]]:
    with pytest.raises(DataFileInvalid) as caught:
        region_data.load(data_dir=data_dir)
    assert not LocalAuthority.objects.exists()
    return [(e.path.name, e.line, e.field, e.message) for e in caught.value.errors]


def test_the_real_files_are_valid():
    tables = region_data.read_tables()
    assert len(tables["adoption"]) > 50


def test_a_fact_without_a_citation_fails_with_file_line_and_field(data_dir):
    header = _append(data_dir, ADOPTION.format(extra=""))
    [(name, line, field, message)] = _errors(data_dir)
    assert (name, line, field) == ("adoptions.toml", header, "cite")
    assert "citation" in message


def test_a_citation_to_an_unknown_source_fails(data_dir):
    header = _append(
        data_dir, ADOPTION.format(extra='cite = [{ source = "seed-001", at = "§1.2.1" }]')
    )
    [(name, line, field, message)] = _errors(data_dir)
    assert (name, line, field) == ("adoptions.toml", header + 4, "cite")
    assert "unknown source 'seed-001'" in message


def test_a_citation_with_a_bad_locator_fails(data_dir):
    _append(
        data_dir,
        ADOPTION.format(
            extra='cite = [{ source = "seslip-models-of-social-work-practice-2020", '
            'at = "somewhere" }]'
        ),
    )
    [(_, _, field, message)] = _errors(data_dir)
    assert field == "cite"
    assert "locator 'somewhere'" in message


def test_a_date_finer_than_its_precision_fails(data_dir):
    header = _append(
        data_dir,
        ADOPTION.format(
            extra='as_at = "2019-11-30"\nas_at_precision = "season"\n'
            'cite = [{ source = "seslip-models-of-social-work-practice-2020", at = "§1.2.1" }]'
        ),
    )
    [(name, line, field, message)] = _errors(data_dir)
    assert (name, line, field) == ("adoptions.toml", header + 4, "as_at")
    assert "finer than its precision (season)" in message


def test_a_reference_to_a_missing_authority_fails(data_dir):
    header = _append(
        data_dir,
        ADOPTION.format(
            extra='cite = [{ source = "seslip-models-of-social-work-practice-2020", at = "§1" }]'
        ).replace('"surrey"', '"atlantis"'),
    )
    [(name, line, field, message)] = _errors(data_dir)
    assert (name, line, field) == ("adoptions.toml", header + 1, "authority")
    assert "atlantis" in message

"""Fixtures for the KPI tests: tasks run at once, a fixed key secret, a Family
Safeguarding authority with the toolkit's cohorts, and an upload helper."""

import io
from pathlib import Path

import pytest

FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def _kpi_settings(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.KPI_KEY_SECRET = "test-kpi-key-secret"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fs_bracknell(bracknell):
    from kpi.services.toolkit import ensure_cohorts

    ensure_cohorts(authority=bracknell)
    return bracknell


@pytest.fixture
def fs_surrey(surrey):
    from kpi.services.toolkit import ensure_cohorts

    ensure_cohorts(authority=surrey)
    return surrey


class NamedBytes(io.BytesIO):
    def __init__(self, content: bytes, name: str):
        super().__init__(content)
        self.name = name


def named(content: bytes, name: str = "cohort.csv") -> NamedBytes:
    return NamedBytes(content, name)


def file_bytes(name: str) -> bytes:
    return (FILES / name).read_bytes()


@pytest.fixture
def upload(fs_bracknell):
    """upload(content_or_filename, quarter=..., authority=..., name=...) -> ImportReport."""
    from kpi.services.imports import import_submission

    def run(content, *, quarter="2018-Q1", authority=None, name=None, user=None, **options):
        if isinstance(content, str):
            name = name or content
            content = file_bytes(content)
        return import_submission(
            authority=authority or fs_bracknell,
            quarter=quarter,
            file=named(content, name or "cohort.csv"),
            user=user,
            **options,
        )

    return run

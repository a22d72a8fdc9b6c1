"""The kinds of entry the regional team edits on its own pages, and what each needs: its
model, question page, the column its optimistic lock checks, whether its facts carry
citations, and where the public sees it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse

from evidence.models import Evaluation, Finding
from models_registry.models import PracticeModel, Theme
from regional import forms
from sources.models import Source


@dataclass(frozen=True)
class EntryKind:
    slug: str
    model: type[models.Model]
    form: type[forms.EntryForm]
    singular: str
    plural: str
    cited: bool
    public_url: Callable[[Any], str]
    #: What names an entry in lists and headings.
    label: Callable[[Any], str]
    ordering: tuple[str, ...]
    select_related: tuple[str, ...] = ()

    @property
    def list_url(self) -> str:
        return reverse(f"regional:{self.slug}-list")

    @property
    def new_url(self) -> str:
        return reverse(f"regional:{self.slug}-new")

    def url(self, view: str, entry: models.Model | None = None) -> str:
        if entry is None or entry.pk is None:
            return reverse(f"regional:{self.slug}-{view}")
        return reverse(f"regional:{self.slug}-{view}", kwargs={"pk": entry.pk})


KINDS: dict[str, EntryKind] = {
    kind.slug: kind
    for kind in (
        EntryKind(
            slug="models",
            model=PracticeModel,
            form=forms.PracticeModelForm,
            singular="practice model",
            plural="Practice models",
            cited=True,
            public_url=lambda entry: reverse("model-detail", kwargs={"slug": entry.slug}),
            label=str,
            ordering=("name",),
        ),
        EntryKind(
            slug="themes",
            model=Theme,
            form=forms.ThemeForm,
            singular="theme",
            plural="Common features and shared challenges",
            cited=True,
            public_url=lambda entry: reverse("theme-list") + f"#{entry.slug}",
            label=str,
            ordering=("kind", "position", "name"),
        ),
        EntryKind(
            slug="sources",
            model=Source,
            form=forms.SourceForm,
            singular="source",
            plural="Sources",
            cited=False,
            public_url=lambda entry: entry.get_absolute_url(),
            label=lambda entry: entry.display_title,
            ordering=("-is_portal_document", "title", "description"),
            select_related=("cited_in",),
        ),
        EntryKind(
            slug="evaluations",
            model=Evaluation,
            form=forms.EvaluationForm,
            singular="evaluation",
            plural="Evaluations",
            cited=True,
            public_url=lambda entry: entry.get_absolute_url(),
            label=lambda entry: entry.title,
            ordering=("title",),
        ),
        EntryKind(
            slug="findings",
            model=Finding,
            form=forms.FindingForm,
            singular="finding",
            plural="Findings",
            cited=True,
            public_url=lambda entry: entry.get_absolute_url(),
            label=lambda entry: f"{entry.key}: {entry}",
            ordering=("key",),
        ),
    )
}

"""The kinds of entry the regional team edits on its own pages (each an EntryKind: its
model, question page, whether its facts carry citations, and where the public sees it)."""

from django.urls import reverse

from evidence.models import Evaluation, Finding
from models_registry.models import PracticeModel, Theme
from regional import forms
from regional.entry_kind import EntryKind
from regional.kinds_events import EVENT_KINDS
from regional.kinds_meetings import MEETING_KINDS
from regional.kinds_taxonomies import TAXONOMY_KINDS
from sources.models import Source

__all__ = ["KINDS", "EntryKind"]

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
        *MEETING_KINDS,
    )
}
KINDS.update((kind.slug, kind) for kind in EVENT_KINDS)
KINDS.update((kind.slug, kind) for kind in TAXONOMY_KINDS)

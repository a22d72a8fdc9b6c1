"""The lists other entries are filed under, on the regional team's pages (issue 22: no
longer the admin site's): the theoretical underpinnings and practice tools practice models
name, the children's services an authority uses a model in, and the outcome domains
findings are filed under (the evidence map's columns). None is deleted here: practice
models, adoptions and findings refer to them."""

from urllib.parse import urlencode

from django.urls import reverse

from evidence.models import OutcomeDomain
from models_registry.models import PracticeTool, Service, Underpinning
from regional import forms_taxonomies as forms
from regional.entry_kind import EntryKind


def _models_filtered(parameter: str, entry: Underpinning | PracticeTool) -> str:
    """The public list of practice models, showing those that name the entry."""
    return f"{reverse('model-list')}?{urlencode({parameter: entry.slug})}"


TAXONOMY_KINDS: tuple[EntryKind, ...] = (
    EntryKind(
        slug="underpinnings",
        model=Underpinning,
        form=forms.UnderpinningForm,
        singular="theoretical underpinning",
        plural="Theoretical underpinnings",
        cited=True,
        public_url=lambda entry: _models_filtered("underpinning", entry),
        label=str,
        ordering=("name",),
    ),
    EntryKind(
        slug="practice-tools",
        model=PracticeTool,
        form=forms.PracticeToolForm,
        singular="practice tool",
        plural="Practice tools",
        cited=True,
        public_url=lambda entry: _models_filtered("tool", entry),
        label=str,
        ordering=("name",),
    ),
    EntryKind(
        slug="services",
        model=Service,
        form=forms.ServiceForm,
        singular="children's service",
        plural="Children's services",
        cited=False,
        # Shown only beside each use of a model, on the authority and practice model pages.
        public_url=None,
        label=str,
        ordering=("position", "name"),
    ),
    EntryKind(
        slug="outcome-domains",
        model=OutcomeDomain,
        form=forms.OutcomeDomainForm,
        singular="outcome domain",
        plural="Outcome domains",
        cited=False,
        public_url=lambda entry: reverse("evidence:map"),
        label=str,
        ordering=("position", "name"),
    ),
)

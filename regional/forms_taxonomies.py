"""The regional team's question pages for the lists other entries are filed under: the
registry's theoretical underpinnings and practice tools (cited, like the practice models
that name them), the children's services an authority uses a model in, and the evidence
library's outcome domains (issue 22: no longer the admin site's). A name already taken is
an error on the field, not a failed save."""

from django import forms
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models

from evidence.models import OutcomeDomain
from models_registry.models import PracticeTool, Service, Underpinning
from regional.forms import CitedEntryForm, EntryForm

ADDRESS_LABEL = "Name in web addresses"
#: What the name in web addresses may hold: "motivational-interviewing", not "MI_2".
ADDRESS_NAME = RegexValidator(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z", code="invalid")
#: The largest place in a list the column holds on PostgreSQL (a small integer); SQLite
#: would store more, so the form says so on both.
POSITION_MAX = 32_767
MESSAGES = {
    "name": {"required": "Enter the name"},
    "short_name": {"required": "Enter the short name"},
    "slug": {
        "required": "Enter the name in web addresses",
        "invalid": "Enter the name in web addresses in lower-case letters, numbers and hyphens",
    },
    "group": {"required": "Choose the group of outcomes it is in"},
    "position": {
        "required": "Enter a number",
        "invalid": "Enter a whole number",
        "min_value": "Enter a number of 0 or more",
        "max_value": f"Enter a number of {POSITION_MAX:,} or less",
    },
}


def address_hint(example: str) -> str:
    return f"Lower-case letters, numbers and hyphens, for example {example}."


class NamedEntryMixin:
    """The name and the name in web addresses are each one entry's only: one another entry
    has, in any mix of capitals, is an error on the field ("Systemic" and "systemic" would
    read as one in every list). Messages say what to do, in the words of the page."""

    _meta: forms.models.ModelFormOptions
    instance: models.Model
    fields: dict[str, forms.Field]
    #: The kind's singular with its article, for the messages ("an outcome domain").
    a_singular = "an entry"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, messages in MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages.update(messages)
        self.fields["slug"].validators.append(ADDRESS_NAME)
        position = self.fields.get("position")
        if position is not None and not any(
            isinstance(v, MaxValueValidator) for v in position.validators
        ):
            position.validators.append(MaxValueValidator(POSITION_MAX))

    def clean(self) -> dict:
        cleaned = super().clean()  # type: ignore[misc]  # ModelForm.clean, mixed in
        manager = self._meta.model._default_manager
        others = manager.exclude(pk=self.instance.pk) if self.instance.pk else manager.all()
        for name, taken in (
            ("name", f"There is already {self.a_singular} with this name"),
            ("slug", f"There is already {self.a_singular} with this name in web addresses"),
        ):
            value = cleaned.get(name)
            if value and others.filter(**{f"{name}__iexact": value}).exists():
                self.add_error(name, taken)  # type: ignore[attr-defined]  # ModelForm's
        return cleaned


class UnderpinningForm(NamedEntryMixin, CitedEntryForm):
    a_singular = "a theoretical underpinning"

    class Meta:
        model = Underpinning
        fields = ["name", "slug", "description"]
        labels = {"slug": ADDRESS_LABEL}
        help_texts = {
            "name": "For example, Systemic or Motivational interviewing.",
            "slug": address_hint("motivational-interviewing") + " The practice models list "
            "uses it to show the models built on this underpinning.",
            "description": "What it is and how the region's models use it, in a sentence or two.",
        }


class PracticeToolForm(NamedEntryMixin, CitedEntryForm):
    a_singular = "a practice tool"

    class Meta:
        model = PracticeTool
        fields = ["name", "slug", "description"]
        labels = {"slug": ADDRESS_LABEL}
        help_texts = {
            "name": "For example, My Three Houses.",
            "slug": address_hint("three-houses") + " The practice models list uses it to "
            "show the models that use this tool.",
            "description": "What the tool is for, in a sentence or two.",
        }


class ServiceForm(NamedEntryMixin, EntryForm):
    a_singular = "a children's service"

    class Meta:
        model = Service
        fields = ["name", "slug", "position"]
        labels = {"slug": ADDRESS_LABEL, "position": "Place in lists"}
        help_texts = {
            "name": "For example, Early help or Child protection (CP).",
            "slug": address_hint("early-help") + " The registry's data files and API name "
            "the service by it.",
            "position": "Services are listed from the lowest number up, for example early "
            "help (10) before the front door (20).",
        }


class OutcomeDomainForm(NamedEntryMixin, EntryForm):
    a_singular = "an outcome domain"

    class Meta:
        model = OutcomeDomain
        fields = ["name", "short_name", "slug", "group", "description", "position"]
        labels = {
            "short_name": "Short name",
            "slug": ADDRESS_LABEL,
            "group": "Which group of outcomes is it in?",
            "position": "Place on the evidence map",
        }
        help_texts = {
            "name": "For example, Children entering and spending time in care.",
            "short_name": "The column heading on the evidence map, for example Entering care.",
            "slug": address_hint("entering-care") + " Searches for findings on this outcome "
            "use it.",
            "description": "What findings filed under it are about.",
            "position": "The evidence map's columns run from the lowest number to the highest.",
        }
        widgets = {"group": forms.RadioSelect}

"""Find-by-name choices (issue 20): no choice list that grows with the data.

A field made with `FindByNameChoiceField` (one record), `FindByNameMultipleChoiceField`
(several) or, in a FilterSet, `FindByNameFilter` is drawn as today's GOV.UK select or
checkboxes while its records number at most `settings.FIND_BY_NAME_THRESHOLD`. Above that,
the page draws a plain text input instead (`seslip/templatetags/find_by_name.py`): the user
types a name, and the field matches it here, case-insensitively, to a record's name or
slug. Slugs in links (`?la=…`, `?models=…`) keep working either way. With JavaScript, the
input is enhanced with GOV.UK accessible-autocomplete, fed by `/find/<kind>/?q=…`
(`models_registry/find_views.py`, at most a few names a request).

Whether a list is short is read with one query of at most threshold + 1 rows, whose rows
are then the options: the page runs the same number of queries whatever the data size.
"""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.forms import BoundField
from django_filters import fields as filter_fields

FIND_BY_NAME_THRESHOLD_DEFAULT = 100


def threshold() -> int:
    return int(getattr(settings, "FIND_BY_NAME_THRESHOLD", FIND_BY_NAME_THRESHOLD_DEFAULT))


class FindByNameMixin:
    """Matches a typed name or slug (case-insensitive) to one record of the field's
    queryset. `noun` ("practice model") and `listed_at` (where the names are listed, with
    its address) make the error messages; `source` names the suggestions endpoint's kind."""

    def __init__(self, *args, noun: str, listed_at: str, source: str, **kwargs) -> None:
        self.noun = noun
        self.listed_at = listed_at
        self.source = source
        super().__init__(*args, **kwargs)

    def find(self, text: str) -> Model:
        text = str(text).strip()
        key = getattr(self, "to_field_name", None) or "pk"
        queryset: QuerySet = self.queryset  # type: ignore[attr-defined]  # a model choice field
        exact = list(queryset.filter(**{key: text})[:1])
        if exact:
            return exact[0]
        either = Q(name__iexact=text) | Q(**{f"{key}__iexact": text})
        # Longer than any name or key can be: nothing matches, and SQLite is not asked (its
        # LIKE, which iexact uses there, refuses a pattern of more than 50,000 bytes).
        fits = _may_be_stored(queryset.model, ("name", key), text)
        matches = list(queryset.filter(either)[:2]) if fits else []
        if len(matches) == 1:
            return matches[0]
        if len(list(queryset[: threshold() + 1])) <= threshold():
            # A short list is still drawn as options: its error stays the field's own.
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],  # type: ignore[attr-defined]
                code="invalid_choice",
                params={"value": text},
            )
        shown = text if len(text) <= 60 else text[:59] + "…"
        if matches:
            raise forms.ValidationError(
                "More than one %(noun)s matches “%(given)s”. Enter the full name as it is "
                "shown on %(listed_at)s",
                code="ambiguous_name",
                params={"noun": self.noun, "given": shown, "listed_at": self.listed_at},
            )
        raise forms.ValidationError(
            "No %(noun)s is called “%(given)s”. Check the spelling, or find the name on "
            "%(listed_at)s",
            code="unknown_name",
            params={"noun": self.noun, "given": shown, "listed_at": self.listed_at},
        )


def _may_be_stored(model: type[Model], names: tuple[str, ...], text: str) -> bool:
    """Whether `text` fits one of the named fields of `model` (a field without a length
    limit always may)."""
    limits = []
    for name in names:
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        limits.append(getattr(field, "max_length", None))
    return any(limit is None or len(text) <= limit for limit in limits)


class FindByNameChoiceField(FindByNameMixin, filter_fields.ModelChoiceField):
    """One record, chosen from a select or found by the name typed. (django-filter's
    ModelChoiceField: a plain one with a `null_label` option.)"""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.null_label is not None and value == self.null_value:
            return value
        return self.find(value)


class FindByNameMultipleChoiceField(FindByNameMixin, forms.ModelMultipleChoiceField):
    """Several records, ticked in checkboxes or each typed into its own text input. Blank
    inputs are ignored; slugs are looked up together, typed names one by one."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [item for item in value if str(item).strip()]
        return super().clean(value)

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        texts = [str(item).strip() for item in value]
        by_key = self.queryset.filter(**{f"{key}__in": texts})
        found = {str(getattr(record, key)): record for record in by_key}
        if all(text in found for text in texts):
            return by_key  # evaluated once, as Django's own check does
        chosen = [found[text].pk if text in found else self.find(text).pk for text in texts]
        return self.queryset.filter(pk__in=chosen)

    def matched(self, texts: list[str], records: list[Model]) -> list[Model]:
        """`records` (the cleaned value) in the order their names or slugs were typed."""
        key = self.to_field_name or "pk"
        ordered: list[Model] = []
        for text in texts:
            wanted = str(text).strip().lower()
            for record in records:
                names = {
                    str(getattr(record, key)).lower(),
                    str(getattr(record, "name", "")).lower(),
                }

                if wanted in names and record not in ordered:
                    ordered.append(record)
        return ordered


class FindByNameFilter(django_filters.ModelChoiceFilter):
    """A FilterSet's ModelChoiceFilter whose field is a FindByNameChoiceField."""

    field_class = FindByNameChoiceField


def is_find_by_name(bound_field: BoundField) -> bool:
    return isinstance(bound_field.field, FindByNameMixin)


def short_choices(bound_field: BoundField) -> list | None:
    """The field's choices when its records number at most the threshold (read with one
    query of at most threshold + 1 rows, remembered on the bound field); None when the
    page should draw a find-by-name text input instead."""
    if hasattr(bound_field, "_find_by_name_choices"):
        return bound_field._find_by_name_choices
    field = bound_field.field
    limit = threshold()
    records = list(field.queryset[: limit + 1])  # type: ignore[attr-defined]
    choices: list | None = None
    if len(records) <= limit:
        iterator = field.iterator(field)  # type: ignore[attr-defined]
        choices = []
        if field.empty_label is not None:  # type: ignore[attr-defined]
            choices.append(("", field.empty_label))  # type: ignore[attr-defined]
        if getattr(field, "null_label", None) is not None:
            choices.append((field.null_value, field.null_label))  # type: ignore[attr-defined]
        choices.extend(iterator.choice(record) for record in records)
    bound_field._find_by_name_choices = choices  # type: ignore[attr-defined]
    return choices


def typed_text(bound_field: BoundField) -> str:
    """What a single find-by-name input shows: the chosen record's name once the form has
    matched it (no query), otherwise the text as given."""
    form = bound_field.form
    cleaned = getattr(form, "cleaned_data", {}).get(bound_field.name)
    if isinstance(cleaned, Model) and bound_field.name not in form.errors:
        return str(getattr(cleaned, "name", cleaned))
    value = bound_field.value()
    return "" if value is None else str(value)

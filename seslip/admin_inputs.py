"""What the portal's admin site does with hostile input (issue 17, docs/input-limits.md).

Every list answers any query string: a date drill-down it cannot bound is Django's
`?e=1`, not a 500; a search longer than ADMIN_SEARCH_MAX characters is refused with a
message; a bulk action or a form on ids that cannot be rows (not whole numbers, beyond
the column's range) is refused instead of failing in a `pk__in` filter (500).
`AdminSiteGuardMixin` (seslip/admin_site.py) uses these on every admin class.
"""

from collections.abc import Iterable

from django import forms
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Field

# The same limit as every page's free-text filter (models_registry.filters.QUERY_TEXT_MAX).
ADMIN_SEARCH_MAX = 200


class BoundedDateHierarchyChangeList(ChangeList):
    """Django turns `?at__year=9999` (or a month or day at the end of year 9999, or a year
    too large for a date) into a date range whose end overflows, and the error escaped as a
    500. A range that cannot be built is a lookup the list cannot use: Django then
    redirects to `?e=1`, as it does for a month 13."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


def readable_ids(model_field: Field, values: Iterable[str]) -> list:
    """The values `model_field` (a related model's key) can hold: a whole number in the
    column's range for an id. Django's admin filters `<key>__in` with whatever was posted,
    and an id that is not one raised ValueError, or OverflowError on SQLite (a 500)."""
    readable = []
    for value in values:
        try:
            model_field.clean(value, None)
        except ValidationError:
            continue
        readable.append(value)
    return readable


def _key_of(remote_field):
    model = remote_field.model
    return model._meta.get_field(getattr(remote_field, "field_name", None) or model._meta.pk.name)


class ReadableAutocompleteMixin:
    """Django's autocomplete widget re-shows a refused form by looking up the posted ids:
    only those that can be ids are looked up (the form's own error says the rest is wrong)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, readable_ids(_key_of(self.field.remote_field), value), attr)


class ReadableAutocompleteSelect(ReadableAutocompleteMixin, AutocompleteSelect):
    pass


class ReadableAutocompleteSelectMultiple(ReadableAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class ReadableModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """An id no row can have is the field's "not one of the choices" error."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        for pk in value:
            if not readable_ids(key, [pk]):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)

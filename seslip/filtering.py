"""How every list of the portal, page or API, treats what it is asked to filter by (issue 23).

- A value a filter does not know (`la=bracknell`, `measure=nonsense`) is an error that
  names the values the filter accepts, or where they are listed: a field error and a 400
  on a page, a 400 in the API. It never answers "nothing matched".
- A query parameter that no filter of an API list knows (`/api/v1/adoptions/?la=…`) is a
  400 that lists the parameters the list accepts. Pages ignore unknown parameters, so
  links with tracking or stale parameters still open (docs/api.md, "Filters").

Every FilterSet of the portal derives from PortalFilterSet, and every API list filters
through StrictFilterBackend (REST_FRAMEWORK's DEFAULT_FILTER_BACKENDS).
"""

from typing import ClassVar

import django_filters
from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

# Longer lists of accepted values are not spelt out in an error; the filter names the
# page or API list where they are (PortalFilterSet.values_listed_at).
MOST_VALUES_LISTED = 30

# Parameters that every API list understands besides its filters.
API_FORMAT_PARAMETER = "format"


class PortalFilterSet(django_filters.FilterSet):
    """A FilterSet whose unknown-choice errors name the accepted values.

    Choices are read when they are checked, so those computed from the database (callable
    choices, model querysets) are current on every request."""

    values_listed_at: ClassVar[dict[str, str]] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._unknown_values_explained = False

    @property
    def errors(self):
        if not self._unknown_values_explained:
            self._unknown_values_explained = True
            explain_unknown_choices(self.form, self.values_listed_at)
        return self.form.errors


def explain_unknown_choices(form: forms.Form, values_listed_at: dict[str, str]) -> None:
    """Rewrite each "Select a valid choice" error of a bound form into one naming the
    values the field accepts (or where they are listed)."""
    errors = form.errors
    for name, problems in errors.as_data().items():
        if any(problem.code == "invalid_choice" for problem in problems):
            given = shortened(str(form.data.get(form.add_prefix(name), "")))
            message = unknown_value_message(
                name, given, accepted_values(form.fields[name]), values_listed_at.get(name)
            )
            # As a parameter, not the message itself: readers of the error (django-filter's
            # API errors, Django's own) format the message with its params, and the value
            # given may hold a "%".
            errors[name] = form.error_class(
                [
                    FormValidationError(
                        "%(message)s", code="invalid_choice", params={"message": message}
                    )
                ]
            )


def unknown_value_message(name: str, given: str, accepted: list[str], where: str | None) -> str:
    if len(accepted) > MOST_VALUES_LISTED and where:
        return f"“{given}” is not a value {name} accepts. The accepted values are at {where}."
    message = f"“{given}” is not a value {name} accepts. Accepted values: {', '.join(accepted)}."
    if where:
        message += f" They are also listed at {where}."
    return message


def shortened(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def accepted_values(field: forms.Field) -> list[str]:
    """The values a choice field accepts, as a caller writes them (slugs, keys)."""
    values: list[str] = []
    for value, label in field.choices:  # type: ignore[attr-defined]  # a choice field
        if isinstance(label, (list, tuple)):
            values.extend(str(inner) for inner, _ in label if inner not in ("", None))
        elif value not in ("", None):
            values.append(str(value))
    return values


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, with every FilterSet a PortalFilterSet and, on lists, a 400
    for query parameters that nothing reads."""

    filterset_base = PortalFilterSet

    def filter_queryset(self, request, queryset, view):
        if is_list(view):
            refuse_unknown_parameters(request, view, self.get_filterset_class(view, queryset))
        return super().filter_queryset(request, queryset, view)


def is_list(view: APIView) -> bool:
    # Viewsets name their action; a generics.ListAPIView has none and only lists.
    return getattr(view, "action", "list") == "list"


def known_parameters(
    view: APIView, filterset_class: type[django_filters.FilterSet] | None
) -> set[str]:
    known = {API_FORMAT_PARAMETER}
    if filterset_class is not None:
        known.update(filterset_class.base_filters)
    paginator = getattr(view, "paginator", None)
    for attribute in ("page_query_param", "page_size_query_param"):
        parameter = getattr(paginator, attribute, None)
        if parameter:
            known.add(parameter)
    return known


def refuse_unknown_parameters(
    request: Request, view: APIView, filterset_class: type[django_filters.FilterSet] | None
) -> None:
    known = known_parameters(view, filterset_class)
    unknown = sorted(set(request.query_params) - known)
    if not unknown:
        return
    accepted = ", ".join(sorted(known))
    raise ValidationError(
        {name: [f"This list has no parameter {name}. It accepts: {accepted}."] for name in unknown}
    )


def page_status(filterset: django_filters.FilterSet) -> int:
    """A filter page answers 400 while its filters hold a value they do not accept, so
    that a link or a script never mistakes the page for an empty result."""
    return 400 if filterset.is_bound and filterset.errors else 200

"""Suggestions for the find-by-name inputs (issue 20; seslip/find_by_name.py).

`/find/practice-models/?q=text` and `/find/authorities/?q=text` answer the first few names
containing the text, as JSON, for accessible-autocomplete to offer while someone types.
Public, like the lists the names come from; one query of at most MOST_NAMES rows,
whatever the data size."""

from django.db.models import Case, IntegerField, Model, Value, When
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from models_registry.models import LocalAuthority, PracticeModel

MOST_NAMES = 20
LONGEST_QUERY = 100


@require_GET
def practice_model_names(request: HttpRequest) -> JsonResponse:
    return _names(request, PracticeModel)


@require_GET
def authority_names(request: HttpRequest) -> JsonResponse:
    return _names(request, LocalAuthority)


def _names(request: HttpRequest, model: type[Model]) -> JsonResponse:
    text = (request.GET.get("q") or "").strip()[:LONGEST_QUERY]
    names: list[str] = []
    if text:
        starts_first = Case(
            When(name__istartswith=text, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        matching = model._default_manager.filter(name__icontains=text).order_by(
            starts_first, "name"
        )
        names = list(matching.values_list("name", flat=True)[:MOST_NAMES])
    return JsonResponse({"names": names})

"""Pages for the figures authorities return as aggregates (docs/kpi-specification.md §7).

Every page here is for people who see the figures as returned, small numbers included:
all are sent `never_cache` (no-store, private), so no browser or proxy keeps a copy."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import permissions as access
from accounts.models import AnyUser
from kpi.measures.returned import BY_KEY
from kpi.models import AggregateReturn
from kpi.permissions import can_upload, upload_authorities
from kpi.returns.forms import AggregateForm, AggregateUploadForm
from kpi.returns.services import submit_aggregate_csv, submit_aggregates


def visible_returns(user: AnyUser) -> QuerySet[AggregateReturn]:
    return AggregateReturn.objects.filter(
        authority__in=access.unsuppressed_authorities(user)
    ).select_related("authority", "submitted_by")


@never_cache
@login_required
def return_list(request: HttpRequest) -> HttpResponse:
    returns = visible_returns(request.user)[:200]
    return render(
        request,
        "kpi/returns.html",
        {"returns": returns, "can_upload": can_upload(request.user)},
    )


@never_cache
@login_required
def return_detail(request: HttpRequest, pk: int) -> HttpResponse:
    aggregate_return = get_object_or_404(visible_returns(request.user), pk=pk)
    figures = [
        (BY_KEY[figure.measure].label, figure)
        for figure in aggregate_return.figures.order_by("id")
        if figure.measure in BY_KEY
    ]
    return render(
        request,
        "kpi/return_detail.html",
        {"aggregate_return": aggregate_return, "figures": figures},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def return_form(request: HttpRequest) -> HttpResponse:
    authorities = upload_authorities(request.user)
    if not authorities.exists():
        raise PermissionDenied
    form = AggregateForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        report = submit_aggregates(
            authority=form.cleaned_data["authority"],
            quarter=form.cleaned_data["quarter"],
            figures=form.figures(),
            user=request.user,
            source=AggregateReturn.Source.FORM,
        )
        if report.aggregate_return is not None:
            return redirect("kpi:return-detail", pk=report.aggregate_return.pk)
        form.add_error("quarter", report.problems[0].message)
    return render(request, "kpi/return_form.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def return_upload(request: HttpRequest) -> HttpResponse:
    authorities = upload_authorities(request.user)
    if not authorities.exists():
        raise PermissionDenied
    form = AggregateUploadForm(request.POST or None, request.FILES or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        report = submit_aggregate_csv(
            authority=form.cleaned_data["authority"],
            quarter=form.cleaned_data["quarter"],
            content=form.cleaned_data["file"].read(),
            user=request.user,
            request=request,
        )
        if report.aggregate_return is not None:
            return redirect("kpi:return-detail", pk=report.aggregate_return.pk)
        form.add_error("quarter", report.problems[0].message)
    return render(request, "kpi/return_upload.html", {"form": form})

"""KPI dashboards: one authority over quarters, and the authorities side by side."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kpi.dashboards import presenters, selectors
from kpi.forms import ChoiceParameterForm
from kpi.measures.registry import MEASURES
from kpi.models.values import ALL_COHORTS
from models_registry.models import LocalAuthority


def authority_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    authority = get_object_or_404(LocalAuthority, slug=slug)
    cohorts = selectors.authority_cohorts(authority)
    names = [c.name for c in cohorts]
    form = ChoiceParameterForm(
        request.GET,
        name="cohort",
        label="Cohort",
        choices=[(ALL_COHORTS, "All cohorts"), *((name, name) for name in names)],
    )
    cohort = form.chosen(ALL_COHORTS)
    latest = selectors.latest_submission(authority)
    own_upload = selectors.latest_upload_not_accepted(request.user, authority, after=latest)
    return render(
        request,
        "kpi/dashboard.html",
        {
            "authority": authority,
            "cohorts": names,
            "cohort": cohort,
            "dashboard": presenters.authority_dashboard(request.user, authority, cohort),
            "latest": latest,
            "own_upload": own_upload,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def regional_comparison(request: HttpRequest) -> HttpResponse:
    form = ChoiceParameterForm(
        request.GET,
        name="measure",
        label="Measure",
        choices=[(measure.key, measure.label) for measure in MEASURES.values()],
    )
    measure = form.chosen("cp_plans_active")
    authorities = (
        LocalAuthority.objects.filter(kpi_values__isnull=False).distinct().order_by("name")
    )
    return render(
        request,
        "kpi/compare.html",
        {
            "measure": measure,
            "measure_label": MEASURES[measure].label,
            "measure_kind": str(MEASURES[measure].statistic),
            "measures": [(measure.key, measure.label) for measure in MEASURES.values()],
            "dashboard": presenters.regional_comparison(request.user, measure),
            "authorities": authorities,
            "form": form,
        },
        status=400 if form.errors else 200,
    )

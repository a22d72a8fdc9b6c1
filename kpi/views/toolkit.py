"""KPI pages: the landing page, the toolkit's definitions and the portal's KPI
specification."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kpi import selectors
from kpi.permissions import can_upload, visible_submissions
from kpi.specification import specification_html


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "kpi/home.html",
        {
            "authority_cohorts": selectors.family_safeguarding_cohorts(),
            "can_upload": can_upload(request.user),
            "sees_submissions": visible_submissions(request.user).exists()
            or can_upload(request.user),
            "synthetic": selectors.synthetic_data_present(),
        },
    )


def definitions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "kpi/definitions.html",
        {
            "indicators": selectors.indicators_with_fields(),
            "fields": selectors.field_definitions(),
        },
    )


def specification(request: HttpRequest) -> HttpResponse:
    """The portal's KPI specification, which the definitions page and the API cite."""
    return render(request, "kpi/specification.html", {"specification": specification_html()})

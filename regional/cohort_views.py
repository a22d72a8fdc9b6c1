"""The regional team's Family Safeguarding cohort windows pages (HTTP only): the
authorities using Family Safeguarding or with windows, analysts or submissions (every
authority with `?show=all`), the toolkit's windows each has and who gave them; and "Give
<authority> the toolkit's cohort windows" (an "Are you sure?" page; the POST gives them).
The rules are in regional.cohort_windows."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kpi.definitions import COHORT_WINDOWS
from models_registry.models import LocalAuthority
from regional import cohort_windows
from regional.views import refusal


@never_cache
@require_http_methods(["GET", "HEAD"])
def cohort_window_list(request: HttpRequest) -> HttpResponse:
    if refused := refusal(request):
        return refused
    # `?show=all` lists every authority; any other value of `show` is the short list.
    page = cohort_windows.cohort_windows_page(show_all=request.GET.get("show") == "all")
    return render(
        request,
        "regional/cohort_windows.html",
        {
            "page": page,
            "rows": page.rows,
            "waiting": page.waiting,
            "toolkit_windows": COHORT_WINDOWS,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def give_cohort_windows(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: what the authority has and the windows it would be given; POST: give them
    (nothing happens to an authority that has windows already) and go back to the list."""
    if refused := refusal(request):
        return refused
    authority = get_object_or_404(LocalAuthority, slug=slug)
    if request.method == "POST":
        created = cohort_windows.give_toolkit_windows(authority=authority, user=request.user)
        if created:
            messages.success(
                request,
                f"{authority.name} has the toolkit's cohort windows now, "
                f"{cohort_windows.TOOLKIT_WINDOWS_TEXT}.",
            )
        else:
            messages.info(
                request,
                f"{authority.name} already has cohort windows, so nothing was changed.",
            )
        return redirect("regional:cohort-windows")
    return render(
        request,
        "regional/give_cohort_windows.html",
        {
            "authority": authority,
            "existing": cohort_windows.windows_of(authority),
            "toolkit_windows": COHORT_WINDOWS,
        },
    )

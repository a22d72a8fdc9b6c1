"""Reference group pages: HTTP only. Reads from selectors, shaping from presenters, rules
from network.permissions."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.views.decorators.http import require_POST

from network import calendar, permissions, presenters, selectors, services
from network.filters import ActionFilter, EventFilter
from network.models import Action, Event, Meeting


def _login_url(request: HttpRequest) -> str:
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"


def _signed_in_only(request: HttpRequest) -> HttpResponse | None:
    if permissions.can_see_group(request.user):
        return None
    return redirect(_login_url(request))


def group(request: HttpRequest) -> HttpResponse:
    the_group = selectors.group()
    if the_group is None:
        raise Http404("No reference group yet")
    show = permissions.can_see_group(request.user)
    return render(
        request,
        "network/group.html",
        {
            "group": the_group,
            "show_members": show,
            "members": list(selectors.members(the_group)) if show else [],
            "events": list(selectors.events()),
            "login_url": _login_url(request),
        },
    )


def meeting_list(request: HttpRequest) -> HttpResponse:
    if denied := _signed_in_only(request):
        return denied
    return render(request, "network/meeting_list.html", {"meetings": selectors.meetings()})


def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if denied := _signed_in_only(request):
        return denied
    try:
        meeting = selectors.meeting_detail(slug)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None
    today = timezone.localdate()
    attendance = list(meeting.attendance.all())
    return render(
        request,
        "network/meeting_detail.html",
        {
            "meeting": meeting,
            "attended": [a for a in attendance if a.kind == "attended"],
            "apologies": [a for a in attendance if a.kind == "apologies"],
            "actions": [presenters.action_row(a, today) for a in meeting.actions.all()],
            "feedback_forms": selectors.feedback_forms_for(meeting).filter(is_open=True),
        },
    )


def action_list(request: HttpRequest) -> HttpResponse:
    if denied := _signed_in_only(request):
        return denied
    filterset = ActionFilter(request.GET or None, queryset=selectors.actions())
    queryset = filterset.qs.distinct() if filterset.is_bound else filterset.queryset
    today = timezone.localdate()
    return render(
        request,
        "network/action_list.html",
        {
            "filter": filterset,
            "rows": [presenters.action_row(a, today) for a in queryset],
            "can_manage": permissions.can_manage_network(request.user),
            "statuses": Action.Status.choices,
        },
    )


@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _signed_in_only(request):
        return denied
    if not permissions.can_manage_network(request.user):
        return render(request, "403.html", status=403)
    action = get_object_or_404(Action, pk=pk)
    status = request.POST.get("status", "")
    if status not in Action.Status.values:
        messages.error(request, "Choose a status from the list.")
    else:
        services.set_action_status(action=action, status=status, user=request.user)
        messages.success(
            request, f"Action {action.number} is now: {action.get_status_display().lower()}."
        )
    return redirect("network:action-list")


def event_list(request: HttpRequest) -> HttpResponse:
    filterset = EventFilter(request.GET or None, queryset=selectors.events())
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    return render(request, "network/event_list.html", {"filter": filterset, "events": queryset})


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        event = selectors.event_detail(slug)
    except Event.DoesNotExist:
        raise Http404("No such event") from None
    user = request.user
    return render(
        request,
        "network/event_detail.html",
        {
            "event": event,
            "timetable": presenters.timetable(event),
            "can_book": event.is_bookable and permissions.booking_authorities(user).exists(),
            "can_see_bookings": permissions.booking_authorities(user).exists(),
            "can_manage": permissions.can_manage_network(user),
            "feedback_forms": selectors.feedback_forms_for(event).filter(is_open=True)
            if permissions.can_give_feedback(user)
            else [],
        },
    )


def resource_list(request: HttpRequest) -> HttpResponse:
    return render(request, "network/resource_list.html", {"resources": selectors.resources()})


ICS_TYPE = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meeting_ics(request: HttpRequest, slug: str) -> HttpResponse:
    if denied := _signed_in_only(request):
        return denied
    meeting = get_object_or_404(Meeting.objects.select_related("group"), slug=slug)
    url = request.build_absolute_uri(resolve_url("network:meeting-detail", meeting.slug))
    entry = calendar.meeting_entry(meeting, url=url)
    return _ics(calendar.single(entry, meeting.title), f"meeting-{meeting.slug}.ics")


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    url = request.build_absolute_uri(resolve_url("network:event-detail", event.slug))
    entry = calendar.event_entry(event, url=url)
    return _ics(calendar.single(entry, event.title), f"{event.slug}.ics")


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """The group's upcoming dates: events for everyone; meetings too for signed-in users."""
    meetings, events = selectors.upcoming(timezone.localdate())
    entries = [
        calendar.event_entry(
            event,
            url=request.build_absolute_uri(resolve_url("network:event-detail", event.slug)),
        )
        for event in events
    ]
    if permissions.can_see_group(request.user):
        entries += [
            calendar.meeting_entry(
                meeting,
                url=request.build_absolute_uri(resolve_url("network:meeting-detail", meeting.slug)),
            )
            for meeting in meetings
        ]
    return _ics(calendar.feed(entries, "Reference group: upcoming dates"), "reference-group.ics")

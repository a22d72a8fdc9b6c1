"""Reference group pages: HTTP only. Reads from selectors, shaping from presenters, rules
from network.permissions."""

from typing import IO, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import User
from models_registry.models import LocalAuthority
from network import calendar, exports, forms, permissions, presenters, selectors, services
from network.filters import ActionFilter, EventFilter
from network.models import Action, Booking, Event, FeedbackForm, Meeting
from seslip.wording import count_of

# Attendee rows offered when an event sets no allowance per authority.
DEFAULT_FORM_PLACES = 3


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
    attended = [a for a in attendance if a.kind == "attended"]
    apologies = [a for a in attendance if a.kind == "apologies"]
    return render(
        request,
        "network/meeting_detail.html",
        {
            "meeting": meeting,
            "attended": attended,
            "attended_citations": presenters.shared_citations(attended),
            "apologies": apologies,
            "apologies_citations": presenters.shared_citations(apologies),
            "actions": [presenters.action_row(a, today) for a in meeting.actions.all()],
            "feedback_forms": selectors.feedback_forms_for(meeting).filter(is_open=True),
            "can_manage": permissions.can_manage_network(request.user),
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
        services.set_action_status(action=action, status=status, user=cast(User, request.user))
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
            "can_book": event.status == Event.Status.OPEN
            and permissions.booking_authorities(user).exists(),
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


# --- Bookings -------------------------------------------------------------------------


def _booking_scope(request: HttpRequest) -> tuple[HttpResponse | None, QuerySet[LocalAuthority]]:
    """The authorities whose places the user books and sees, or the response refusing."""
    if denied := _signed_in_only(request):
        return denied, LocalAuthority.objects.none()
    authorities = permissions.booking_authorities(request.user)
    if not authorities.exists():
        return render(request, "403.html", status=403), authorities
    return None, authorities


def book(request: HttpRequest, slug: str) -> HttpResponse:
    denied, authorities = _booking_scope(request)
    if denied:
        return denied
    event = get_object_or_404(Event, slug=slug)
    if event.status != Event.Status.OPEN:
        messages.error(request, f"{event.title} is not open for booking.")
        return redirect("network:event-detail", event.slug)
    choose_authority = permissions.can_manage_network(request.user)
    data = request.POST if request.method == "POST" else None
    authority_form = (
        forms.AuthorityChoiceForm(data, authorities=authorities) if choose_authority else None
    )
    own = None if choose_authority else authorities.get()
    allowance = event.places_per_authority or DEFAULT_FORM_PLACES
    left = allowance - selectors.places_used(event, own) if own else allowance
    run_loads = selectors.run_loads(event)
    attendee_forms = forms.attendee_forms(data, count=max(left, 0), run_loads=run_loads)
    problems: list[str] = []
    if data is not None:
        valid = all(f.is_valid() for f in attendee_forms)
        if authority_form is not None:
            valid = authority_form.is_valid() and valid
        filled = [f for f in attendee_forms if f.is_valid() and not f.is_empty]
        if valid and not filled:
            problems.append("Enter at least one attendee.")
        elif valid:
            authority = authority_form.cleaned_data["authority"] if authority_form else own
            assert authority is not None  # without the choice, the user's own authority
            result = services.book_places(
                event=event,
                authority=authority,
                attendees=[
                    services.AttendeeRequest(
                        f.cleaned_data["name"], f.cleaned_data["email"], f.chosen_runs()
                    )
                    for f in filled
                ],
                user=cast(User, request.user),
            )
            if result.ok:
                waiting = (
                    f" ({len(result.waiting)} on a workshop waiting list)" if result.waiting else ""
                )
                messages.success(
                    request,
                    f"{len(result.bookings)} place{'s' if len(result.bookings) != 1 else ''} "
                    f"booked for {authority.name}{waiting}. Confirmations have been emailed.",
                )
                return redirect("network:booking-list", event.slug)
            problems.extend(result.problems)
    return render(
        request,
        "network/book.html",
        {
            "event": event,
            "authority": own,
            "authority_form": authority_form,
            "allowance": allowance,
            "left": left,
            "attendee_forms": attendee_forms,
            "problems": problems,
            "run_loads": run_loads,
        },
        # A successful booking has redirected: a form shown again after a POST has problems.
        status=200 if data is None else 400,
    )


def booking_list(request: HttpRequest, slug: str) -> HttpResponse:
    denied, authorities = _booking_scope(request)
    if denied:
        return denied
    event = get_object_or_404(Event, slug=slug)
    is_admin = permissions.can_manage_network(request.user)
    return render(
        request,
        "network/booking_list.html",
        {
            "event": event,
            "bookings": selectors.bookings(event, authorities),
            "run_loads": selectors.run_loads(event) if is_admin else [],
            "is_admin": is_admin,
            "own": None if is_admin else authorities.get(),
        },
    )


def booking_csv(request: HttpRequest, slug: str) -> HttpResponse:
    if denied := _signed_in_only(request):
        return denied
    if not permissions.can_manage_network(request.user):
        return render(request, "403.html", status=403)
    event = get_object_or_404(Event, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-bookings.csv"'
    exports.write_bookings(
        cast(IO[str], response),
        selectors.bookings(event, permissions.booking_authorities(request.user)),
    )
    return response


@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    denied, authorities = _booking_scope(request)
    if denied:
        return denied
    booking = get_object_or_404(
        Booking.objects.select_related("event"), pk=pk, local_authority__in=authorities
    )
    promoted = services.cancel_booking(booking=booking, user=cast(User, request.user))
    note = ""
    if promoted:
        note = f" {count_of(len(promoted), 'workshop place')} went to the waiting list."
    messages.success(request, f"The place of {booking.attendee_name} is cancelled.{note}")
    return redirect("network:booking-list", booking.event.slug)


# --- Feedback -------------------------------------------------------------------------


def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _signed_in_only(request):
        return denied
    form_row = get_object_or_404(
        FeedbackForm.objects.select_related("event", "meeting").prefetch_related("questions"),
        pk=pk,
        is_open=True,
    )
    data = request.POST if request.method == "POST" else None
    form = forms.FeedbackResponseForm(
        data, questions=list(form_row.questions.all()), allow_anonymous=form_row.allow_anonymous
    )
    if data is not None and form.is_valid():
        services.submit_feedback(
            form=form_row,
            user=cast(User, request.user),
            answers=form.answers(),
            anonymous=form.cleaned_data.get("anonymous", False),
        )
        messages.success(request, "Thank you: your feedback has been sent.")
        subject = form_row.subject
        if isinstance(subject, Event):
            return redirect("network:event-detail", subject.slug)
        return redirect("network:meeting-detail", subject.slug)
    return render(
        request,
        "network/feedback_form.html",
        {"feedback_form": form_row, "form": form},
        status=400 if data is not None else 200,
    )


def _managed_feedback(request: HttpRequest, pk: int):
    if denied := _signed_in_only(request):
        return denied, None
    if not permissions.can_manage_network(request.user):
        return render(request, "403.html", status=403), None
    return None, get_object_or_404(FeedbackForm.objects.prefetch_related("questions"), pk=pk)


def feedback_summary(request: HttpRequest, pk: int) -> HttpResponse:
    denied, form_row = _managed_feedback(request, pk)
    if denied:
        return denied
    count, summaries = selectors.feedback_summary(form_row)
    return render(
        request,
        "network/feedback_summary.html",
        {"feedback_form": form_row, "count": count, "summaries": summaries},
    )


def feedback_csv(request: HttpRequest, pk: int) -> HttpResponse:
    denied, form_row = _managed_feedback(request, pk)
    if denied:
        return denied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{form_row.pk}.csv"'
    exports.write_feedback(
        cast(IO[str], response), form_row, selectors.feedback_responses(form_row)
    )
    return response

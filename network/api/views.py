"""The reference group's API: events (public, with the programme), meetings and actions
(signed-in), bookings and feedback responses (their owners only)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from network import permissions, selectors, services
from network.api import serializers as api
from network.api.permissions import IsSignedIn
from network.filters import ActionFilter, EventFilter
from network.models import (
    Action,
    Attendance,
    Booking,
    Decision,
    Event,
    FeedbackForm,
    FeedbackResponse,
    Meeting,
    MinuteSection,
    Session,
    WorkshopPlace,
    WorkshopRun,
)
from sources.selectors import citations_prefetch


@extend_schema_view(
    list=extend_schema(summary="List the group's events", description="Filter by status."),
    retrieve=extend_schema(summary="One event with its programme, by slug"),
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    filterset_class = EventFilter
    lookup_field = "slug"

    def get_queryset(self):
        runs = WorkshopRun.objects.prefetch_related(citations_prefetch())
        sessions = (
            Session.objects.select_related("practice_model")
            .prefetch_related(
                "presenting_authorities", Prefetch("runs", queryset=runs), citations_prefetch()
            )
            .order_by("position")
        )
        return Event.objects.select_related("bookings_administered_by").prefetch_related(
            Prefetch("sessions", queryset=sessions), citations_prefetch()
        )

    def get_serializer_class(self):
        return api.EventDetailSerializer if self.action == "retrieve" else api.EventSerializer


@extend_schema_view(
    list=extend_schema(summary="List the group's meetings (signed-in)"),
    retrieve=extend_schema(
        summary="One meeting with attendance, minutes, decisions and actions (signed-in)"
    ),
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsSignedIn]
    lookup_field = "slug"

    def get_queryset(self):
        if self.action == "list":
            return Meeting.objects.prefetch_related(citations_prefetch()).order_by("-date")
        attendance = (
            Attendance.objects.select_related("member__local_authority")
            .prefetch_related(citations_prefetch())
            .order_by("kind", "position")
        )
        return Meeting.objects.prefetch_related(
            Prefetch("attendance", queryset=attendance),
            Prefetch(
                "sections", queryset=MinuteSection.objects.prefetch_related(citations_prefetch())
            ),
            Prefetch("decisions", queryset=Decision.objects.prefetch_related(citations_prefetch())),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("meeting").prefetch_related(
                    "owners", citations_prefetch()
                ),
            ),
            citations_prefetch(),
        )

    def get_serializer_class(self):
        return api.MeetingDetailSerializer if self.action == "retrieve" else api.MeetingSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List actions (signed-in)",
        description="Filter by owner (member id), authority slug, status, due date "
        "(`due_before`, by the last day an imprecise date allows) and `overdue` (yes/no).",
    ),
    retrieve=extend_schema(summary="One action (signed-in)"),
)
class ActionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsSignedIn]
    serializer_class = api.ActionSerializer
    filterset_class = ActionFilter

    def get_queryset(self):
        return selectors.actions().select_related("meeting").distinct()


@extend_schema_view(
    list=extend_schema(summary="List the bookings you may see (editors: your authority's)"),
    retrieve=extend_schema(summary="One booking"),
    create=extend_schema(
        summary="Book places",
        request=api.BookingRequestSerializer,
        responses={201: api.BookingSerializer(many=True)},
    ),
)
class BookingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bookings are their authority's: another authority's booking is 404."""

    permission_classes = [IsSignedIn]
    serializer_class = api.BookingSerializer
    queryset = Booking.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self):
        places = WorkshopPlace.objects.select_related("run__session")
        return (
            Booking.objects.filter(
                local_authority__in=permissions.booking_authorities(self.request.user)
            )
            .select_related("event", "local_authority")
            .prefetch_related(Prefetch("places", queryset=places))
            .order_by("event", "local_authority__name", "created_at")
        )

    def create(self, request, *args, **kwargs):
        given = api.BookingRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        authorities = permissions.booking_authorities(request.user)
        if not authorities.exists():
            return Response({"detail": "You cannot book places."}, status=status.HTTP_403_FORBIDDEN)
        event = Event.objects.filter(slug=data["event"]).first()
        if event is None:
            raise serializers.ValidationError({"event": "No such event."})
        slug = data.get("authority")
        authority = authorities.filter(slug=slug).first() if slug else authorities.first()
        if authority is None or (not slug and authorities.count() > 1):
            raise serializers.ValidationError({"authority": "Name an authority you may book for."})
        runs = {
            run.pk: run
            for run in WorkshopRun.objects.filter(session__event=event).select_related("session")
        }
        attendees = []
        for attendee in data["attendees"]:
            unknown = [pk for pk in attendee["runs"] if pk not in runs]
            if unknown:
                raise serializers.ValidationError(
                    {"attendees": f"No such workshop run: {unknown}."}
                )
            attendees.append(
                services.AttendeeRequest(
                    attendee["name"], attendee["email"], tuple(runs[pk] for pk in attendee["runs"])
                )
            )
        result = services.book_places(
            event=event, authority=authority, attendees=attendees, user=request.user
        )
        if not result.ok:
            raise serializers.ValidationError({"non_field_errors": result.problems})
        booked = self.get_queryset().filter(pk__in=[b.pk for b in result.bookings])
        return Response(
            api.BookingSerializer(booked, many=True).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="Your own named feedback responses"),
    retrieve=extend_schema(summary="One of your feedback responses"),
    create=extend_schema(
        summary="Answer an open feedback form",
        request=api.FeedbackRequestSerializer,
        responses={201: api.FeedbackResponseSerializer},
    ),
)
class FeedbackResponseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """A person's own responses; anonymous ones belong to nobody and are not listed."""

    permission_classes = [IsSignedIn]
    serializer_class = api.FeedbackResponseSerializer
    queryset = FeedbackResponse.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self):
        return (
            FeedbackResponse.objects.filter(respondent=self.request.user)
            .prefetch_related("answers")
            .order_by("-submitted_at")
        )

    def create(self, request, *args, **kwargs):
        given = api.FeedbackRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        form = FeedbackForm.objects.filter(pk=data["form"], is_open=True).first()
        if form is None:
            raise serializers.ValidationError({"form": "No open feedback form with this id."})
        questions = {q.pk: q for q in form.questions.all()}
        answers = {}
        for answer in data["answers"]:
            question = questions.get(answer["question"])
            if question is None:
                raise serializers.ValidationError(
                    {"answers": f"No question {answer['question']} on this form."}
                )
            answers[question.pk] = (
                answer.get("rating") if question.kind == "rating" else answer.get("text", "")
            )
        missing = [
            q.text for q in questions.values() if q.required and answers.get(q.pk) in (None, "")
        ]
        if missing:
            raise serializers.ValidationError({"answers": f"Required: {'; '.join(missing)}."})
        response = services.submit_feedback(
            form=form, user=request.user, answers=answers, anonymous=data["anonymous"]
        )
        return Response(
            api.FeedbackResponseSerializer(response).data, status=status.HTTP_201_CREATED
        )

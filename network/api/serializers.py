"""The reference group's API representations. Every loaded entry's `citations` are objects
naming a catalogue source (key and title) and the place in it, as in the rest of the API
(sources.api.serializers.CitationSerializer)."""

from rest_framework import serializers

from network.models import (
    Action,
    Attendance,
    Booking,
    Decision,
    Event,
    FeedbackResponse,
    Meeting,
    MinuteSection,
    Session,
    WorkshopPlace,
    WorkshopRun,
)
from sources.api.serializers import CitationSerializer


class WorkshopRunSerializer(serializers.ModelSerializer):
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = WorkshopRun
        fields = ["id", "number", "capacity", "citations"]


class SessionSerializer(serializers.ModelSerializer):
    practice_model = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    presenting_authorities = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    brief = serializers.ListField(source="brief_points", child=serializers.CharField())
    runs = WorkshopRunSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "slug",
            "kind",
            "part",
            "position",
            "title",
            "duration_minutes",
            "practice_model",
            "presenting_authorities",
            "brief",
            "tentative",
            "note",
            "runs",
            "citations",
        ]


class EventSerializer(serializers.ModelSerializer):
    bookings_administered_by = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    citations = CitationSerializer(
        many=True,
        read_only=True,
        help_text="Where the event's details come from; the one with field 'status' is "
        "where its status comes from (the cancellation).",
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "date",
            "starts_at",
            "ends_at",
            "venue",
            "aim",
            "status",
            "status_note",
            "places_per_authority",
            "costs_note",
            "bookings_administered_by",
            "bookings_note",
            "citations",
        ]


class EventDetailSerializer(EventSerializer):
    programme = SessionSerializer(source="sessions", many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "programme"]


class AttendanceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="member.name")
    authority = serializers.SlugRelatedField(
        source="member.local_authority", slug_field="slug", read_only=True
    )
    organisation = serializers.CharField(source="member.organisation")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Attendance
        fields = ["kind", "name", "authority", "organisation", "listed_as", "note", "citations"]


class MinuteSectionSerializer(serializers.ModelSerializer):
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = MinuteSection
        fields = ["number", "heading", "body", "citations"]


class DecisionSerializer(serializers.ModelSerializer):
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = ["position", "text", "citations"]


class ActionSerializer(serializers.ModelSerializer):
    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    owners = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    due_by = serializers.DateField()
    due_text = serializers.CharField()
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "meeting",
            "number",
            "description",
            "owners",
            "owner_note",
            "due_date",
            "due_precision",
            "due_by",
            "due_text",
            "status",
            "status_note",
            "citations",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["slug", "title", "date", "starts_at", "ends_at", "purpose", "citations"]


class MeetingDetailSerializer(MeetingSerializer):
    attendance = AttendanceSerializer(many=True, read_only=True)
    sections = MinuteSectionSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "attendance", "sections", "decisions", "actions"]


class WorkshopPlaceSerializer(serializers.ModelSerializer):
    run = serializers.IntegerField(source="run_id")
    workshop = serializers.CharField(source="run.session.title")

    class Meta:
        model = WorkshopPlace
        fields = ["run", "workshop", "status"]


class BookingSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    local_authority = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    places = WorkshopPlaceSerializer(many=True, read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "event",
            "local_authority",
            "attendee_name",
            "attendee_email",
            "status",
            "places",
            "created_at",
        ]


class AttendeeInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    email = serializers.EmailField()
    runs = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class BookingRequestSerializer(serializers.Serializer):
    event = serializers.SlugField()
    authority = serializers.SlugField(
        required=False, help_text="Regional admins only; an editor books for their own authority."
    )
    attendees = AttendeeInputSerializer(many=True)


class FeedbackAnswerInputSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    text = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    rating = serializers.IntegerField(required=False, min_value=1, max_value=5)


class FeedbackRequestSerializer(serializers.Serializer):
    form = serializers.IntegerField()
    anonymous = serializers.BooleanField(default=False)
    answers = FeedbackAnswerInputSerializer(many=True)


class FeedbackResponseSerializer(serializers.ModelSerializer):
    answers = serializers.SerializerMethodField()

    class Meta:
        model = FeedbackResponse
        fields = ["id", "form", "submitted_at", "answers"]

    def get_answers(self, response) -> list[dict]:
        return [
            {"question": a.question_id, "text": a.text, "rating": a.rating}
            for a in response.answers.all()
        ]

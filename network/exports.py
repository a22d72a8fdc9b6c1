"""CSV exports for regional admins, written through seslip.csv_safety (formula-safe)."""

from collections.abc import Iterable
from typing import IO

from network.models import Booking, FeedbackForm, FeedbackResponse
from seslip import csv_safety

BOOKING_COLUMNS = [
    "authority",
    "attendee",
    "email",
    "status",
    "workshops",
    "booked by",
    "booked at",
]


def write_bookings(out: IO[str], bookings: Iterable[Booking]) -> None:
    writer = csv_safety.writer(out)
    writer.writerow(BOOKING_COLUMNS)
    for booking in bookings:
        workshops = "; ".join(
            f"{place.run.session.title} run {place.run.number} ({place.get_status_display()})"
            for place in booking.places.all()
        )
        writer.writerow(
            [
                booking.local_authority.name,
                booking.attendee_name,
                booking.attendee_email,
                booking.get_status_display(),
                workshops,
                booking.booked_by.email,
                booking.created_at.isoformat(timespec="seconds"),
            ]
        )


def write_feedback(out: IO[str], form: FeedbackForm, responses: Iterable[FeedbackResponse]) -> None:
    """One row per response: when, who (or "anonymous"), then one column per question."""
    questions = list(form.questions.all())
    writer = csv_safety.writer(out)
    writer.writerow(["submitted at", "respondent", *[q.text for q in questions]])
    for response in responses:
        answers = {answer.question_id: answer for answer in response.answers.all()}
        writer.writerow(
            [
                response.submitted_at.isoformat(timespec="seconds"),
                response.respondent.email if response.respondent else "anonymous",
                *[_answer_value(answers.get(q.pk)) for q in questions],
            ]
        )


def _answer_value(answer) -> object:
    if answer is None:
        return ""
    return answer.rating if answer.rating is not None else answer.text

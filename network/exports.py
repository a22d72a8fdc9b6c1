"""CSV exports for regional admins, written through seslip.csv_safety (formula-safe)."""

from typing import IO

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


def write_bookings(out: IO[str], bookings) -> None:
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

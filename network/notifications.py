"""Booking confirmations and changes by email, through Django's email framework (the
console backend in development, SMTP by settings: README, Configuration)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from network.models import Booking, WorkshopPlace

logger = logging.getLogger(__name__)


def _recipients(booking: Booking) -> list[str]:
    addresses = [booking.attendee_email]
    if booking.booked_by.email and booking.booked_by.email != booking.attendee_email:
        addresses.append(booking.booked_by.email)
    return addresses


def _send(subject: str, template: str, booking: Booking, **context) -> None:
    body = render_to_string(
        template,
        {"booking": booking, "portal_url": settings.PORTAL_BASE_URL, **context},
    )
    send_mail(subject, body, None, _recipients(booking))
    logger.info("Sent %r for booking %s", subject, booking.pk)


def booked(bookings: list[Booking]) -> None:
    for booking in bookings:
        places = list(booking.places.select_related("run__session"))
        _send(
            f"Place booked: {booking.event.title}",
            "network/email/booked.txt",
            booking,
            places=places,
        )


def cancelled(booking: Booking, promoted: list[WorkshopPlace]) -> None:
    _send(f"Place cancelled: {booking.event.title}", "network/email/cancelled.txt", booking)
    for place in promoted:
        _send(
            f"Workshop place confirmed: {place.booking.event.title}",
            "network/email/promoted.txt",
            place.booking,
            place=place,
        )

"""The regional reference group and its events: members, meetings with their minutes,
decisions and actions, events with their programmes, bookings, feedback and resources.

Sources: the minutes of the SESLIP Models of Social Work Practice Reference Group meeting of
19 February 2020, and the foreword of the SESLIP report "Models of Social Work Practice"
(2020), which records the conference's cancellation. Every loaded entry carries citations to
the sources catalogue (`sources.Citation`: a document and a locator;
docs/adr/0008-sources-and-citations.md).
"""

from network.models.events import Booking, Event, Session, WorkshopPlace, WorkshopRun
from network.models.feedback import (
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
)
from network.models.group import (
    EARLY_MONTH_LAST_DAY,
    Action,
    Attendance,
    CitedModel,
    Decision,
    DuePrecision,
    Meeting,
    Member,
    MinuteSection,
    ReferenceGroup,
)
from network.models.resources import Resource

__all__ = [
    "EARLY_MONTH_LAST_DAY",
    "Action",
    "Attendance",
    "Booking",
    "CitedModel",
    "Decision",
    "DuePrecision",
    "Event",
    "FeedbackAnswer",
    "FeedbackForm",
    "FeedbackQuestion",
    "FeedbackResponse",
    "Meeting",
    "Member",
    "MinuteSection",
    "ReferenceGroup",
    "Resource",
    "Session",
    "WorkshopPlace",
    "WorkshopRun",
]

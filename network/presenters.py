"""Shaping the reference group's data for templates."""

import datetime
from dataclasses import dataclass

from network.models import Action, Event, Session


@dataclass(frozen=True)
class ActionRow:
    action: Action
    owners: str
    authorities: str
    due: str
    overdue: bool


def action_row(action: Action, today: datetime.date) -> ActionRow:
    owners = [member.name for member in action.owners.all()]
    authorities = sorted(
        {member.affiliation for member in action.owners.all() if member.affiliation}
    )
    return ActionRow(
        action=action,
        owners=", ".join(owners) or action.owner_note or "Not named",
        authorities=", ".join(authorities),
        due=action.due_text,
        overdue=action.is_overdue(today),
    )


@dataclass(frozen=True)
class TimetablePart:
    label: str
    sessions: list[Session]


def timetable(event: Event) -> list[TimetablePart]:
    """The programme grouped by part of the day, in programme order."""
    parts: list[TimetablePart] = []
    for session in event.sessions.all():
        label = session.get_part_display()
        if not parts or parts[-1].label != label:
            parts.append(TimetablePart(label, []))
        parts[-1].sessions.append(session)
    return parts


def authorities_text(session: Session) -> str:
    names = [authority.name for authority in session.presenting_authorities.all()]
    return " and ".join(names)

"""Shaping the reference group's data for templates."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from network.models import Action, CitedModel, Event, Session
from sources.models import Citation


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


def shared_citations(rows: Sequence[CitedModel]) -> list[Citation]:
    """The citations of a list of rows, each document and place once (attendance lists,
    a part of the programme), so a table cites its source once, not on every row."""
    seen: dict[tuple[int, str, str], Citation] = {}
    for row in rows:
        for citation in row.citations.all():
            seen.setdefault((citation.source_id, citation.locator, citation.field), citation)
    return list(seen.values())


@dataclass(frozen=True)
class TimetablePart:
    label: str
    sessions: list[Session]

    @property
    def citations(self) -> list[Citation]:
        return shared_citations(self.sessions)


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

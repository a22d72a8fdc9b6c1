"""State changes of the reference group's data: action status, bookings, feedback."""

from django.db import transaction

from network.models import Action


@transaction.atomic
def set_action_status(*, action: Action, status: str, user) -> Action:
    action.status = status
    action.status_note = ""
    action._change_reason = f"Status set to {Action.Status(status).label} on the tracker"
    action._history_user = user
    action.full_clean()
    action.save()
    return action

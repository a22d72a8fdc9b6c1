"""Who may call the reference group's API (docs/network.md, "Who sees what")."""

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts import permissions


class IsSignedIn(BasePermission):
    """Any active signed-in user with a role (members and up): meetings, actions and the
    owners' own bookings and feedback."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return permissions.role_of(request.user) is not None

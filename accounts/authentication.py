"""API token authentication that writes every token use to the access log."""

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.models import AccessLog, Role
from accounts.services import API_TOKEN_ROLES, record_access


class AuditedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`; each authenticated request is one access-log entry.

    A token whose holder's role no longer allows tokens (say, an analyst moved to member)
    stops working without anyone having to delete it.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        if Role(user.role) not in API_TOKEN_ROLES:
            raise exceptions.AuthenticationFailed("This account may not use API tokens.")
        record_access(
            request=request._request,
            user=user,
            action=AccessLog.Action.TOKEN_USE,
            channel=AccessLog.Channel.API_TOKEN,
            # The data a token reaches is its holder's authority's (none for regional roles).
            authority=user.authority_id,
            target=f"{request.method} {request.get_full_path()}",
        )
        return user, token

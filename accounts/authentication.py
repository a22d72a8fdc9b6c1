"""API token authentication (django-rest-knox) that writes every token use to the access log."""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from knox.signals import token_expired
from rest_framework import exceptions

from accounts import permissions
from accounts.models import AccessLog, ApiToken
from accounts.services import record_access


class AuditedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, checked against the stored digest; each authenticated
    request is one access-log entry and moves the token's "last used".

    A token whose holder's role no longer allows tokens (say, an analyst moved to member)
    stops working without anyone having to delete it; a role change also revokes it
    (accounts.services.record_role_grant).
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        if not permissions.can_hold_api_token(user):
            raise exceptions.AuthenticationFailed("This account may not use API tokens.")
        ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
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

    def authenticate_credentials(self, token: bytes):
        # Knox decodes the key as UTF-8 and would let a header that is not raise.
        try:
            token.decode("utf-8")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("Invalid token.") from error
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token: ApiToken) -> bool:
        """Knox also reads the holder's other tokens on every request to delete expired
        ones; a person holds at most one (ApiToken's constraint), so only this token's
        expiry is checked, without that query. True when it has expired (and is deleted)."""
        if auth_token.expiry is None or auth_token.expiry >= timezone.now():
            return False
        username = auth_token.user.get_username()
        auth_token.delete()
        token_expired.send(sender=self.__class__, username=username, source="auth_token")
        return True


class AuditedTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token header."""

    target_class = AuditedTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                'A personal token from your account page, sent as "Token <key>" '
                "(authority analysts, regional analysts and regional admins)."
            ),
        }

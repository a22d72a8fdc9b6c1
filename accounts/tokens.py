"""Single-use links: an invitation link sets the first password.

Django's password-reset token, with its own salt so an invitation link and a reset link are
not interchangeable. Either stops working once the password changes or the person signs in,
and after PASSWORD_RESET_TIMEOUT seconds.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"


invitation_token_generator = InvitationTokenGenerator()

"""Who may see and change what in the reference group's pages and API. The rules live in
accounts.permissions; the network app's views, admin and API ask these names only."""

from django.db.models import QuerySet

from accounts import permissions as account_permissions
from accounts.models import AnyUser
from models_registry.models import LocalAuthority


def can_see_group(user: AnyUser | None) -> bool:
    return account_permissions.can_see_group(user)


def can_manage_network(user: AnyUser) -> bool:
    return account_permissions.can_manage_network(user)


def booking_authorities(user: AnyUser) -> QuerySet[LocalAuthority]:
    return account_permissions.booking_authorities(user)


def can_book_for(user: AnyUser, authority: LocalAuthority | int | None) -> bool:
    return account_permissions.can_book_for(user, authority)


def can_give_feedback(user: AnyUser) -> bool:
    return account_permissions.can_see_group(user)

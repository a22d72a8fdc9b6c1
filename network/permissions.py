"""Who may see and change what in the reference group's pages and API. The rules live in
accounts.permissions; the network app's views, admin and API ask these names only."""

from django.db.models import QuerySet

from accounts import permissions as account_permissions
from models_registry.models import LocalAuthority


def can_see_group(user) -> bool:
    return account_permissions.can_see_group(user)


def can_manage_network(user) -> bool:
    return account_permissions.can_manage_network(user)


def booking_authorities(user) -> QuerySet[LocalAuthority]:
    return account_permissions.booking_authorities(user)


def can_book_for(user, authority) -> bool:
    return account_permissions.can_book_for(user, authority)


def can_give_feedback(user) -> bool:
    return account_permissions.can_see_group(user)

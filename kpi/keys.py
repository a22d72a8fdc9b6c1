"""Keyed hashes of the keys an authority gives (family, person, referral, plan, period).

HMAC-SHA256 under settings.KPI_KEY_SECRET, scoped by authority and by kind of key, so the
same Person ID resubmitted next quarter gives the same hash (rows match across
submissions) while the hash reveals nothing without the secret and never links two
authorities' people (docs/adr/0003-person-key-hashing.md).
"""

import hmac
from collections.abc import Callable

from django.conf import settings


def key_hasher(authority_slug: str, kind: str) -> Callable[[str], str]:
    """A function from a raw key to its 64-character hex hash, for one authority and kind."""
    secret = settings.KPI_KEY_SECRET.encode()
    prefix = f"{authority_slug}\x1f{kind}\x1f".encode()

    def hash_key(raw: str) -> str:
        return hmac.digest(secret, prefix + raw.encode(), "sha256").hex()

    return hash_key

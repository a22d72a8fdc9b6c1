"""Keyed hashes of the keys an authority gives (family, person, referral, plan, period).

HMAC-SHA256 under settings.KPI_KEY_SECRET, scoped by authority and by kind of key, so the
same Person ID resubmitted next quarter gives the same hash (rows match across
submissions) while the hash reveals nothing without the secret and never links two
authorities' people (docs/adr/0003-person-key-hashing.md).
"""

import hashlib
from collections.abc import Callable

from django.conf import settings

_BLOCK = 64  # SHA-256's block size, which HMAC pads its key to (RFC 2104)


def key_hasher(authority_slug: str, kind: str) -> Callable[[str], str]:
    """A function from a raw key to its 64-character hex hash, for one authority and kind.

    The result is exactly ``hmac.digest(secret, prefix + raw, "sha256").hex()``. An import
    hashes a few keys per row, so the two padded-key states of RFC 2104 (and the prefix)
    are hashed once here and copied for each key: a quarter of the time of hmac.digest,
    which starts from the secret every time. tests/kpi/test_keys.py holds it to hmac.
    """
    secret = settings.KPI_KEY_SECRET.encode()
    if len(secret) > _BLOCK:
        secret = hashlib.sha256(secret).digest()
    secret = secret.ljust(_BLOCK, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in secret))
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in secret))
    inner.update(f"{authority_slug}\x1f{kind}\x1f".encode())

    def hash_key(raw: str) -> str:
        message = inner.copy()
        message.update(raw.encode())
        result = outer.copy()
        result.update(message.digest())
        return result.hexdigest()

    return hash_key

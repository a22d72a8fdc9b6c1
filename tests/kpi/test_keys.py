"""Keyed hashes: the precomputed HMAC states give exactly hmac.digest's answer."""

import hmac

from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from kpi.keys import key_hasher


def reference(secret: str, slug: str, kind: str, raw: str) -> str:
    message = f"{slug}\x1f{kind}\x1f{raw}".encode()
    return hmac.digest(secret.encode(), message, "sha256").hex()


@given(
    secret=st.text(min_size=1, max_size=100),  # over 64 bytes: RFC 2104 hashes the key first
    slug=st.sampled_from(["bracknell-forest", "west-sussex"]),
    kind=st.sampled_from(["family", "person", "cp-plan"]),
    raws=st.lists(st.text(max_size=80), min_size=1, max_size=5),
)
def test_key_hasher_is_hmac_sha256_of_scope_and_key(secret, slug, kind, raws):
    with override_settings(KPI_KEY_SECRET=secret):
        hash_key = key_hasher(slug, kind)
        for raw in raws:  # one hasher, several keys: the copied states are not consumed
            assert hash_key(raw) == reference(secret, slug, kind, raw)


def test_scopes_give_different_hashes():
    assert key_hasher("bracknell-forest", "person")("P1") != key_hasher("west-sussex", "person")(
        "P1"
    )
    assert key_hasher("bracknell-forest", "person")("P1") != key_hasher(
        "bracknell-forest", "family"
    )("P1")

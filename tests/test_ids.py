"""New ids of every kind never begin with "-" (a command line would take them for options)."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from desktop_app.domain import ids

BULK = 100_000

KINDS: dict[str, Callable[[], str]] = {
    "message": ids.new_message_id,
    "conversation": ids.new_conversation_id,
    "attachment": ids.new_attachment_id,
    "envelope": ids.new_envelope_id,
    "device": ids.new_device_id,
    "blob": ids.new_blob_id,
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_new_id_begins_with_a_dash(kind: str) -> None:
    made = [KINDS[kind]() for _ in range(BULK)]
    assert not [i for i in made if i[0] in "-_"]
    assert len(set(made)) == BULK
    # Without the rule about 1 in 64 would start with "-": the first characters must
    # still be spread over letters and digits, not one fixed prefix.
    assert len({i[0] for i in made}) == len(ids.ID_FIRST_CHARACTERS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_ids_stay_url_safe_with_at_least_96_random_bits(kind: str) -> None:
    made = KINDS[kind]()
    assert made.isascii() and all(c.isalnum() or c in "-_" for c in made)
    body = made[1:]
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    assert len(raw) * 8 >= (96 if kind == "device" else 128)


def test_device_id_fits_a_certificate_name_and_blob_id_the_relay_pattern() -> None:
    assert len(ids.new_device_id()) <= 64
    assert 8 <= len(ids.new_blob_id()) <= 64

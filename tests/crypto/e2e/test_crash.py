"""Crashes between two writes: what was already published or sent is never lost.

``CrashingStore`` wraps the real container store and raises on the n-th save after it
is armed, like a power cut between two durable writes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from desktop_app.crypto.e2e import DeviceAccount, MegolmOutbound, OlmSessions
from desktop_app.crypto.e2e.olm_sessions import PRE_KEY
from desktop_app.crypto.e2e.store import PickleStore
from tests.crypto.e2e.conftest import T0, Person, Ward


class Crash(Exception):
    pass


class CrashingStore:
    def __init__(self, inner: PickleStore, crash_on_save: int) -> None:
        self.inner = inner
        self.countdown = crash_on_save
        self.saved: list[str] = []

    def save(self, kind: str, name: str, pickle: bytes) -> None:
        self.countdown -= 1
        if self.countdown == 0:
            raise Crash(kind)
        self.saved.append(kind)
        self.inner.save(kind, name, pickle)

    def save_many(self, kind: str, items: Sequence[tuple[str, bytes]]) -> None:
        for _item in items:  # a crash on the n-th pickle loses the whole batch
            self.countdown -= 1
            if self.countdown == 0:
                raise Crash(kind)
        self.saved += [kind] * len(items)
        self.inner.save_many(kind, items)

    def load(self, kind: str, name: str) -> bytes | None:
        return self.inner.load(kind, name)

    def names(self, kind: str) -> list[str]:
        return self.inner.names(kind)

    def delete(self, kind: str, name: str) -> None:
        self.inner.delete(kind, name)


def crashing_olm(person: Person, crash_on_save: int) -> tuple[OlmSessions, CrashingStore]:
    store = CrashingStore(person.container.pickles, crash_on_save)
    account = DeviceAccount.load(store, person.pickle_key)
    return OlmSessions(account, store, person.pickle_key), store


def test_crash_between_new_inbound_session_and_account_keeps_the_session(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    otk = anna.claim_from(ward.relay, jonas)
    jonas_curve = jonas.member.curve25519
    first = anna.olm.encrypt(jonas.device_id, jonas_curve, otk, b"1")
    second = anna.olm.encrypt(jonas.device_id, jonas_curve, None, b"2")
    assert first.message_type == second.message_type == PRE_KEY
    olm, store = crashing_olm(jonas, crash_on_save=2)
    with pytest.raises(Crash, match="account"):
        olm.decrypt(anna.device_id, anna.member.curve25519, first.message_type, first.body)
    assert store.saved == ["olm"]  # the session reached the disk first
    jonas.restart()
    # Anna's session is not wedged: her next pre-key message opens in the saved session.
    got = jonas.olm.decrypt(anna.device_id, anna.member.curve25519, PRE_KEY, second.body)
    assert got == b"2"


def test_no_olm_ciphertext_is_returned_before_its_ratchet_step_is_saved(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    otk = anna.claim_from(ward.relay, jonas)
    olm, _ = crashing_olm(anna, crash_on_save=1)
    with pytest.raises(Crash, match="olm"):
        olm.encrypt(jonas.device_id, jonas.member.curve25519, otk, b"nie gesendet")
    anna.restart()
    assert not anna.olm.has_session(jonas.device_id, jonas.member.curve25519)


def test_no_megolm_ciphertext_is_returned_before_its_index_is_saved(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    plan = anna.outbound.prepare("conv", [jonas.member], T0)
    anna.outbound.mark_shared("conv", plan.session_id, ["dev-jonas"])
    assert anna.outbound.encrypt("conv", b"0", T0).message_index == 0
    store = CrashingStore(anna.container.pickles, crash_on_save=1)
    crashing = MegolmOutbound(
        store, anna.pickle_key, own_device_id="dev-anna", own_ed25519=anna.member.ed25519
    )
    with pytest.raises(Crash, match="megolm-out"):
        crashing.encrypt("conv", b"1", T0)
    anna.restart()
    # Index 1 never left the device, so reusing it after the restart is safe.
    assert anna.outbound.encrypt("conv", b"1", T0).message_index == 1


def test_a_room_key_share_saved_in_one_batch_returns_nothing_if_the_batch_fails(
    ward: Ward,
) -> None:
    """``encrypt_each`` saves every device's ratchet step in one statement: a failure on
    the second device's step must leave the first device's step neither in memory nor on
    disk, so the next share starts again from what was saved."""
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    items = [
        (p.device_id, p.member.curve25519, anna.claim_from(ward.relay, p), b"Schluessel")
        for p in (jonas, mia)
    ]
    olm, store = crashing_olm(anna, crash_on_save=2)
    with pytest.raises(Crash, match="olm"):
        olm.encrypt_each(items)
    assert store.saved == []
    for p in (jonas, mia):
        assert not olm.has_session(p.device_id, p.member.curve25519)  # not in memory
    anna.restart()
    for p in (jonas, mia):
        assert not anna.olm.has_session(p.device_id, p.member.curve25519)  # nor on disk
    # With fresh keys the share goes through, each device's step saved and readable.
    items = [
        (p.device_id, p.member.curve25519, anna.claim_from(ward.relay, p), b"Schluessel")
        for p in (jonas, mia)
    ]
    sent = anna.olm.encrypt_each(items)
    anna.restart()
    for p, ciphertext in zip((jonas, mia), sent, strict=True):
        assert anna.olm.has_session(p.device_id, p.member.curve25519)
        got = p.olm.decrypt(anna.device_id, anna.member.curve25519, PRE_KEY, ciphertext.body)
        assert got == b"Schluessel"

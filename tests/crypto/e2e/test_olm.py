"""Pairwise Olm between real accounts in real containers: sessions, errors, restarts."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from desktop_app.crypto.e2e import OlmSessions
from desktop_app.crypto.e2e.errors import (
    InvalidKey,
    OneTimeKeyRequired,
    PeerMismatch,
    PickleKeyMismatch,
    UndecryptableMessage,
)
from desktop_app.crypto.e2e.olm_sessions import MAX_SESSIONS_PER_PEER, NORMAL, PRE_KEY
from desktop_app.crypto.e2e.store import KIND_OLM
from tests.crypto.e2e.conftest import Person, Ward

SECRET = b"Patient Bett 4: Kalium 6,1 mmol/l"


def send(
    sender: Person, recipient: Person, text: bytes, otk: str | None = None
) -> tuple[int, bytes]:
    ct = sender.olm.encrypt(recipient.device_id, recipient.member.curve25519, otk, text)
    return ct.message_type, ct.body


def receive(recipient: Person, sender: Person, message: tuple[int, bytes]) -> bytes:
    return recipient.olm.decrypt(sender.device_id, sender.member.curve25519, *message)


def test_one_to_one_both_ways_pre_key_then_normal(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    otk = anna.claim_from(ward.relay, jonas)
    first = send(anna, jonas, b"Hallo Jonas", otk)
    second = send(anna, jonas, b"Bist du auf Station?")
    assert first[0] == second[0] == PRE_KEY  # until Jonas answers
    assert SECRET not in first[1]
    assert receive(jonas, anna, first) == b"Hallo Jonas"
    assert receive(jonas, anna, second) == b"Bist du auf Station?"
    reply = send(jonas, anna, b"Ja, Zimmer 12")
    assert reply[0] == NORMAL
    assert receive(anna, jonas, reply) == b"Ja, Zimmer 12"
    third = send(anna, jonas, SECRET)
    assert third[0] == NORMAL
    assert receive(jonas, anna, third) == SECRET
    ids = anna.olm.session_ids(jonas.device_id, jonas.member.curve25519)
    assert ids == jonas.olm.session_ids(anna.device_id, anna.member.curve25519)
    assert len(ids) == 1


def test_used_one_time_key_is_removed_from_the_account(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    otk = anna.claim_from(ward.relay, jonas)
    assert receive(jonas, anna, send(anna, jonas, b"eins", otk)) == b"eins"
    jonas.restart()  # the removal was persisted, not only done in memory
    replayed_key = send(mia, jonas, b"zwei", otk)  # a relay handing out the key twice
    with pytest.raises(UndecryptableMessage, match="one-time key"):
        receive(jonas, mia, replayed_key)
    assert not jonas.olm.has_session(mia.device_id, mia.member.curve25519)


def test_fallback_key_serves_several_peers_when_one_time_keys_run_out(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    ward.relay.keys[jonas.device_id] = []
    jonas.account.rotate_fallback_key()
    ward.relay.upload(jonas.device_id, jonas.account.upload_keys())
    jonas.account.mark_published()
    fallback = anna.claim_from(ward.relay, jonas)
    assert fallback == mia.claim_from(ward.relay, jonas)
    assert receive(jonas, anna, send(anna, jonas, b"von Anna", fallback)) == b"von Anna"
    assert receive(jonas, mia, send(mia, jonas, b"von Mia", fallback)) == b"von Mia"


def test_without_session_a_claimed_key_is_required(ward: Ward) -> None:
    with pytest.raises(OneTimeKeyRequired, match="dev-jonas"):
        send(ward.anna, ward.jonas, b"x")
    assert not ward.anna.olm.has_session("dev-jonas", ward.jonas.member.curve25519)


def test_tampered_replayed_and_malformed_messages_raise_typed_errors(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    opening = send(anna, jonas, b"hallo", anna.claim_from(ward.relay, jonas))
    assert receive(jonas, anna, opening) == b"hallo"
    message_type, body = send(anna, jonas, SECRET)
    tampered = bytearray(body)
    tampered[-5] ^= 0x01
    with pytest.raises(UndecryptableMessage) as caught:
        receive(jonas, anna, (message_type, bytes(tampered)))
    assert SECRET.decode() not in str(caught.value)
    assert b"Kalium" not in repr(caught.value).encode()
    assert receive(jonas, anna, (message_type, body)) == SECRET  # state was not damaged
    with pytest.raises(UndecryptableMessage):
        receive(jonas, anna, (message_type, body))  # the same message again
    with pytest.raises(UndecryptableMessage, match="unknown type 7"):
        receive(jonas, anna, (7, body))
    with pytest.raises(UndecryptableMessage, match="Malformed"):
        receive(jonas, anna, (NORMAL, b"\x00garbage"))


def test_normal_message_from_a_stranger_is_undecryptable(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    receive(jonas, anna, send(anna, jonas, b"a", anna.claim_from(ward.relay, jonas)))
    reply = send(jonas, anna, b"b")
    with pytest.raises(UndecryptableMessage, match="No Olm session"):
        receive(mia, jonas, reply)


def test_a_pre_key_message_claiming_another_identity_is_refused(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    message = send(anna, jonas, b"a", anna.claim_from(ward.relay, jonas))
    with pytest.raises(UndecryptableMessage, match="identity key"):
        jonas.olm.decrypt(mia.device_id, mia.member.curve25519, *message)


def test_one_identity_key_cannot_belong_to_two_devices(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    send(anna, jonas, b"a", anna.claim_from(ward.relay, jonas))
    with pytest.raises(PeerMismatch, match="dev-jonas"):
        anna.olm.encrypt("dev-impostor", jonas.member.curve25519, None, b"x")
    with pytest.raises(InvalidKey):
        anna.olm.encrypt("dev-x", "not base64!", None, b"x")


def test_sessions_survive_restart_on_both_sides(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    receive(jonas, anna, send(anna, jonas, b"vorher", anna.claim_from(ward.relay, jonas)))
    pending = send(jonas, anna, b"unterwegs")
    anna.restart()
    jonas.restart()
    assert receive(anna, jonas, pending) == b"unterwegs"
    anna_to_jonas = send(anna, jonas, SECRET)
    assert anna_to_jonas[0] == NORMAL
    anna.restart()
    jonas.restart()
    assert receive(jonas, anna, anna_to_jonas) == SECRET
    stored = jonas.container.pickles.names(KIND_OLM)
    assert stored == [
        f"{anna.member.curve25519}|{jonas.olm.session_ids('dev-anna', anna.member.curve25519)[0]}"
    ]
    raw = jonas.container.pickles.load(KIND_OLM, stored[0])
    assert raw is not None and SECRET not in raw


def test_olm_sessions_need_the_right_pickle_key(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    receive(jonas, anna, send(anna, jonas, b"a", anna.claim_from(ward.relay, jonas)))
    wrong = OlmSessions(jonas.account, jonas.container.pickles, bytes(32))
    with pytest.raises(PickleKeyMismatch):
        wrong.has_session(anna.device_id, anna.member.curve25519)


def test_simultaneous_sessions_converge_on_the_one_last_used(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    a_first = send(anna, jonas, b"von Anna", anna.claim_from(ward.relay, jonas))
    j_first = send(jonas, anna, b"von Jonas", jonas.claim_from(ward.relay, anna))
    assert receive(jonas, anna, a_first) == b"von Anna"
    assert receive(anna, jonas, j_first) == b"von Jonas"
    # Each now holds two sessions and answers in the one the other side used last.
    follow_up = send(jonas, anna, b"weiter")
    assert receive(anna, jonas, follow_up) == b"weiter"
    back = send(anna, jonas, b"ok")
    assert back[0] == NORMAL
    assert receive(jonas, anna, back) == b"ok"
    assert len(anna.olm.session_ids(jonas.device_id, jonas.member.curve25519)) == 2


def test_sessions_per_peer_are_bounded(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    for i in range(MAX_SESSIONS_PER_PEER + 2):
        jonas.publish(ward.relay, target=1)
        fresh = OlmSessions(anna.account, _Empty(), anna.pickle_key)  # forgets Anna's sessions
        msg = fresh.encrypt(
            jonas.device_id, jonas.member.curve25519, anna.claim_from(ward.relay, jonas), b"n%d" % i
        )
        assert receive(jonas, anna, (msg.message_type, msg.body)) == b"n%d" % i
    ids = jonas.olm.session_ids(anna.device_id, anna.member.curve25519)
    assert len(ids) == MAX_SESSIONS_PER_PEER
    assert len(jonas.container.pickles.names(KIND_OLM)) == MAX_SESSIONS_PER_PEER
    assert jonas.olm.forget(anna.device_id, anna.member.curve25519) == MAX_SESSIONS_PER_PEER
    assert jonas.container.pickles.names(KIND_OLM) == []


class _Empty:
    """A store with no sessions in it, so Anna opens a new session every time."""

    def save(self, kind: str, name: str, pickle: bytes) -> None:
        pass

    def save_many(self, kind: str, items: Sequence[tuple[str, bytes]]) -> None:
        pass

    def load(self, kind: str, name: str) -> bytes | None:
        return None

    def names(self, kind: str) -> list[str]:
        return []

    def delete(self, kind: str, name: str) -> None:
        pass


def test_preloaded_sessions_are_the_stored_ones_and_keep_the_identity_check(ward: Ward) -> None:
    """``preload`` (one listing of the store for a whole room-key share) loads exactly
    what one-by-one loading would, and still refuses a key claimed by another device."""
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    for peer in (jonas, mia):
        first = send(anna, peer, b"vorher", anna.claim_from(ward.relay, peer))
        assert receive(peer, anna, first) == b"vorher"
        assert receive(anna, peer, send(peer, anna, b"Antwort"))[:7] == b"Antwort"
    anna.restart()
    anna.olm.preload([(p.device_id, p.member.curve25519) for p in (jonas, mia)])
    for peer in (jonas, mia):
        assert anna.olm.has_session(peer.device_id, peer.member.curve25519)
        message = send(anna, peer, SECRET)
        assert message[0] == NORMAL  # the stored session, not a new one
        assert receive(peer, anna, message) == SECRET
    anna.restart()
    with pytest.raises(PeerMismatch, match="dev-jonas"):
        anna.olm.preload(
            [("dev-impostor", jonas.member.curve25519), (mia.device_id, mia.member.curve25519)]
        )

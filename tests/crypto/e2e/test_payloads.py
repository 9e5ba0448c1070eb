"""Payloads inside Olm: strict decoding, versions, addressing; room keys checked on arrival."""

from __future__ import annotations

import msgspec
import pytest

from desktop_app.crypto.e2e import (
    Control,
    MemberDevice,
    RoomKey,
    accept_room_key,
    decode_payload,
    encode_payload,
)
from desktop_app.crypto.e2e.errors import PayloadError, RoomKeyRejected
from desktop_app.crypto.e2e.payloads import MAX_CONTROL_BYTES
from tests.crypto.e2e.conftest import T0, Ward

KEY = RoomKey("conv-1", "sid", "skey", "ed-anna")
ADDR = {"sender_device_id": "dev-anna", "recipient_device_id": "dev-jonas"}


def encode(content: RoomKey | Control, **overrides: str) -> bytes:
    fields = {**ADDR, "recipient_ed25519": "ed-jonas", **overrides}
    return encode_payload(content, **fields)


def decode(data: bytes, sender: str = "dev-anna") -> RoomKey | Control:
    return decode_payload(
        data, sender_device_id=sender, own_device_id="dev-jonas", own_ed25519="ed-jonas"
    )


def test_round_trip_of_both_payload_kinds() -> None:
    assert decode(encode(KEY)) == KEY
    control = Control("membership.remove", b"\x01\x02")
    assert decode(encode(control)) == control


def test_addressing_must_match_what_olm_proved() -> None:
    with pytest.raises(PayloadError, match="claims to come from"):
        decode(encode(KEY), sender="dev-mia")
    with pytest.raises(PayloadError, match="another device"):
        decode(encode(KEY, recipient_device_id="dev-mia"))
    with pytest.raises(PayloadError, match="another device"):
        decode(encode(KEY, recipient_ed25519="ed-someone"))


def raw(**changes: object) -> bytes:
    payload: dict[str, object] = {
        "v": 1,
        **ADDR,
        "recipient_ed25519": "ed-jonas",
        "content": {
            "type": "room_key",
            "conversation_id": "c",
            "session_id": "s",
            "session_key": "k",
            "sender_ed25519": "e",
        },
    }
    payload.update(changes)
    return msgspec.msgpack.encode(payload)


def test_raw_reference_payload_decodes() -> None:
    assert decode(raw()) == RoomKey("c", "s", "k", "e")


@pytest.mark.parametrize(
    "changes",
    [
        {"v": 2},
        {"extra": "field"},
        {"content": {"type": "room_key", "conversation_id": "c"}},
        {"content": {"type": "telepathy"}},
        *(
            {
                "content": {
                    "type": "room_key",
                    "conversation_id": f"c{bad}",
                    "session_id": "s",
                    "session_key": "k",
                    "sender_ed25519": "e",
                }
            }
            for bad in ("\n", "\u202e", " ", "\u200b")
        ),  # a conversation id no message may name (protocol.fields.ChosenId)
        {"content": {"type": "control", "name": "Bad Name!", "body": b""}},
        {"content": {"type": "control", "name": "ok", "body": b"x" * (MAX_CONTROL_BYTES + 1)}},
        {"recipient_ed25519": ""},
        {"sender_device_id": 42},
    ],
)
def test_malformed_or_unsupported_payloads_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(PayloadError):
        decode(raw(**changes))


def test_garbage_and_oversized_input_are_refused() -> None:
    with pytest.raises(PayloadError):
        decode(b"\xc1not msgpack")
    with pytest.raises(PayloadError, match="exceeds"):
        decode(b"\x00" * (MAX_CONTROL_BYTES + 8192))
    with pytest.raises(PayloadError, match="exceeds"):
        encode(Control("big", b"x" * (MAX_CONTROL_BYTES + 8192)))


def test_room_key_must_match_the_olm_sender_and_its_session(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    plan = anna.outbound.prepare("conv-1", [jonas.member], T0)
    key = plan.room_key
    with pytest.raises(RoomKeyRejected, match="signing identity"):
        jonas.inbound.add_room_key(key, sender=mia.member)  # Mia forwards Anna's key
    wrong_id = RoomKey(key.conversation_id, "other-id", key.session_key, key.sender_ed25519)
    with pytest.raises(RoomKeyRejected, match="session id"):
        jonas.inbound.add_room_key(wrong_id, sender=anna.member)
    broken = RoomKey(key.conversation_id, key.session_id, key.session_key[:-8], key.sender_ed25519)
    with pytest.raises(RoomKeyRejected, match="malformed"):
        jonas.inbound.add_room_key(broken, sender=anna.member)
    assert jonas.inbound.add_room_key(key, sender=anna.member)
    assert not jonas.inbound.add_room_key(key, sender=anna.member)  # nothing new
    moved = RoomKey("conv-2", key.session_id, key.session_key, key.sender_ed25519)
    with pytest.raises(RoomKeyRejected, match="already bound"):
        jonas.inbound.add_room_key(moved, sender=anna.member)
    with pytest.raises(PayloadError, match="Expected a room key"):
        accept_room_key(jonas.inbound, Control("x", b""), sender=anna.member)


def test_an_earlier_copy_of_a_key_replaces_a_later_one(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    early = anna.outbound.prepare("conv-1", [jonas.member], T0)
    anna.outbound.mark_shared("conv-1", early.session_id, ["dev-jonas"])
    anna.outbound.encrypt("conv-1", b"eins", T0)
    late = anna.outbound.prepare("conv-1", [jonas.member], T0).room_key
    assert late.session_key != early.room_key.session_key
    sender = MemberDevice(anna.device_id, anna.member.curve25519, anna.member.ed25519)
    assert jonas.inbound.add_room_key(late, sender=sender)
    assert jonas.inbound.add_room_key(early.room_key, sender=sender)  # index 0 < 1
    assert not jonas.inbound.add_room_key(late, sender=sender)

"""End-to-end content for replies, reactions, edits and deletions: strict, bounded, and
readable by older clients where it can be."""

from __future__ import annotations

import msgspec
import pytest

from desktop_app.protocol import content as wire


class OldChatMessage(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="t", tag="chat"
):
    """ChatMessage as a client before reply_to decoded it."""

    v: int
    message_id: str
    sent_ms: int
    text: str
    urgent: bool = False
    attachments: list[wire.AttachmentRef] = []


def test_a_message_without_a_reply_still_decodes_on_an_older_client() -> None:
    plain = wire.encode(wire.ChatMessage(1, "m1", 5, "Visite"))
    assert msgspec.msgpack.decode(plain, type=OldChatMessage).text == "Visite"
    reply = wire.encode(wire.ChatMessage(1, "m2", 6, "ok", reply_to="m1"))
    with pytest.raises(msgspec.ValidationError):  # refused cleanly, never half-shown
        msgspec.msgpack.decode(reply, type=OldChatMessage)
    got = wire.decode_content(reply)
    assert isinstance(got, wire.ChatMessage) and got.reply_to == "m1"


def test_events_round_trip_and_their_fields_are_validated() -> None:
    for event in (
        wire.Reaction(1, "m1", "❤️", 7),
        wire.Reaction(1, "m1", None, 8),
        wire.Edit(1, "m1", "e1", "neu", 9),
        wire.Delete(1, "m1", 10),
    ):
        assert wire.decode_content(wire.encode(event)) == event
    bad = [
        {"t": "reaction", "v": 1, "message_id": "m1", "emoji": "🍕", "at_ms": 1},
        {"t": "edit", "v": 1, "message_id": "m1", "edit_id": "e", "text": "", "at_ms": 1},
        {
            "t": "edit",
            "v": 1,
            "message_id": "m1",
            "edit_id": "e",
            "text": "x" * (wire.MAX_TEXT_CHARS + 1),
            "at_ms": 1,
        },
        {"t": "delete", "v": 1, "message_id": "", "at_ms": 1},
        {"t": "delete", "v": 1, "message_id": "m1", "at_ms": -1},
        {"t": "delete", "v": 1, "message_id": "m1", "at_ms": 1, "extra": 1},
        {"t": "chat", "v": 1, "message_id": "m", "sent_ms": 1, "text": "", "reply_to": ""},
    ]
    for value in bad:
        with pytest.raises(wire.ContentError):
            wire.decode_content_or_unsupported(msgspec.msgpack.encode(value))


def test_a_newer_kind_or_version_is_unsupported_not_malformed() -> None:
    poll = msgspec.msgpack.encode({"t": "poll", "v": 1, "question": "Pizza?"})
    assert wire.decode_content_or_unsupported(poll) == wire.Unsupported("poll", 1)
    v2 = msgspec.msgpack.encode({"t": "chat", "v": 2, "anything": True})
    assert wire.decode_content_or_unsupported(v2) == wire.Unsupported("chat", 2)
    for junk in (b"\xc1", msgspec.msgpack.encode({"v": 1}), msgspec.msgpack.encode([1])):
        with pytest.raises(wire.ContentError):
            wire.decode_content_or_unsupported(junk)


def test_a_number_no_container_row_holds_is_malformed() -> None:
    """msgpack carries up to 2**64 - 1; what a receiver stores must fit SQLite's INTEGER,
    else storing it raised and the envelope came again at every login."""
    huge = 2**64 - 1
    ref = wire.AttachmentRef("a1", "b1", b"\0" * 32, "x.pdf", "application/pdf", huge, "0" * 64)
    salt = b"\1" * wire.GROUP_SALT_BYTES
    for content in (
        wire.ChatMessage(1, "m1", 5, "Befund", attachments=[ref]),
        wire.GroupState(1, "group", "3B", ["a", "b"], ["a"], huge, 5, "a", salt),
        wire.Ephemeral(1, 1, huge, 5),
    ):
        with pytest.raises(wire.ContentError):
            wire.decode_content(wire.encode(content))
    last = wire.GroupState(1, "group", "3B", ["a", "b"], ["a"], wire.MAX_STORED_INT, 5, "a", salt)
    assert wire.decode_content(wire.encode(last)) == last

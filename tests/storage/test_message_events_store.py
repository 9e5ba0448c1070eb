"""Schema 12 storage: held events are bounded and purged; versions and reactions go with
their message; a tombstone replaces a message deleted for everyone in one step."""

from __future__ import annotations

from datetime import timedelta

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.storage.container import Container
from desktop_app.storage.sql_message_events import (
    MAX_HELD_PER_MESSAGE,
    HeldEvent,
    Version,
)
from desktop_app.storage.timeutil import to_ms
from tests.conftest import T0, make_message


def held(cid: ConversationId, target: str, at_ms: int, sender: str = "weber.anna") -> HeldEvent:
    return HeldEvent(cid, MessageId(target), sender, "dev-1", b"\x80", at_ms)


def test_held_events_are_bounded_and_go_with_retention_and_their_conversation(
    container: Container, conversation: ConversationId
) -> None:
    events = container.events
    for _ in range(MAX_HELD_PER_MESSAGE):
        assert events.hold(held(conversation, "m-1", to_ms(T0)))
    assert not events.hold(held(conversation, "m-1", to_ms(T0)))  # one id cannot take all
    assert events.hold(held(conversation, "m-2", to_ms(T0 + timedelta(days=2))))
    assert not events.hold(held(ConversationId("unknown"), "m-3", to_ms(T0)))
    assert events.held_count() == MAX_HELD_PER_MESSAGE + 1
    container.purge.older_than(to_ms(T0 + timedelta(days=1)))
    assert events.held_count() == 1 and events.take_held(MessageId("m-1")) == []
    assert events.hold(held(conversation, "m-4", to_ms(T0)))
    container.purge.conversation(conversation, [])
    assert events.held_count() == 0


def test_the_sender_holding_most_of_a_messages_places_gives_way_to_another(
    container: Container, conversation: ConversationId
) -> None:
    events = container.events
    for _ in range(MAX_HELD_PER_MESSAGE):  # one member's reactions take every place
        assert events.hold(held(conversation, "m-1", 1, "mueller.jonas"))
    assert not events.hold(held(conversation, "m-1", 2, "mueller.jonas"))
    assert events.hold(held(conversation, "m-1", 3))  # the author's deletion still waits
    assert events.hold(held(conversation, "m-1", 4))  # and her edit
    assert not events.hold(held(ConversationId("unknown"), "m-1", 5, "yilmaz.mia"))
    kept = events.take_held(MessageId("m-1"))
    assert len(kept) == MAX_HELD_PER_MESSAGE
    assert [h.received_at_ms for h in kept if h.sender_uid == "weber.anna"] == [3, 4]


def test_tombstone_replaces_the_message_with_its_versions_and_reactions(
    container: Container, conversation: ConversationId
) -> None:
    message = make_message(conversation, "Heparin 5000 IE")
    container.messages.add(message)
    events = container.events
    sent = to_ms(message.sent_at)
    assert events.add_version(
        message.message_id, Version(message.body, sent), "e2", Version("B", sent + 20)
    )
    assert events.add_version(  # an older edit arriving late does not win
        message.message_id, Version("", sent), "e1", Version("A", sent + 10)
    )
    got = container.messages.get(message.message_id)
    assert got is not None and got.body == "B" and got.edited_at is not None
    assert [v.text for v in events.versions(message.message_id)] == ["Heparin 5000 IE", "A", "B"]
    assert events.react(message.message_id, "mueller.jonas", "👍", 5)
    assert not events.react(message.message_id, "mueller.jonas", "❤️", 4)  # older change
    assert events.reactions(message.message_id) == {"👍": ["mueller.jonas"]}

    container.purge.message_for_everyone(message.message_id, "tomb", sent + 30)

    tomb = container.messages.get(message.message_id)
    assert tomb is not None and tomb.body == "tomb" and tomb.deleted_at is not None
    assert tomb.sent_at == message.sent_at and tomb.sender_uid == message.sender_uid
    assert events.versions(message.message_id) == []
    assert events.reactions(message.message_id) == {}
    assert container.messages.search("Heparin") == []

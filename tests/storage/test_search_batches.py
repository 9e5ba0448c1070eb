"""New messages reach the search index in batches (migration 0021), and search still
finds every message the moment it is stored; edits and deletions of messages that are
still waiting, or already indexed, leave the FTS5 index exactly matching the messages
(FTS5's own integrity check compares the two)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.ids import ConversationId
from desktop_app.storage import migrations
from desktop_app.storage.container import Container
from desktop_app.storage.errors import CorruptContainer
from tests.conftest import PASSPHRASE, make_conversation, make_message
from tests.storage.test_migrations import container_at


def waiting(c: Container) -> int:
    return int(c.database.scalar("SELECT count(*) FROM messages_fts_pending"))


def index_matches_messages(c: Container) -> None:
    """FTS5 checks its index against the content (raises if they differ)."""
    c.messages.index_pending()
    with c.database.transaction() as cur:
        cur.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)")


def set_body(c: Container, message_id: str, body: str) -> None:
    with c.database.transaction() as cur:
        cur.execute("UPDATE messages SET body = ? WHERE message_id = ?", (body, message_id))


def delete(c: Container, message_id: str) -> None:
    with c.database.transaction() as cur:
        cur.execute("DELETE FROM messages WHERE message_id = ?", (message_id,))


def test_messages_are_indexed_every_64_and_found_at_once(container: Container) -> None:
    cid = make_conversation(container)
    for i in range(100):
        container.messages.add(make_message(cid, f"Übergabe Zimmer {i}"))
    assert waiting(container) == 100 - 64  # one batch of 64 went into the index
    assert len(container.messages.search("ubergabe", limit=200)) == 100
    assert waiting(container) == 0
    container.messages.add(make_message(cid, "Blutdruck kontrollieren"))
    (hit,) = container.messages.search("blutdruck", conversation_id=cid)
    assert hit.message.body == "Blutdruck kontrollieren"
    assert container.messages.conversations_matching("blutdruck") == [cid]
    index_matches_messages(container)


def test_edits_and_deletions_of_waiting_and_indexed_messages(container: Container) -> None:
    cid = make_conversation(container)
    indexed = [make_message(cid, f"Alttext {i}") for i in range(2)]
    for m in indexed:
        container.messages.add(m)
    container.messages.index_pending()
    fresh = [make_message(cid, f"Neutext {i}") for i in range(2)]
    for m in fresh:
        container.messages.add(m)
    assert waiting(container) == 2

    set_body(container, indexed[0].message_id, "Korrigiert eins")
    set_body(container, fresh[0].message_id, "Korrigiert zwei")
    delete(container, indexed[1].message_id)
    delete(container, fresh[1].message_id)
    assert waiting(container) == 1  # the deleted waiting one left the list

    found = {h.message.body for h in container.messages.search("korrigiert")}
    assert found == {"Korrigiert eins", "Korrigiert zwei"}
    assert container.messages.search("alttext") == []
    assert container.messages.search("neutext") == []
    index_matches_messages(container)


def test_upgrade_from_schema_20_keeps_the_index_and_batches_new_messages(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "old"
    with container_at(directory, 20) as db, db.transaction() as cur:
        cur.execute(
            "INSERT INTO conversations(conversation_id, kind, title, created_at, "
            "last_activity, unread) VALUES ('C1', 'group', 'Station 3B', 1000, 1000, 0)"
        )
        for i in range(3):
            cur.execute(
                "INSERT INTO messages(message_id, conversation_id, sender_uid, body, sent_at, "
                "state) VALUES (?, 'C1', 'weber.anna', ?, ?, 'received')",
                (f"M{i}", f"Laborwert {i}", 1000 + i),
            )
    with Container.open(directory, PASSPHRASE) as c:
        assert c.schema_version == migrations.LATEST
        assert waiting(c) == 0  # what schema 20 indexed stays indexed
        c.messages.add(make_message(ConversationId("C1"), "Laborwert neu"))
        assert waiting(c) == 1
        assert len(c.messages.search("laborwert")) == 4
        delete(c, "M0")
        assert len(c.messages.search("laborwert")) == 3
        index_matches_messages(c)
        assert c.integrity_check() == []


def test_integrity_check_sees_a_broken_index(container: Container) -> None:
    """Control: the check above fails when the index and the messages differ."""
    cid = make_conversation(container)
    container.messages.add(make_message(cid, "Kontrolle"))
    container.messages.index_pending()
    with container.database.transaction() as cur:  # the row goes, its index terms stay
        cur.execute("DROP TRIGGER messages_fts_delete")
        cur.execute("DELETE FROM messages")
    with pytest.raises(CorruptContainer):
        index_matches_messages(container)

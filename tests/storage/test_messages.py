"""Conversations, paging, idempotent adds and full-text search over real SQLCipher."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from desktop_app.domain.ids import ConversationId, MessageId, Uid
from desktop_app.domain.model import Conversation, ConversationKind, Message, MessageState
from desktop_app.storage.container import Container
from desktop_app.storage.sql_search import conversation_token, fts_query
from tests.conftest import T0, make_conversation, make_message


def test_pages_newest_first_and_continue_with_the_cursor(
    container: Container,
    conversation: ConversationId,
    add_messages: Callable[[int, str], list[Message]],
) -> None:
    msgs = add_messages(120, "Nachricht")
    first = container.messages.page(conversation, limit=50)
    assert [m.body for m in first.messages[:2]] == ["Nachricht 119", "Nachricht 118"]
    assert first.next_cursor is not None
    second = container.messages.page(conversation, limit=50, before=first.next_cursor)
    third = container.messages.page(conversation, limit=50, before=second.next_cursor)
    assert third.next_cursor is None
    seen = [m.message_id for p in (first, second, third) for m in p.messages]
    assert seen == [m.message_id for m in reversed(msgs)]


def test_same_timestamp_messages_page_without_loss(
    container: Container, conversation: ConversationId
) -> None:
    container.messages.add_many([make_message(conversation, f"gleichzeitig {i}") for i in range(7)])
    page = container.messages.page(conversation, limit=3)
    got = list(page.messages)
    while page.next_cursor:
        page = container.messages.page(conversation, limit=3, before=page.next_cursor)
        got += page.messages
    assert sorted(m.body for m in got) == sorted(f"gleichzeitig {i}" for i in range(7))


def test_adding_the_same_message_twice_stores_it_once(
    container: Container, conversation: ConversationId
) -> None:
    message = make_message(conversation, "nur einmal")
    assert container.messages.add(message, durable=True) is True
    assert container.messages.add(message) is False
    assert container.messages.add_many([message, message]) == 0
    assert container.messages.count(conversation) == 1
    assert container.conversations.recent()[0].unread == 1


def test_state_updates_and_lookup(container: Container, conversation: ConversationId) -> None:
    message = make_message(conversation, "Status")
    container.messages.add(message)
    container.messages.set_state(message.message_id, MessageState.READ)
    stored = container.messages.get(message.message_id)
    assert stored is not None and stored.state is MessageState.READ
    assert stored.sent_at == message.sent_at
    assert container.messages.get(MessageId("unknown")) is None


def test_conversation_list_by_activity_with_unread(container: Container) -> None:
    a = make_conversation(container, "Station 3B")
    b = make_conversation(container, "Dr. Weber")
    container.messages.add(make_message(a, "früher", T0 + timedelta(minutes=1)))
    container.messages.add(make_message(b, "später", T0 + timedelta(minutes=2)))
    container.messages.add(make_message(b, "noch später", T0 + timedelta(minutes=3)))
    recent = container.conversations.recent()
    assert [(s.conversation.title, s.unread) for s in recent] == [
        ("Dr. Weber", 2),
        ("Station 3B", 1),
    ]
    container.conversations.mark_read(b)
    assert container.conversations.recent()[0].unread == 0
    conv = container.conversations.get(a)
    assert conv is not None and conv.members == ("mueller.jonas", "weber.anna")


def test_search_finds_prefixes_and_ignores_accents(
    container: Container, conversation: ConversationId
) -> None:
    container.messages.add_many(
        [
            make_message(conversation, "Herr Müller braucht ein Röntgen Thorax"),
            make_message(conversation, "Laborwerte Zimmer 7 sind da"),
            make_message(conversation, "EKG bei Frau Schröder unauffällig"),
        ]
    )
    assert [h.message.body for h in container.messages.search("muller")] == [
        "Herr Müller braucht ein Röntgen Thorax"
    ]
    assert len(container.messages.search("rönt")) == 1
    assert len(container.messages.search("labor zim")) == 1
    hit = container.messages.search("schroder")[0]
    assert "[Schröder]" in hit.snippet.bracketed()
    assert container.messages.search("") == []


def test_search_input_with_fts_syntax_is_plain_text(
    container: Container, conversation: ConversationId
) -> None:
    container.messages.add(make_message(conversation, 'NEAR AND "quoted" * stars'))
    for text in ['"', "NEAR(", "a OR", "*", "AND AND", "col:umn", "^x", "-(-)"]:
        container.messages.search(text)  # must not raise an FTS syntax error
    assert len(container.messages.search('"quoted')) == 1
    assert fts_query('Zimmer "7" OR x*') == '"Zimmer"* "7"* "OR"* "x"*'


def test_search_can_be_limited_to_one_conversation(container: Container) -> None:
    a, b = make_conversation(container, "A"), make_conversation(container, "B")
    container.messages.add_many([make_message(a, "Dienstplan A"), make_message(b, "Dienstplan B")])
    assert len(container.messages.search("dienstplan")) == 2
    hits = container.messages.search("dienstplan", conversation_id=b)
    assert [h.message.body for h in hits] == ["Dienstplan B"]


def test_search_in_one_conversation_equals_the_filtered_global_search(
    container: Container,
) -> None:
    """The conversation's FTS token (migration 0017) finds exactly what a search of all
    conversations finds there, newest first; ids with '-' and '_' (token_urlsafe) too."""
    ids = [ConversationId("a-b_c"), ConversationId("a-b"), ConversationId("x_Y-z9")]
    for cid in ids:
        container.conversations.create(
            Conversation(cid, ConversationKind.GROUP, cid, T0, (Uid("weber.anna"),))
        )
    words = ["Troponin steigt", "Übergabe Zimmer 4", "Troponin normal, Übergabe später"]
    container.messages.add_many(
        [
            make_message(ids[i % 3], f"{words[i % 4 % 3]} {i}", T0 + timedelta(minutes=i))
            for i in range(60)
        ]
    )
    for query in ("troponin", "uberg zimm", "tropo norm", "4"):
        everywhere = container.messages.search(query, limit=200)
        for cid in ids:
            hits = container.messages.search(query, limit=200, conversation_id=cid)
            expected = [
                h.message.message_id for h in everywhere if h.message.conversation_id == cid
            ]
            assert [h.message.message_id for h in hits] == expected and expected
            assert all(h.snippet.marks for h in hits)
        limited = container.messages.search(query, limit=3, conversation_id=ids[0])
        assert [h.message.message_id for h in limited] == [
            h.message.message_id for h in everywhere if h.message.conversation_id == ids[0]
        ][:3]


def test_search_never_matches_the_conversation_token(container: Container) -> None:
    cid = ConversationId("a-b_c")
    container.conversations.create(Conversation(cid, ConversationKind.GROUP, "A", T0))
    container.messages.add(make_message(cid, "Visite"))
    token = conversation_token(cid)
    assert container.messages.search(token[:4]) == []
    assert container.messages.search(token, conversation_id=cid) == []
    assert container.messages.conversations_matching(token[:2]) == []


def test_pages_after_a_message_go_newer_without_loss_also_at_equal_times(
    container: Container, conversation: ConversationId
) -> None:
    """The page around a jump target: its place, then newer pages up to the newest."""
    msgs = [make_message(conversation, f"n{i}", T0 + timedelta(minutes=i // 3)) for i in range(20)]
    container.messages.add_many(msgs)
    at = container.messages.cursor_of(conversation, msgs[4].message_id)
    assert at is not None
    assert container.messages.cursor_of(ConversationId("other"), msgs[4].message_id) is None
    page = container.messages.page_after(conversation, at, limit=6)
    seen = list(reversed(page.messages))  # newest first in each page
    while page.next_cursor is not None:
        page = container.messages.page_after(conversation, page.next_cursor, limit=6)
        seen += reversed(page.messages)
    assert [m.body for m in seen] == [f"n{i}" for i in range(5, 20)]


def test_one_conversations_file_names_are_read_from_its_own_attachments(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan, not a time: the file-name search of one conversation uses the index of
    attachments by conversation (migration 0017), not a scan of every attachment."""
    db = container.database
    ran: list[tuple[str, object]] = []
    query = db.query
    monkeypatch.setattr(
        db, "query", lambda sql, params=(): ran.append((sql, params)) or query(sql, params)
    )
    container.messages.search_files("befund", conversation_id=ConversationId("c"))
    ((sql, params),) = ran
    plan = query(f"EXPLAIN QUERY PLAN {sql}", params)
    details = " | ".join(str(r[-1]) for r in plan)
    assert "attachments_by_conversation" in details and "SCAN a" not in details

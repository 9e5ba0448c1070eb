"""Shared fixtures: real SQLCipher containers in temp dirs with a cheap KDF for speed.

Only the KDF cost is lowered (the production parameters are exercised in
tests/crypto/test_keywrap.py); everything else is the real container.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.crypto.keywrap import KdfParams
from desktop_app.domain.ids import ConversationId, Uid, new_conversation_id, new_message_id
from desktop_app.domain.model import Conversation, ConversationKind, Message, MessageState
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FAST_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
PASSPHRASE = "correct horse battery staple"
T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def container_dir(tmp_path: Path) -> Path:
    return tmp_path / "anna"


@pytest.fixture
def container(container_dir: Path) -> Iterator[Container]:
    c = Container.create(
        container_dir, PASSPHRASE, Owner("Dr. Anna Weber", "Kardiologie"), kdf=FAST_KDF
    )
    yield c
    c.close()


def make_conversation(container: Container, title: str = "Station 3B") -> ConversationId:
    cid = new_conversation_id()
    container.conversations.create(
        Conversation(
            cid, ConversationKind.GROUP, title, T0, (Uid("weber.anna"), Uid("mueller.jonas"))
        )
    )
    return cid


def make_message(
    cid: ConversationId, body: str, at: datetime = T0, sender: str = "mueller.jonas"
) -> Message:
    return Message(
        message_id=new_message_id(),
        conversation_id=cid,
        sender_uid=Uid(sender),
        sent_at=at,
        body=body,
        state=MessageState.RECEIVED,
    )


@pytest.fixture
def conversation(container: Container) -> ConversationId:
    return make_conversation(container)


@pytest.fixture
def add_messages(
    container: Container, conversation: ConversationId
) -> Callable[[int, str], list[Message]]:
    def add(n: int, text: str = "Nachricht") -> list[Message]:
        msgs = [
            make_message(conversation, f"{text} {i}", T0 + timedelta(minutes=i)) for i in range(n)
        ]
        container.messages.add_many(msgs)
        return msgs

    return add

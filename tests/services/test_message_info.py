"""Message info between real clients on a real relay: per member delivered / read /
acknowledged in a group of three, only where receipts are on, and forged receipts
(from a non-member, or naming another conversation's message) change nothing."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from desktop_app.protocol import content as wire
from desktop_app.services.errors import ClientError
from desktop_app.services.message_info import message_info
from desktop_app.services.receipts_out import OutgoingReceipts
from desktop_app.storage.sql_receipts import ReceiptKind
from desktop_app.storage.timeutil import to_ms
from tests.services.modified_client import handled_before
from tests.services.test_message_events import group_of_three, sneak


async def _receipt(person: Any, kind: ReceiptKind, messages: list[Any]) -> None:
    await OutgoingReceipts(person.messenger, asyncio.Lock()).send(kind, messages)


def _info(person: Any, mid: Any, *, receipts: bool = True) -> dict[str, tuple[bool, ...]]:
    info = message_info(
        person.container, person.uid, mid, receipts_enabled=receipts, name=lambda u: u.upper()
    )
    return {
        m.name: (m.delivered_at is not None, m.read_at is not None, m.acknowledged_at is not None)
        for m in info.members
    }


def test_receipts_per_member_in_a_group_of_three(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            note = await anna.messenger.send_text(cid, "Visite 14 Uhr")
            urgent = await anna.messenger.send_text(cid, "Rea Zimmer 3", urgent=True)
            assert _info(anna, note.message_id) == {
                "MUELLER.JONAS": (False, False, False),
                "YILMAZ.MIA": (False, False, False),
            }
            got_jonas = await jonas.messenger.sync()
            got_mia = await mia.messenger.sync()
            await _receipt(jonas, ReceiptKind.DELIVERED, got_jonas)
            await _receipt(mia, ReceiptKind.DELIVERED, got_mia)
            await _receipt(jonas, ReceiptKind.READ, [m for m in got_jonas if not m.urgent])
            urgent_at_mia = [m for m in got_mia if m.urgent]
            await _receipt(mia, ReceiptKind.ACKNOWLEDGED, urgent_at_mia)
            await anna.messenger.sync()

            assert _info(anna, note.message_id) == {
                "MUELLER.JONAS": (True, True, False),
                "YILMAZ.MIA": (True, False, False),
            }
            assert _info(anna, urgent.message_id) == {
                "MUELLER.JONAS": (True, False, False),
                "YILMAZ.MIA": (True, False, True),
            }
            # Receipts off: delivered/read are not shown, the acknowledgement always is.
            assert _info(anna, urgent.message_id, receipts=False) == {
                "MUELLER.JONAS": (False, False, False),
                "YILMAZ.MIA": (False, False, True),
            }
            # Only for my own messages.
            with pytest.raises(ClientError, match="your own messages"):
                _info(jonas, got_jonas[0].message_id)

    asyncio.run(scenario())


def test_forged_receipts_change_nothing(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            paul = await w.person("schulz.paul")
            note = await anna.messenger.send_text(cid, "Visite 14 Uhr")
            private = await anna.messenger.send_text("schulz.paul", "unter uns")
            await jonas.messenger.sync()
            await mia.messenger.sync()
            await paul.messenger.sync()
            now = to_ms(paul.session.clock())

            # A non-member's modified client claims to have read the group message.
            state = anna.container.conversations.state(cid)
            assert state is not None
            forged = wire.Receipt(1, "read", [note.message_id], now)
            await paul.messenger.outgoing.queue_content(
                cid, state.members, forged, message_id=None, now=paul.session.clock()
            )
            await paul.messenger.outgoing.flush()
            # A member names a message of another conversation (anna's 1:1 with paul)
            # in a receipt for the group, and paul names the group message in his
            # 1:1 chat with anna.
            await sneak(jonas, cid, wire.Receipt(1, "read", [private.message_id], now))
            await sneak(
                paul,
                private.conversation_id,
                wire.Receipt(1, "acknowledged", [note.message_id], now),
            )
            # Once Anna shows their next texts, every forged receipt was handled.
            await handled_before(jonas, cid, (anna,), "Gelesen?")
            await handled_before(paul, private.conversation_id, (anna,), "Alles klar")

            assert anna.container.receipts.for_message(note.message_id) == []
            assert anna.container.receipts.for_message(private.message_id) == []
            assert _info(anna, note.message_id)["MUELLER.JONAS"] == (False, False, False)
            assert "SCHULZ.PAUL" not in _info(anna, note.message_id)

    asyncio.run(scenario())


def test_reading_more_than_one_receipts_worth_marks_every_message_read(make_ward: Any) -> None:
    """A nurse back from the weekend reads 130 new messages: the sender sees all of them
    read, not the first 100 (one receipt holds at most MAX_RECEIPT_IDS ids)."""
    count = wire.MAX_RECEIPT_IDS + 30

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, _mia, cid = await group_of_three(w)
            sent = [await anna.messenger.send_text(cid, f"Befund {i}") for i in range(count)]
            got = [m for m in await jonas.messenger.sync() if m.body.startswith("Befund")]
            assert len(got) == count
            await _receipt(jonas, ReceiptKind.READ, got)
            await anna.messenger.sync()
            unread = [m.body for m in sent if not _info(anna, m.message_id)["MUELLER.JONAS"][1]]
            assert unread == []

    asyncio.run(scenario())

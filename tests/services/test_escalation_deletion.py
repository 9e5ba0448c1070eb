"""An urgent message deleted for everyone takes its escalated copy with it.

Found in the deletion audit: Anna's client had re-sent her unacknowledged urgent message
on its own ("Escalated from Anna Weber → Jonas Müller: <text>") to the holder of the
functional account. When she deleted the original for everyone, every PC purged it, but
the copy her client had made stayed readable in the holder's container (text, index
terms) and in her own, though she never chose to send it there.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from desktop_app.domain.model import MessageKind
from desktop_app.services import escalation
from tests.services.conftest import ward
from tests.services.test_deletion import pages
from tests.services.test_escalation import ANNA, JONAS, MIA, _setup, _with_clock

GONE = "SAETTIGUNGQX"


def test_deleting_an_escalated_urgent_message_for_everyone_deletes_its_copy(
    relay_dir: Path, tmp_path: Path
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia = [await w.person(e.uid) for e in (ANNA, JONAS, MIA)]
            clock = _with_clock(anna)
            anna.container.settings.set(escalation.TARGET_SETTING, "dienst.kardio")
            sent = await anna.messenger.send_text(JONAS.uid, f"Zi. 12 {GONE} 82 %", urgent=True)
            kept = await anna.messenger.send_text(JONAS.uid, "BLEIBMARKERZW Visite um 9")
            await jonas.messenger.sync()
            clock.now += timedelta(minutes=6)  # nobody acknowledged
            (copy,) = await escalation.escalate_due(anna.messenger, 5)
            got = [m for m in await mia.messenger.sync() if m.kind is MessageKind.TEXT]
            assert [m.message_id for m in got] == [copy.message_id]
            mia.container.messages.index_pending()
            assert GONE.encode() in pages(mia)  # control: the reader sees the copy

            await anna.messenger.events.delete_for_everyone(sent.message_id)
            await jonas.messenger.sync()
            await mia.messenger.sync()

            for person, message_id in ((jonas, sent.message_id), (mia, copy.message_id)):
                tomb = person.container.messages.get(message_id)
                assert tomb is not None and tomb.deleted_at is not None, person.uid
                assert person.container.messages.search(GONE) == [], person.uid
            tomb = anna.container.messages.get(copy.message_id)
            assert tomb is not None and tomb.deleted_at is not None
            for person in (anna, jonas, mia):
                after = pages(person)
                assert GONE.encode() not in after, person.uid
                assert GONE.lower().encode() not in after, person.uid
            assert jonas.container.messages.get(kept.message_id) is not None  # control

    asyncio.run(scenario())

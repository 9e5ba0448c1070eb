"""Sending the outbox: envelopes go in windows (sent before their answers are awaited),
each window's accepted envelopes leave the outbox in one commit, an envelope is never
marked sent without the relay's acceptance, and a request leaves nothing behind in the
link once answered. A real relay on 127.0.0.1, real containers."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from desktop_app.domain.model import MessageKind, MessageState
from desktop_app.relay.admin import revoke
from desktop_app.services.errors import RelayRefused
from desktop_app.services.outgoing import SEND_WINDOW
from tests.relay.conftest import ADMIN
from tests.services.conftest import texts


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_queued_texts_leave_in_windows_one_commit_each_and_in_order(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "Dienstbeginn")
            cid = first.conversation_id
            count = SEND_WINDOW + 8
            for i in range(count):
                await anna.messenger.send_text(cid, f"Bett {i}", deliver=False)
            commits: list[str] = []
            anna.container.database.raw.set_trace_callback(
                lambda sql: commits.append(sql) if sql == "COMMIT" else None
            )
            await anna.messenger.deliver_queued()
            anna.container.database.raw.set_trace_callback(None)
            # one commit per encrypted message, then one per window of answers (it was
            # one per answer: 2 * count)
            assert len(commits) <= count + 2 + 2
            history = anna.messenger.history(cid)
            assert {m.state for m in history if m.kind is MessageKind.TEXT} == {MessageState.SENT}
            assert anna.container.outbox.due(limit=500) == []
            got = await jonas.messenger.sync()
            assert texts(got) == ["Dienstbeginn"] + [f"Bett {i}" for i in range(count)]
            assert anna.session.require_link().open_requests == 0  # no queue left behind

    run(scenario())


def test_an_envelope_refused_again_is_not_marked_sent(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The relay refuses a revoked recipient; if the re-checked list still names it (a
    stale view) and the relay refuses again, the message stays queued, never 'sent'."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas_pc = await w.person("mueller.jonas", "-pc")
            jonas_laptop = await w.person("mueller.jonas", "-laptop")
            first = await anna.messenger.send_text("mueller.jonas", "An beide Geräte")
            revoke(w.relay.root, jonas_pc.session.device_id, ADMIN)

            async def stale_view(devices: list[str]) -> list[str]:
                return devices  # as if the revocation had not reached Anna yet

            with monkeypatch.context() as patch:
                patch.setattr(anna.messenger.outgoing, "_still_live", stale_view)
                with pytest.raises(RelayRefused, match="revoked"):
                    await anna.messenger.send_text(first.conversation_id, "Nur Laptop")
            history = anna.messenger.history(first.conversation_id)
            kept = [m for m in history if m.body == "Nur Laptop"]
            assert [m.state for m in kept] == [MessageState.QUEUED]
            assert len(anna.container.outbox.due(limit=500)) == 1
            # With the true view it goes to the devices that are left.
            await anna.messenger.deliver_queued()
            after = anna.container.messages.get(kept[0].message_id)
            assert after is not None and after.state is MessageState.SENT
            await jonas_laptop.messenger.sync()
            assert "Nur Laptop" in [
                m.body for m in jonas_laptop.messenger.history(after.conversation_id)
            ]

    run(scenario())

"""What an enrolled colleague's modified client can do: put any content on the wire.

It encrypts through the person's real Olm/Megolm sessions and the real relay, skipping
every check the honest client makes before sending, so only the receivers' rules stand
between it and their containers.
"""

from __future__ import annotations

import asyncio

from desktop_app.domain.ids import ConversationId
from desktop_app.protocol import content as wire
from tests.services.conftest import Person

SHOWN_WAIT_S = 30  # an upper bound for one text on a loaded box, not a speed claim


async def forge(sender: Person, cid: str, to: tuple[str, ...], content: wire.Content) -> None:
    """Encrypt ``content`` for ``cid`` to the devices of ``to`` (anyone) and send it."""
    s = sender.session
    await sender.messenger.outgoing.queue_content(
        ConversationId(cid), to, content, message_id=None, now=s.clock()
    )
    await sender.messenger.outgoing.flush()


async def sneak(person: Person, cid: str, content: wire.Content) -> None:
    """Send ``content`` to the conversation's current members."""
    state = person.session.container.conversations.state(ConversationId(cid))
    assert state is not None
    await forge(person, cid, tuple(state.members), content)


async def handled_before(sender: Person, to: str, victims: tuple[Person, ...], text: str) -> None:
    """``sender`` sends an ordinary ``text`` to ``to`` (a conversation or a person) and
    each victim syncs until it shows it. One sender device's envelopes are handled in
    order, so whatever that device forged before has been handled: an absence asserted
    afterwards is real, not a forgery that never arrived."""
    sent = await sender.messenger.send_text(to, text)
    for victim in victims:
        await until_shown(victim, sent.conversation_id, text)


async def until_shown(victim: Person, cid: str, text: str) -> None:
    """Sync ``victim`` until it shows ``text`` in ``cid`` (fails after SHOWN_WAIT_S)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SHOWN_WAIT_S
    while True:
        await victim.messenger.sync()
        state = victim.container.conversations.state(ConversationId(cid))
        if state is not None and text in [m.body for m in victim.messenger.history(cid)]:
            return
        assert loop.time() < deadline, f"{text!r} never arrived"
        await asyncio.sleep(0.1)

"""What an enrolled colleague's modified client can do: put any content on the wire.

It encrypts through the person's real Olm/Megolm sessions and the real relay, skipping
every check the honest client makes before sending, so only the receivers' rules stand
between it and their containers.
"""

from __future__ import annotations

from desktop_app.domain.ids import ConversationId
from desktop_app.protocol import content as wire
from tests.services.conftest import Person


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

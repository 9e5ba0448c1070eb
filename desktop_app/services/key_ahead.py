"""The room key goes out while the person types, so that Send does not wait for it.

The first message of a conversation, and the first after its room key rotates (a new
member, a new or removed device, the key's age or count), must first give the key to
every member device over Olm. For a ward group with 500 devices that is 500 Olm
handshakes, about 100 ms of CPU on a ward PC (vodozemac alone 60 ms) before the message
can leave, and a device list refresh and a key claim on the relay besides. As other
Megolm messengers do, the key is shared when the person starts typing in the
conversation: the same key to the same devices the message would give it to, seconds
earlier; Send then finds every device served and costs one Megolm step. A message
that is not typed is prepared the same way when it takes shape: a file attached in
the composer, a conversation chosen in the forward dialog (``LiveClient.about_to_send``).

What it shows others: nothing new to the members (they get the key they would get with
the message). The relay sees the key envelope a few seconds before the message instead
of just before it; a draft that is never sent leaves a key envelope without a message,
which tells the relay that someone on this PC started writing (or attached a file, or
chose that conversation to forward to) in that conversation. It
happens only when a key is due anyway, at most once per conversation every
``AHEAD_INTERVAL_S``, and never without a connection. Whether a person types is not
otherwise sent (that is the typing indicator, off unless IT switches it on).

A failure here is logged and forgotten: the message shares the key itself as before.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from desktop_app.domain.ids import ConversationId
from desktop_app.services import conversations
from desktop_app.services.errors import ClientError
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.session import ClientSession

log = logging.getLogger("wardlink.send")

AHEAD_INTERVAL_S = 30.0
"""At most one look per conversation this often while the person types."""


class KeyAhead:
    """Shares a conversation's room key ahead of its next message (see above)."""

    def __init__(self, session: ClientSession, outgoing: Outgoing) -> None:
        self.s = session
        self.outgoing = outgoing
        self._last: dict[ConversationId, datetime] = {}

    def due(self, conversation: str) -> bool:
        """Whether a keystroke now should look (checked before taking any lock)."""
        if self.s.link is None:
            return False
        last = self._last.get(ConversationId(conversation))
        return last is None or self.s.clock() - last >= timedelta(seconds=AHEAD_INTERVAL_S)

    async def prepare(self, conversation: str) -> bool:
        """Share the key with every member device that lacks it and send it; True if a
        key went out (nothing to do, offline, or refused: False)."""
        s = self.s
        cid = ConversationId(conversation)
        if not self.due(conversation):
            return False
        state = s.container.conversations.state(cid)
        if state is None or s.uid not in state.members:
            return False
        now = s.clock()
        self._last[cid] = now
        try:
            queued = await self.outgoing.share_key_ahead(
                cid, state.members, now=now, announce=conversations.as_wire(state, now)
            )
            if queued:
                await self.outgoing.flush()  # offline meanwhile: it leaves on reconnect
        except ClientError as exc:  # offline, refused, nobody to receive it
            log.info("room key for %s not shared ahead: %s", cid, exc)
            return False
        return queued

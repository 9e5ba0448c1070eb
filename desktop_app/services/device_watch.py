"""New devices of the people we talk to, noticed while nobody writes.

A client learns of a colleague's new device when it fetches that person's device list,
which sending does. A device planted to read along (docs/trust.md, "residual risk")
should not wait for the next message to show, so while connected the live client
re-reads the device lists of everyone it has a conversation with every few minutes;
each new device becomes the line "… has a new device." in every conversation with
its owner (``Messenger.announce_new_devices``). The same round adds the pending
members of my groups who have enrolled since (``Messenger.add_pending_members``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from desktop_app.services.errors import RelayUnavailable
from desktop_app.services.messenger import Messenger
from desktop_app.services.relay_link import RelayLink

log = logging.getLogger("wardlink.devices")

DEVICE_WATCH_S = 300.0
"""How often the device lists of everyone we talk to are read again while connected."""
WATCHED_CONVERSATIONS = 500


async def watch_devices(
    messenger: Messenger,
    link: RelayLink,
    busy: asyncio.Lock,
    changed: Callable[[], None],
    interval_s: float = DEVICE_WATCH_S,
) -> None:
    """Until the link ends: read the lists, announce new devices, wait, again."""
    s = messenger.s
    while True:
        try:
            async with busy:
                recent = s.container.conversations.recent(WATCHED_CONVERSATIONS)
                people = {u for c in recent for u in c.conversation.members} - {s.uid}
                if people:
                    await s.peers.refresh(link, people)
                found = bool(s.peers.new_devices)
                messenger.announce_new_devices()
                found = bool(await messenger.add_pending_members()) or found
        except RelayUnavailable:
            return  # the link ended; the next connection starts a new watch
        if found:
            changed()
        await asyncio.sleep(interval_s)

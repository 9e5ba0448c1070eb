"""The headless client's receive loop while it calls (``Calls.pump``): every delivered
envelope handled under the one lock the ratchets need, then acknowledged."""

from __future__ import annotations

import asyncio
import logging

from desktop_app.protocol import Deliver, Revocations
from desktop_app.services.incoming_batch import handled, keep_for_retry
from desktop_app.services.messenger import Messenger

log = logging.getLogger("wardlink.calls")


async def pump(m: Messenger, lock: asyncio.Lock) -> None:
    """Until the link ends (the GUI's LiveClient receive loop does the same)."""
    s = m.s
    link = s.require_link()
    while (frame := await link.incoming.get()) is not None:
        async with lock:
            if isinstance(frame, Revocations):
                s.peers.accept_pushed_revocations(frame.crl)
                continue
            assert isinstance(frame, Deliver)
            try:
                await m.incoming.handle(frame)
                key = handled(m.incoming, frame)
            except Exception:
                log.exception("could not handle envelope %s", frame.envelope_id)
                if keep_for_retry(m.incoming, frame):
                    continue
                key = (frame.sender_device, frame.envelope_id)
            await m.incoming.acknowledge([key])

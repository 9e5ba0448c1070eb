"""Task and calendar changes made here that the relay has not taken yet.

A change is applied locally first and kept in the container's settings until it is
queued for the members, so a ward PC without its relay can still tick off tasks; the
kept changes go out on the next sync (Messenger.deliver_queued), encrypted for the
members of that moment (a member removed meanwhile gets nothing).
"""

from __future__ import annotations

import base64
import json
import logging
from datetime import datetime

from desktop_app.domain.ids import ConversationId
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.services.errors import ClientError, RelayUnavailable, UnknownRecipient
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.session import ClientSession
from desktop_app.storage.sql_messages import ConversationState

log = logging.getLogger("wardlink.teamwork")

UNSENT_KEY = "teamwork.unsent"  # changes made here that the relay has not taken yet
MAX_UNSENT = 10_000  # contents (a calendar batch counts once) made offline


class OutboxFull(ClientError):
    """Too many changes wait for the relay (a PC offline for very long)."""


class TeamworkOutbox:
    def __init__(self, session: ClientSession, outgoing: Outgoing | None) -> None:
        self.s = session
        self.outgoing = outgoing

    def keep(self, items: list[tuple[ConversationId, wire.Content]]) -> None:
        """Keep changes until the relay took them: made offline, they go out on the next
        sync (Messenger.deliver_queued), so a PC without the relay can still work."""
        held = self._held()
        if len(held) + len(items) > MAX_UNSENT:
            raise OutboxFull(
                f"More than {MAX_UNSENT} task and calendar changes wait for the relay; "
                "connect before changing more.",
                key="outbox_full",
                maximum=MAX_UNSENT,
            )
        held += [[cid, base64.b64encode(wire.encode(c)).decode("ascii")] for cid, c in items]
        self.s.container.settings.set(UNSENT_KEY, json.dumps(held))

    def _held(self) -> list[list[str]]:
        raw = self.s.container.settings.get(UNSENT_KEY)
        return [] if raw is None else list(json.loads(raw))

    async def send_now(self) -> None:
        """Send what is kept if online; a link failing now leaves it for the next sync
        (the change is applied here already)."""
        try:
            await self.send_unsent()
        except RelayUnavailable as exc:
            log.warning("task/calendar change kept for the next sync: %s", exc)

    async def send_unsent(self, *, flush: bool = True) -> int:
        """Encrypt and queue the kept changes for the members (now, not when made: a
        member removed meanwhile gets nothing); offline this does nothing."""
        s = self.s
        held = self._held()
        if s.link is None or not held:
            return 0
        done = 0  # kept changes dealt with (queued, or dropped for good)
        try:
            for cid_text, encoded in held:
                cid = ConversationId(cid_text)
                state = s.container.conversations.state(cid)
                if state is None or s.uid not in state.members:
                    log.warning("dropped an unsent change: no longer a member of %s", cid)
                else:
                    content = wire.decode_content(base64.b64decode(encoded))
                    try:
                        await self.queue(cid, state, content, s.clock())
                    except UnknownRecipient as exc:
                        log.warning("dropped an unsent change for %s: %s", cid, exc)
                done += 1
        finally:  # what was queued is in the outbox; a repeat would be a harmless duplicate
            rest = held[done:]
            if rest:
                s.container.settings.set(UNSENT_KEY, json.dumps(rest))
            else:
                s.container.settings.delete(UNSENT_KEY)
        if flush and self.outgoing is not None:
            await self.outgoing.flush()
        return done

    async def queue(
        self, cid: ConversationId, state: ConversationState, content: wire.Content, now: datetime
    ) -> None:
        if self.outgoing is None:
            raise RuntimeError("the teamwork outbox was built without an outgoing path")
        await self.outgoing.queue_content(
            cid,
            state.members,
            content,
            message_id=None,
            now=now,
            announce=conversations.as_wire(state, now),
        )

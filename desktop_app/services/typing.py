"""The typing indicator (issue 13): "Anna is typing…" under the chat title.

Who types when is metadata, so it is off unless IT switches on the machine policy
``typing_indicator`` (services/policy.py); a PC with it off neither sends nor shows it.
It travels as the end-to-end encrypted content kind ``typing`` (protocol/content.py) on
the ordinary message path, but is never stored in the container and never shown as a
message: a receiver only keeps, in memory, until when each person counts as typing.

Sending is rate-limited (at most one every ``SEND_INTERVAL_S`` per conversation while
the person types). A receiver drops it from non-members, from itself, for conversations
it does not know, when its own policy is off, and when it is old (a queued or late
envelope must not show someone typing minutes later). It expires ``EXPIRES_S`` after
arrival, or at once when a message from that person arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop_app.domain.ids import ConversationId, EnvelopeId
from desktop_app.protocol import content as wire
from desktop_app.services.errors import ClientError, RelayRefused, RelayUnavailable
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.session import ClientSession
from desktop_app.storage.timeutil import from_ms, to_ms

log = logging.getLogger("wardlink.typing")

SEND_INTERVAL_S = 4.0  # at most one "typing" per conversation this often while typing
EXPIRES_S = 6.0  # a receiver shows it this long after it arrived
MAX_AGE_S = 15.0  # older than this (sent or relayed): stale, ignored
MAX_AHEAD_S = 30.0  # a sender's clock this far ahead of ours is not believed

OnChanged = Callable[[ConversationId], None]


@dataclass(frozen=True, slots=True)
class TypingNow:
    """Who types in a conversation now (the live client's ``typing`` event)."""

    conversation: str
    names: tuple[str, ...]  # empty: nobody (any more)
    expires_s: float = EXPIRES_S  # hide after this long unless renewed


class TypingIndicator:
    """Sends this person's typing and keeps who else is typing where (memory only)."""

    def __init__(self, session: ClientSession, outgoing: Outgoing | None = None) -> None:
        self.s = session
        self.outgoing = outgoing or Outgoing(session)
        self.enabled = False  # machine.typing_indicator(policy); set by the live client
        self.on_changed: OnChanged | None = None
        self._last_sent: dict[ConversationId, datetime] = {}
        self._typing: dict[ConversationId, dict[str, datetime]] = {}  # uid -> shown until

    # ---- sending ---------------------------------------------------------------------

    def due(self, conversation: str) -> bool:
        """Whether a keystroke now would send (checked before taking any lock)."""
        if not self.enabled or self.s.link is None:
            return False
        last = self._last_sent.get(ConversationId(conversation))
        return last is None or self.s.clock() - last >= timedelta(seconds=SEND_INTERVAL_S)

    async def typing(self, conversation: str) -> bool:
        """Tell the others that I type here; True if sent now (off, offline, or sent
        less than ``SEND_INTERVAL_S`` ago: nothing is sent)."""
        s = self.s
        cid = ConversationId(conversation)
        now = s.clock()
        if not self.due(conversation):
            return False
        state = s.container.conversations.state(cid)
        if state is None or s.uid not in state.members or len(state.members) < 2:
            return False
        self._last_sent[cid] = now
        envelope: EnvelopeId | None = None
        try:
            envelope = await self.outgoing.queue_content(
                cid, tuple(state.members), wire.Typing(1, to_ms(now)), message_id=None, now=now
            )
            await self.outgoing.flush()
        except (RelayUnavailable, RelayRefused, ClientError) as exc:
            # A typing signal is worth nothing later: never leave it queued for a resend.
            if envelope is not None:
                s.container.outbox.acknowledged(envelope)
            log.info("typing signal not sent: %s", exc)
            return False
        return True

    def stopped(self, conversation: str) -> None:
        """The message was sent (or the draft cleared): the next keystroke signals again."""
        self._last_sent.pop(ConversationId(conversation), None)

    # ---- receiving -------------------------------------------------------------------

    def receive(
        self, cid: ConversationId, sender_uid: str, content: wire.Typing, at: datetime
    ) -> bool:
        """Someone types in ``cid`` (``at``: when the relay took the envelope). True if
        accepted; every refusal is silent (it is only a hint)."""
        s = self.s
        now = s.clock()
        if not self.enabled or sender_uid == s.uid:
            return False
        state = s.container.conversations.state(cid)
        if state is None or s.uid not in state.members or sender_uid not in state.members:
            log.info("typing from %s for %s refused: not a member", sender_uid, cid)
            return False
        if content.at_ms - to_ms(now) > MAX_AHEAD_S * 1000:
            return False  # from a clock far ahead (or beyond any date: no datetime for it)
        sent = from_ms(content.at_ms)
        old = timedelta(seconds=MAX_AGE_S)
        if now - sent > old or now - at > old or sent - now > timedelta(seconds=MAX_AHEAD_S):
            return False  # stale (queued, redelivered) or from a clock far off
        self._typing.setdefault(cid, {})[sender_uid] = now + timedelta(seconds=EXPIRES_S)
        self._changed(cid)
        return True

    def message_arrived(self, cid: ConversationId, sender_uid: str) -> None:
        """Their message is here: they no longer count as typing."""
        if self._typing.get(cid, {}).pop(sender_uid, None) is not None:
            self._changed(cid)

    def who(self, conversation: str, now: datetime | None = None) -> list[str]:
        """The uids typing in ``conversation`` now, in the order they started."""
        cid = ConversationId(conversation)
        now = self.s.clock() if now is None else now
        current = {u: until for u, until in self._typing.get(cid, {}).items() if until > now}
        if current:
            self._typing[cid] = current
        else:
            self._typing.pop(cid, None)
        return list(current)

    def _changed(self, cid: ConversationId) -> None:
        if self.on_changed is not None:
            self.on_changed(cid)

"""Disappearing messages: a conversation marked "ephemeral" deletes each message a set
number of hours after it was read on this PC (issue 17; DSK: keep no longer than needed).

Who may set it (each receiver checks; docs/e2e.md "Disappearing messages"): in a group a
current admin (its creator, or whoever the creator made admin), in a 1:1 chat either of
the two. The setting travels as ``wire.Ephemeral`` with a growing ``version``; of two
settings the one with the higher (version, time, setter) wins everywhere, so devices
that were offline agree. A received version more than MAX_VERSION_STEP above the held
one is refused (a peer could otherwise lock the setting at the last number), and its
time counts only up to when the relay took it. Every change is a system line naming
who set what.

The machine policy ``ephemeral_hours`` makes every conversation ephemeral on this PC;
when both are set the shorter wins. "Read" is when the conversation was opened (app)
or printed (headless ``sync``/``history``); my own messages count as read when sent.
Deletion is the purge path's (text, index, files), checked with retention (on unlock,
every ``EPHEMERAL_INTERVAL_S`` while running, at every headless call).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Final

import msgspec

from desktop_app.domain import system_lines
from desktop_app.domain.ids import ConversationId
from desktop_app.protocol import content as wire
from desktop_app.services import conversations, ephemeral_repeat
from desktop_app.services.errors import ClientError
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.session import ClientSession
from desktop_app.storage.purge import PurgeReport
from desktop_app.storage.sql_ephemeral import EphemeralSetting
from desktop_app.storage.timeutil import peer_ms, to_ms

log = logging.getLogger("wardlink.ephemeral")

EPHEMERAL_INTERVAL_S: Final = 300.0  # a message goes at most 5 minutes late
CHOICES_HOURS: Final = (1, 8, 24, 24 * 7)  # what the app offers; any 1..720 on the wire
# How far a received setting's version may lie above the one held (honest clients count
# up by one): a peer sending the last number there is would otherwise lock the setting.
MAX_VERSION_STEP: Final = 1_000


class NotAllowed(ClientError):
    """Only an admin (group) or either person (1:1) may change disappearing messages."""


class DisappearingMessages:
    def __init__(self, session: ClientSession, outgoing: Outgoing | None = None) -> None:
        self.s = session
        self.outgoing = outgoing
        self.policy_hours: int | None = None  # machine policy ``ephemeral_hours``
        self.on_changed: Callable[[ConversationId], None] = lambda _cid: None

    def hours(self, cid: str) -> int | None:
        """The hours in force for a conversation on this PC (None: messages stay)."""
        setting = self.s.container.ephemeral.setting(cid)
        chosen = setting.hours if setting is not None else None
        values = [h for h in (chosen, self.policy_hours) if h]
        return min(values) if values else None

    def may_set(self, cid: str) -> bool:
        return ephemeral_repeat.may_set(self.s, cid, self.s.uid)

    async def set(self, cid: str, hours: int | None) -> EphemeralSetting:
        """Switch disappearing messages on (``hours``) or off (None) for everyone."""
        if hours is not None and not 1 <= hours <= wire.MAX_EPHEMERAL_HOURS:
            raise ClientError(
                f"Choose 1 to {wire.MAX_EPHEMERAL_HOURS} hours.",
                key="disappearing_hours",
                maximum=wire.MAX_EPHEMERAL_HOURS,
            )
        s = self.s
        conversation = ConversationId(cid)
        state = s.container.conversations.state(conversation)
        if state is None or s.uid not in state.members:
            raise NotAllowed("You are not a member of this conversation.", key="not_member")
        if not self.may_set(cid):
            raise NotAllowed(
                "Only an admin of the group can change disappearing messages.",
                key="disappearing_admins_only",
            )
        if self.outgoing is None:
            raise RuntimeError("DisappearingMessages was built without an outgoing path")
        s.require_link()
        held = s.container.ephemeral.setting(cid)
        now = s.clock()
        content = wire.Ephemeral(1, hours, (held.version if held else 0) + 1, to_ms(now))
        await self.outgoing.queue_content(
            conversation,
            state.members,
            content,
            message_id=None,
            now=now,
            announce=conversations.as_wire(state, now),
        )
        setting = self._keep(conversation, s.uid, content, now)
        await self.outgoing.flush()
        return setting

    def receive(
        self, cid: ConversationId, sender_uid: str, content: wire.Ephemeral, at: datetime
    ) -> None:
        if not ephemeral_repeat.may_set(self.s, cid, sender_uid):
            log.warning("refused disappearing-messages change in %s by %s", cid, sender_uid)
            return
        held = self.s.container.ephemeral.setting(cid)
        if content.version > (held.version if held else 0) + MAX_VERSION_STEP:
            log.warning(
                "refused disappearing-messages change in %s by %s: version %d jumps more "
                "than %d", cid, sender_uid, content.version, MAX_VERSION_STEP,
            )  # fmt: skip
            return
        content = msgspec.structs.replace(content, changed_ms=peer_ms(content.changed_ms, at))
        self._keep(cid, sender_uid, content, at)

    def _keep(
        self, cid: ConversationId, uid: str, content: wire.Ephemeral, at: datetime
    ) -> EphemeralSetting:
        setting = EphemeralSetting(content.hours, content.version, uid, content.changed_ms)
        if self.s.container.ephemeral.keep(cid, setting):
            who = self.s.display_name(uid)
            # The whole order key: a second setting under one version (a modified client,
            # or one person's two PCs at once) wins by its time and must get its own line.
            key = f"ephemeral-{content.version}-{uid}-{content.changed_ms}"
            body = (
                system_lines.encode("ephemeral_on", by=who, hours=str(content.hours))
                if content.hours
                else system_lines.encode("ephemeral_off", by=who)
            )
            conversations.system_line(self.s.container, cid, uid, body, key, at)
            self.on_changed(cid)
        return self.s.container.ephemeral.setting(cid) or setting

    def mark_read(self, cid: str) -> None:
        self.s.container.ephemeral.mark_read(cid, to_ms(self.s.clock()))

    def apply(self) -> PurgeReport | None:
        """Delete what has outlived its conversation's hours; None if nothing was due."""
        container = self.s.container
        due = container.ephemeral.expired(self.s.uid, to_ms(self.s.clock()), self.policy_hours)
        if not due:
            return None
        report = container.purge.messages(due)
        log.info("disappearing messages: deleted %d message(s)", report.messages)
        return report

    async def keep_applying(
        self,
        busy: asyncio.Lock,
        on_deleted: Callable[[], None],
        interval_s: float = EPHEMERAL_INTERVAL_S,
    ) -> None:
        """Apply every ``interval_s`` while the client runs (the unlock applied it once)."""
        while True:
            await asyncio.sleep(interval_s)
            try:
                async with busy:
                    report = self.apply()
            except ClientError as exc:  # a full disk must not end the loop
                log.warning("disappearing messages not applied: %s", exc)
                continue
            if report is not None and report.messages:
                on_deleted()

"""The presence heartbeat of group calls: a member whose PC crashes (or loses its
network) never says "out", so without this it stayed listed in everyone's group call.

While this person is in a group call, ``PresenceKeeper`` sends a ``GroupPresence`` with
``heartbeat`` every ``HEARTBEAT_S`` to every member (E2E, the ordinary signalling path).
Each time it also drops members not heard from for ``PRESENCE_TIMEOUT_S`` whose peer
connection to this PC is gone (``GroupCalls.drop_silent``: a chat line names who is still
in), and anyone removed from the conversation (services/group_removed.py). "Gone": no
active leg, or an active leg on which no packet arrived since the last beat (aiortc
keeps a leg to a killed peer "connected" for minutes; a live peer always sends, silence
and muted included). Both times are attributes so tests can shorten them.
A member whose relay link breaks but whose media still flows stays in (its leg is
active). The receiver checks are in
``GroupCalls._heartbeat``: a heartbeat only counts for a known call, from a member who is
in (or was dropped for silence), newer than their last report.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Final

from aiortc.stats import RTCInboundRtpStreamStats

from desktop_app.domain.call_state import CallState
from desktop_app.services import group_removed

if TYPE_CHECKING:
    from desktop_app.services.group_calls import GroupCalls

log = logging.getLogger("wardlink.calls")

HEARTBEAT_S: Final = 10.0
PRESENCE_TIMEOUT_S: Final = 30.0  # three heartbeats missed


class PresenceKeeper:
    def __init__(self, groups: GroupCalls) -> None:
        self.groups = groups
        self.heartbeat_s = HEARTBEAT_S
        self.timeout_s = PRESENCE_TIMEOUT_S
        self._task: asyncio.Task[None] | None = None
        self._packets: dict[str, int] = {}  # leg call id -> packets received at last beat

    def ensure(self) -> None:
        """Running while any group call is known with someone in it (started on the
        first report or join; it ends by itself when none is left)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _needed(self) -> bool:
        return any(g.joined or g.present() for g in self.groups.groups.values())

    async def _run(self) -> None:
        while self._needed():
            await asyncio.sleep(self.heartbeat_s)
            try:
                await self.groups.beat()
            except Exception as exc:  # the relay is away: the next beat tries again
                log.info("group call heartbeat not sent: %s", exc)
            group_removed.drop_removed(self.groups)  # out of the conversation: out of the call
            stalled = await self._stalled_legs()
            for group_id, uid in self.groups.drop_silent(self.timeout_s, stalled):
                log.info("group call %s: %s not heard from, dropped", group_id, uid)

    async def _stalled_legs(self) -> set[str]:
        """Active legs on which nothing arrived since the previous beat."""
        stalled: set[str] = set()
        seen: dict[str, int] = {}
        calls = self.groups.calls.calls
        for g in list(self.groups.groups.values()):
            for call_id in list(g.legs.values()):
                live = calls.get(call_id)
                if live is None or live.pc is None or live.call.state is not CallState.ACTIVE:
                    continue
                count = sum(
                    s.packetsReceived
                    for s in (await live.pc.getStats()).values()
                    if isinstance(s, RTCInboundRtpStreamStats)
                )
                if self._packets.get(call_id) == count:
                    stalled.add(call_id)
                seen[call_id] = count
        self._packets = seen
        return stalled

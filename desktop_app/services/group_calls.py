"""Group calls for a ward huddle: up to ``MAX_PARTICIPANTS`` members of a group
conversation, each pair joined by its own 1:1 leg (a full mesh; services/calls.py runs
every leg with its own DTLS-SRTP connection, so nothing is mixed or relayed).

How the mesh forms (docs/calls.md "Group calls"):

* Presence: whoever joins or leaves tells every member of the conversation with an Olm
  ``GroupPresence`` signal that speaks only for the sender (in or out, newest report
  wins). Every member's device thus knows who is in; its chat gets a line naming them.
* The starter rings every other member (invitation legs; ``Offer.group``). A member who
  accepts is in, and tells everyone.
* Who counts as in (``_Group.present``): this person while in, then the others in the
  order this PC learned their "in", up to ``MAX_PARTICIPANTS``; a report beyond that is
  kept but not counted (no tile, no line, no leg) until a place frees. First come stays
  in: a later report never pushes out one counted before.
* Between two people who are both in and have no leg yet, the one with the smaller uid
  places a mesh leg (``Offer.join``), which the other takes without ringing. So both
  sides of a pair agree who calls, and nobody else can slip a leg in: a join offer is
  taken only from a member whose presence says "in", with a smaller uid, while this
  person is in and the call is not full.
* Media only with who is shown (services/group_legs.py): an invitation rings and is
  answered only while its sender counts as in (an honest starter reports "in" before it
  rings, and one device's signals are handled in order), an answer is applied only
  from someone counted, and whenever who counts changes every other leg is hung up.
* A member who was rung and missed it, or left, joins again while it runs by calling the
  group conversation (``start`` finds the running call).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Final

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain import system_lines
from desktop_app.domain.call_state import CallState, Role
from desktop_app.domain.ids import ConversationId, new_token
from desktop_app.protocol.call_signal import CALL_CONTROL, GroupPresence, Offer, encode_signal
from desktop_app.services import conversations, group_legs
from desktop_app.services.call_flood import admit_new_group_call
from desktop_app.services.call_live import LiveCall
from desktop_app.services.call_media import CallMedia, CallRefused
from desktop_app.services.calls import EVENT_CONNECTED, EVENT_ENDED, CallEvent, Calls
from desktop_app.services.group_heartbeat import PresenceKeeper
from desktop_app.services.session import ClientSession
from desktop_app.storage.sql_call_history import CallRecord
from desktop_app.storage.timeutil import to_ms

log = logging.getLogger("wardlink.calls")

MAX_PARTICIPANTS: Final = 6  # a full mesh: 15 connections; each PC sends 5 streams
MAX_GROUP_CALLS: Final = 64  # known group calls (presence of colleagues) kept in memory
EVENT_PARTICIPANTS: Final = "participants"  # the group's "who is in" changed


@dataclass
class _Group:
    group_id: str
    conversation_id: str
    me: str = ""  # this person's uid: counted first while joined
    reports: dict[str, tuple[int, bool]] = field(default_factory=dict)  # uid -> (ms, in)
    learned: dict[str, int] = field(default_factory=dict)  # uid -> when "in" was learned
    _order: Iterator[int] = field(default_factory=itertools.count)  # for ``learned``
    legs: dict[str, str] = field(default_factory=dict)  # peer uid -> my leg's call id
    joined: bool = False  # this person is in
    started_here: bool = False
    connected_from: float = 0.0  # time.monotonic() of my first connected leg
    met: set[str] = field(default_factory=set)  # everyone I was connected with
    heard: dict[str, float] = field(default_factory=dict)  # uid -> monotonic, last report
    timed_out: set[str] = field(default_factory=set)  # dropped for silence, not by "out"
    muted: set[str] = field(default_factory=set)  # by their own newest report

    def report(self, uid: str, sent_ms: int, inside: bool) -> None:
        """Record ``uid``'s newest report; one who comes in queues behind those in."""
        if inside and not self.reported_in(uid):
            self.learned[uid] = next(self._order)
        self.reports[uid] = (sent_ms, inside)

    def reported_in(self, uid: str) -> bool:
        return self.reports.get(uid, (-1, False))[1]

    def present(self) -> set[str]:
        """Who counts as in: this person while joined, then the others by the order this
        PC learned their "in", up to ``MAX_PARTICIPANTS`` (a peer's report cannot make a
        full call bigger, nor push out anyone counted before it)."""
        others = [u for u, (_ms, inside) in self.reports.items() if inside and u != self.me]
        others.sort(key=lambda u: self.learned.get(u, -1))
        mine = [self.me] if self.joined else []
        return set(mine + others[: max(0, MAX_PARTICIPANTS - len(mine))])


class GroupCalls:
    """The group calls of one person on this device, on top of its ``Calls``."""

    def __init__(
        self,
        calls: Calls,
        media: Callable[[str], CallMedia],
        on_event: Callable[[CallEvent], None] | None = None,
    ) -> None:
        self.calls = calls
        self.s = calls.s
        self.media = media  # what one leg (to this uid) sends and records
        self.on_event = on_event or (lambda _e: None)
        self.groups: dict[str, _Group] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self.keeper = PresenceKeeper(self)  # heartbeats out, silent members dropped
        self.muted = False  # this person's microphone, told with every report
        calls.group_offer = self._offer
        calls.group_presence = self._presence
        calls.group_answer = self._answer
        leg_events = calls.on_event

        def both(event: CallEvent) -> None:
            leg_events(event)
            self._leg_event(event)

        calls.on_event = both

    # ---- what the person does ------------------------------------------------------------

    async def start(self, conversation_id: str) -> str:
        """Start a group call in a group conversation (ringing every other member), or
        join the one running there; returns the group call's id."""
        cid = ConversationId(conversation_id)
        members = self._members(cid)
        running = [g for g in self.groups.values() if g.conversation_id == cid and g.present()]
        mine = running[-1].group_id if running else None
        if any(not c.call.ended and c.group != mine for c in self.calls.calls.values()):
            raise CallRefused("Already in a call; hang up first.", key="busy")
        if running:
            return await self._join(running[-1])
        g = self._group(new_token(24), cid)
        g.joined, g.started_here = True, True
        await self._announce(g)
        for uid in sorted(set(members) - {self.s.uid}):
            if self.s.peers.live_devices([uid]):
                call_id = await self.calls.place_leg(cid, uid, self.media(uid), group=g.group_id)
                g.legs[uid] = call_id
                self._spawn(self.calls.wait_answer(call_id))
        return g.group_id

    async def accept(self, call_id: str) -> CallState:
        """Take the ringing invitation ``call_id``: this person is in the group call."""
        live = self.calls.calls[call_id]
        g = self.groups.get(live.group or "")
        if g is None:
            raise CallRefused("That is not a group call.", key="not_group_call")
        if live.call.role is not Role.CALLEE or live.call.state is not CallState.RINGING:
            raise CallRefused("That group call invitation no longer rings.", key="no_longer_rings")
        inviter = live.call.peer_uid
        if inviter not in g.present():  # said "out" (or never "in"): no leg to them
            await self.calls.decline(call_id)
            name = self.s.display_name(inviter)
            raise CallRefused(
                f"{name} is not in the group call any more.", key="inviter_left", name=name
            )
        if len(g.present() | {self.s.uid}) > MAX_PARTICIPANTS:
            await self.calls.decline(call_id)
            raise CallRefused(
                f"The group call is full: {MAX_PARTICIPANTS} people are in it already.",
                key="full",
                maximum=str(MAX_PARTICIPANTS),
            )
        g.joined = True
        g.legs[inviter] = call_id
        await self._announce(g)
        state = await self.calls.accept(call_id, self.media(inviter))
        self._mesh(g)
        return state

    async def leave(self, group_id: str) -> None:
        """Hang up every leg and tell the members this person is out."""
        g = self.groups[group_id]
        if not g.joined:
            return
        g.joined = False
        self.muted = False  # the next call starts unmuted
        await self._announce(g)  # first: the others drop this person's tile at once
        legs = [c for c in g.legs.values() if c in self.calls.calls]  # not "pending"
        g.legs.clear()  # their ends are no news to a rejoin that may follow right away
        await asyncio.gather(*(self.calls.hangup(c) for c in legs), return_exceptions=True)
        self._keep(g)

    async def set_muted(self, muted: bool) -> None:
        """Tell the members of the group calls this person is in at once (a heartbeat
        carrying the new state), so their tiles show it."""
        self.muted = muted
        for g in [g for g in self.groups.values() if g.joined]:
            await self._announce(g, heartbeat=True)

    def participants(self, group_id: str) -> list[str]:
        """Who is in (by their own reports, and this person if it is; up to the limit)."""
        return sorted(self.groups[group_id].present())

    def connected(self, group_id: str) -> list[str]:
        """The peers this device has a media connection with now."""
        g = self.groups[group_id]
        return sorted(uid for uid, cid in g.legs.items() if self._state(cid) is CallState.ACTIVE)

    async def close(self) -> None:
        await self.keeper.stop()
        for g in list(self.groups.values()):
            await self.leave(g.group_id)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # ---- signals (inside Calls.received, under the lock) ---------------------------------

    def _offer(self, uid: str, offer: Offer) -> str:
        assert offer.group is not None
        cid = ConversationId(offer.conversation_id)
        if not self._is_group(cid):
            return "ignore"
        g = self.groups.get(offer.group)
        if g is None or g.conversation_id != cid:
            return "ignore"  # nobody reported "in" here, or named with another conversation
        if not offer.join:  # an invitation rings only from someone shown as in
            return "ring" if not g.joined and uid in g.present() else "ignore"
        inside = g.present() | {self.s.uid}
        if g.joined and uid in g.present() and uid < self.s.uid and len(inside) <= MAX_PARTICIPANTS:
            live_leg = g.legs.get(uid)
            if live_leg is None or self._state(live_leg) in (None, CallState.ENDED):
                g.legs[uid] = offer.call_id
                return "join"
        return "ignore"

    def _answer(self, uid: str, live: LiveCall) -> bool:
        """An answer to one of this PC's legs is applied (media starts) only from someone
        counted as in while this person is (services/group_legs.py)."""
        g = self.groups.get(live.group or "")
        return g is not None and group_legs.answer_allowed(g, uid)

    def _presence(self, uid: str, report: GroupPresence) -> None:
        cid = ConversationId(report.conversation_id)
        if not self._is_group(cid):
            return
        if report.heartbeat:
            self._heartbeat(uid, report)
            return
        if report.call_id not in self.groups and not admit_new_group_call(
            self.calls.ring_budget, uid, report
        ):
            return  # "out" of a call unknown here, or one too many (services/call_flood.py)
        g = self._group(report.call_id, cid)
        if g.conversation_id != cid or report.sent_ms <= g.reports.get(uid, (-1, False))[0]:
            return  # another conversation's, or older than what we know
        g.report(uid, report.sent_ms, report.joined)
        g.heard[uid] = time.monotonic()
        g.timed_out.discard(uid)
        self._set_muted(g, uid, report.muted)
        self.keeper.ensure()
        self._line(g)
        self._emit(g)
        group_legs.close_strays(self, g)  # "out": every leg to them, announced or not
        self._mesh(g)

    def _heartbeat(self, uid: str, report: GroupPresence) -> None:
        """ "Still in": only for a call known here, from someone who is in it (or was
        dropped for silence: then back in), newer than their last report."""
        g = self.groups.get(report.call_id)
        if g is None or g.conversation_id != report.conversation_id or not report.joined:
            return
        if not g.reported_in(uid) and uid not in g.timed_out:
            return  # who said "out" (or never "in") stays out
        if report.sent_ms <= g.reports.get(uid, (-1, False))[0]:
            return
        g.report(uid, report.sent_ms, True)
        g.heard[uid] = time.monotonic()
        if self._set_muted(g, uid, report.muted) and uid in g.present():
            self._emit(g)
        if uid in g.timed_out:
            g.timed_out.discard(uid)
            self._line(g)
            self._emit(g)
            self._mesh(g)

    def _set_muted(self, g: _Group, uid: str, muted: bool) -> bool:
        """True if that changed what is known."""
        if (uid in g.muted) == muted:
            return False
        if muted:
            g.muted.add(uid)
        else:
            g.muted.discard(uid)
        return True

    def drop_silent(
        self, timeout_s: float, stalled: set[str] | frozenset[str] = frozenset()
    ) -> list[tuple[str, str]]:
        """Members not heard from for ``timeout_s`` whose leg to this PC is gone (or who
        have none, or whose leg is in ``stalled``: nothing arrives on it) are out, with a
        chat line: a crashed PC never says "out" itself. Every leg to them closes. Returns
        (group id, uid) of each dropped who was counted as in."""
        now = time.monotonic()
        dropped = []
        for g in list(self.groups.values()):
            counted = g.present()
            mine = []
            for uid in sorted(u for u in g.reports if g.reported_in(u) and u != self.s.uid):
                heard = g.heard.setdefault(uid, now)
                leg = g.legs.get(uid)
                alive = self._state(leg or "") is CallState.ACTIVE and leg not in stalled
                if now - heard < timeout_s or alive:
                    continue
                g.report(uid, g.reports[uid][0], False)
                g.timed_out.add(uid)
                if uid in counted:
                    mine.append(uid)
            dropped += [(g.group_id, uid) for uid in mine]
            for uid in mine:
                self._line(g, dropped=uid)
                self._emit(g)
            group_legs.settle(self, g, counted)
        return dropped

    async def beat(self) -> None:
        """Tell the members of every group call this person is in: still in."""
        for g in [g for g in self.groups.values() if g.joined]:
            await self._announce(g, heartbeat=True)

    def _leg_event(self, event: CallEvent) -> None:
        live = self.calls.calls.get(event.call_id)
        g = self.groups.get(live.group or "") if live is not None else None
        if live is None or g is None:
            return
        mine = event.call_id in g.legs.values()  # not a leg of an earlier stay in it
        if event.kind == "incoming" and event.data.get("join"):
            self._spawn(self.calls.accept(event.call_id, self.media(event.peer)))
        elif event.kind == EVENT_CONNECTED:
            g.met.add(event.peer)
            g.connected_from = g.connected_from or time.monotonic()
            self._emit(g)
        elif event.kind == EVENT_ENDED and g.joined and g.connected_from and mine:
            live_legs = [c for c in g.legs.values() if self._state(c) is not CallState.ENDED]
            if not live_legs:  # everyone else left: the call is over here too
                self._spawn(self.leave(g.group_id))
        elif event.kind == EVENT_ENDED and not g.joined and live.call.role is Role.CALLEE:
            self._keep(g, str(event.data.get("reason", "no_answer")))  # rang, not taken

    # ---- inside ---------------------------------------------------------------------------

    def _mesh(self, g: _Group) -> None:
        """Place the mesh legs this person owes: to each one in with a larger uid."""
        if not g.joined:
            return
        for uid in sorted(g.present() - {self.s.uid}):
            leg = g.legs.get(uid)
            if uid > self.s.uid and (leg is None or self._state(leg) is CallState.ENDED):
                g.legs[uid] = "pending"
                self._spawn(self._place_mesh_leg(g, uid))

    async def _place_mesh_leg(self, g: _Group, uid: str) -> None:
        try:
            async with self.calls.lock:
                await self.s.peers.refresh_stale(self.s.require_link(), [uid])
            media = self.media(uid)
            call_id = await self.calls.place_leg(
                g.conversation_id, uid, media, group=g.group_id, join=True
            )
            if g.legs.get(uid) == "pending":
                g.legs[uid] = call_id  # its end counts for "everyone else left"
            if not g.joined or uid not in g.present() or g.legs.get(uid) != call_id:
                await self.calls.hangup(call_id)  # left, or they went, meanwhile
                return
            await self.calls.wait_answer(call_id)
        except CallRefused as exc:
            log.warning("group call leg to %s not placed: %s", uid, exc)

    async def _join(self, g: _Group) -> str:
        if len(g.present() | {self.s.uid}) > MAX_PARTICIPANTS:
            raise CallRefused(
                f"The group call is full: {MAX_PARTICIPANTS} people are in it already.",
                key="full",
                maximum=str(MAX_PARTICIPANTS),
            )
        g.joined = True
        await self._announce(g)
        for call_id, live in list(self.calls.calls.items()):  # its invitation still rings
            ringing = live.call.state is CallState.RINGING and live.call.role is Role.CALLEE
            if live.group == g.group_id and ringing and live.call.peer_uid in g.present():
                g.legs[live.call.peer_uid] = call_id
                self._spawn(self.calls.accept(call_id, self.media(live.call.peer_uid)))
        self._mesh(g)
        return g.group_id

    async def _announce(self, g: _Group, *, heartbeat: bool = False) -> None:
        """Tell every member whether this person is in (the newest report wins)."""
        s = self.s
        now = s.clock()
        sent_ms = max(to_ms(now), g.reports.get(s.uid, (0, False))[0] + 1)
        g.report(s.uid, sent_ms, g.joined)
        report = GroupPresence(
            1, g.group_id, g.conversation_id, sent_ms, g.joined, heartbeat, self.muted and g.joined
        )
        if g.joined:
            self.keeper.ensure()
        body = Control(CALL_CONTROL, encode_signal(report))
        others = sorted(set(self._members(ConversationId(g.conversation_id))) - {s.uid})
        async with self.calls.lock:
            await s.peers.refresh_stale(s.require_link(), others)  # members never written to
            for uid in others:
                await self.calls.m.outgoing.queue_control(uid, body, now=now)
            await self.calls.m.outgoing.flush()
        if not heartbeat:
            self._line(g)
            self._emit(g)

    def _line(self, g: _Group, dropped: str = "") -> None:
        """The chat line naming who is in (one per distinct set, and again after someone
        was ``dropped`` for silence), or that it is over."""
        s = self.s
        cid = ConversationId(g.conversation_id)
        inside = self.participants(g.group_id)
        if inside:
            names = ", ".join(s.display_name(uid) for uid in inside)
            body = system_lines.encode("group_call", who=names)
        else:
            body = system_lines.encode("group_call_over")
        key = f"groupcall/{g.group_id}/{'+'.join(inside)}"
        if dropped:
            key += f"/dropped/{dropped}/{g.reports[dropped][0]}"
        conversations.system_line(s.container, cid, s.uid, body, key, s.clock())

    def _keep(self, g: _Group, outcome: str | None = None) -> None:
        """This person's part of the group call in the call history (a missed invitation:
        ``outcome``)."""
        s = self.s
        held = time.monotonic() - g.connected_from if g.connected_from else 0.0
        s.container.call_history.record(
            CallRecord(
                g.group_id,
                g.conversation_id,
                "outgoing" if g.started_here else "incoming",
                g.conversation_id,  # a group call's peer is its conversation
                None,
                outcome or ("hangup" if g.met else "no_answer"),
                to_ms(s.clock() - timedelta(seconds=held)),
                round(held),
                tuple(sorted(g.met | {s.uid})),
            )
        )

    def _emit(self, g: _Group) -> None:
        inside = self.participants(g.group_id)
        muted = g.muted | ({self.s.uid} if self.muted and g.joined else set())
        data = {
            "participants": inside,
            "connected": self.connected(g.group_id),
            "muted": sorted(muted & set(inside)),
        }
        self.on_event(CallEvent(EVENT_PARTICIPANTS, g.group_id, g.conversation_id, data))

    def _members(self, cid: ConversationId) -> tuple[str, ...]:
        if not self._is_group(cid):
            raise CallRefused("A group call needs a group conversation.", key="needs_group")
        state = self.s.container.conversations.state(cid)
        assert state is not None
        return tuple(state.members)

    def _is_group(self, cid: ConversationId) -> bool:
        return is_group_conversation(self.s, cid)

    def _group(self, group_id: str, cid: ConversationId) -> _Group:
        g = self.groups.get(group_id)
        if g is None:
            idle = [k for k, v in self.groups.items() if not v.joined and not v.present()]
            for k in idle[: max(0, len(self.groups) + 1 - MAX_GROUP_CALLS)]:
                del self.groups[k]
            g = self.groups[group_id] = _Group(group_id, cid, self.s.uid)
        return g

    def _state(self, call_id: str) -> CallState | None:
        live = self.calls.calls.get(call_id)
        return None if live is None else live.call.state

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def is_group_conversation(s: ClientSession, cid: str) -> bool:
    """A group conversation this person is a member of (not a 1:1 chat)."""
    state = s.container.conversations.state(ConversationId(cid))
    if state is None or s.uid not in state.members:
        return False
    others = [u for u in state.members if u != s.uid]
    return not (len(others) == 1 and cid == conversations.direct_conversation_id(s.uid, others[0]))

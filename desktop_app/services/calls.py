"""End-to-end encrypted calls on the services' asyncio loop (aiortc: ICE, DTLS-SRTP, Opus,
VP8), signalled over Olm (docs/calls.md).

Every ``CallSignal`` (protocol/call_signal.py) goes as an Olm ``Control`` to each live
device of the peer through the ordinary outbox; the relay forwards opaque envelopes.
Received signals pass services/call_checks.py first, and a signal for a known call must
come from its peer (after the answer: the answering device; a role call while it rings:
a holder, services/role_calls.py). The E2E SDP goes to aiortc unchanged, so DTLS must
present the certificate the peer signed: a man in the middle fails and the call ends as
``failed``. What a signal that passed does: call_receiving.py; candidates:
call_network.py; media: call_media.py; what a call leaves in the container:
call_history.py; the per-call life: domain/call_state.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any, Final

from aiortc import RTCSessionDescription

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain.call_state import (
    RING_TIMEOUT_S,
    Call,
    CallState,
    EndReason,
    Role,
)
from desktop_app.domain.ids import new_token
from desktop_app.protocol.call_signal import (
    CALL_CONTROL,
    Answer,
    CallSignal,
    CallSignalError,
    Decline,
    GroupPresence,
    Hangup,
    HangupReason,
    Offer,
    decode_signal,
    encode_signal,
    sdp_fingerprints,
)
from desktop_app.services import call_history, call_pump, call_receiving, role_calls
from desktop_app.services.call_checks import check_signal
from desktop_app.services.call_flood import MAX_RINGS_PER_SENDER, RING_WINDOW_S, RingBudget
from desktop_app.services.call_live import (
    EVENT_CONNECTED,
    EVENT_ENDED,
    EVENT_INCOMING,
    EVENT_REFUSED,
    EVENT_RINGING,
    CallEvent,
    LiveCall,
)
from desktop_app.services.call_media import CallMedia, CallRefused, MediaLink
from desktop_app.services.call_network import CallNetwork, gather_restricted
from desktop_app.services.messenger import Messenger
from desktop_app.storage.timeutil import to_ms

log = logging.getLogger("wardlink.calls")

__all__ = ["EVENT_CONNECTED", "EVENT_ENDED", "EVENT_INCOMING", "EVENT_REFUSED", "EVENT_RINGING"]
__all__ += ["CallEvent", "Calls", "LiveCall"]

CONNECT_TIMEOUT_S: Final = 20  # accept -> DTLS up on a LAN; longer means it failed
# Ended calls kept to ignore their late or replayed signals; older ones are forgotten
# (a replayed offer of a forgotten call is stale by then: MAX_CLOCK_SKEW_S).
MAX_REMEMBERED_CALLS: Final = 256


class Calls:
    """The calls of one unlocked person on this device."""

    def __init__(
        self,
        messenger: Messenger,
        network: CallNetwork,
        *,
        lock: asyncio.Lock | None = None,
        on_event: Callable[[CallEvent], None] | None = None,
        video_allowed: bool = True,
        calls_allowed: bool = True,
    ) -> None:
        self.m = messenger
        self.s = messenger.s
        self.network = network
        self.lock = lock or asyncio.Lock()  # the ratchets: one unit of work at a time
        self.on_event = on_event or (lambda _e: None)
        self.video_allowed = video_allowed  # policy video_allowed: off answers audio-only
        self.calls_allowed = calls_allowed  # policy calls_allowed: off declines unheard
        self.calls: dict[str, LiveCall] = {}
        self.incoming: asyncio.Queue[str] = asyncio.Queue()
        self._tasks: set[asyncio.Task[None]] = set()
        self.ring_budget = RingBudget()  # offers per colleague (services/call_flood.py)
        # Test hook: rewrites our own SDP before it is signalled (a tampered fingerprint).
        self.sdp_filter: Callable[[str], str] = lambda sdp: sdp
        self.ring_timeout_s: float = RING_TIMEOUT_S
        # services/group_calls.py: "ring" (an invitation), "join" (a mesh leg, taken
        # without ringing) or "ignore" for an offer of a group call; presence reports.
        self.group_offer: Callable[[str, Offer], str] = lambda _uid, _offer: "ignore"
        self.group_presence: Callable[[str, GroupPresence], None] = lambda _uid, _p: None
        # ... and whether a peer's answer to a group call leg placed here may start media.
        self.group_answer: Callable[[str, LiveCall], bool] = lambda _uid, _live: False
        messenger.incoming.on_call_control = self.received

    # ---- receiving (inside Incoming, under the lock) ------------------------------------

    def received(self, sender_uid: str, sender_device: str, control: Control) -> None:
        """One call signal decrypted from ``sender_device`` of ``sender_uid``."""
        if control.name != CALL_CONTROL:
            return
        try:
            signal = decode_signal(control.body)
            check_signal(self.s, sender_uid, sender_device, signal)
            if isinstance(signal, Offer):
                signal = role_calls.check_offer(self.s, signal)
        except CallSignalError as exc:
            log.warning("call signal from %s/%s refused: %s", sender_uid, sender_device, exc)
            return
        if isinstance(signal, GroupPresence):
            self.group_presence(sender_uid, signal)
            return
        live = self.calls.get(signal.call_id)
        if isinstance(signal, Offer):
            if live is None and self.ring_budget.take(sender_uid):
                call_receiving.offered(self, sender_uid, sender_device, signal)
            elif live is None:
                log.warning(
                    "ring flood from %s/%s: offer %s refused (more than %d in %.0f s)",
                    sender_uid,
                    sender_device,
                    signal.call_id,
                    MAX_RINGS_PER_SENDER,
                    RING_WINDOW_S,
                )
            return
        if live is None or sender_uid not in role_calls.senders(live.call, live.role):
            return  # not ours, or from someone else than the peer (or a ringing holder)
        peer_device = live.call.peer_device  # the caller's, or the callee's that answered
        if peer_device is not None and sender_device != peer_device:
            return  # another device of the peer: not part of this call
        self._spawn(call_receiving.on_signal(self, live, sender_uid, sender_device, signal))

    # ---- calling ------------------------------------------------------------------------

    async def place(self, to: str, media: CallMedia) -> str:
        """Ring ``to`` (a uid, functional account or 1:1 conversation); returns the call id."""
        async with self.lock:
            cid = await self.m.open_conversation(to)
        state = self.s.container.conversations.state(cid)
        peers = [u for u in (state.members if state else ()) if u != self.s.uid]
        ring = role_calls.ring_for(self.s, to, peers) if len(peers) > 1 else None
        if len(peers) != 1 and ring is None:
            raise CallRefused("This is a group conversation: start a group call.", key="is_group")
        if not self.s.peers.live_devices(peers):
            name = self.s.display_name(peers[0])
            raise CallRefused(
                f"{name} has no device that can be called.", key="no_device", name=name
            )
        if any(not c.call.ended for c in self.calls.values()):
            raise CallRefused("Already in a call; hang up first.", key="busy")
        peer = ring.account if ring is not None else peers[0]
        return await self.place_leg(cid, peer, media, ring=ring)

    async def place_leg(
        self,
        cid: str,
        peer: str,
        media: CallMedia,
        *,
        ring: role_calls.RoleRing | None = None,
        group: str | None = None,
        join: bool = False,
    ) -> str:
        """Ring ``peer`` (a role's holders) in conversation ``cid``; for a group call one
        leg of its mesh (``join``: between two who are in it already, no ringing)."""
        if not self.calls_allowed:
            raise CallRefused(
                "Calls are switched off on this PC by your IT department.", key="calls_off"
            )
        if media.video and not self.video_allowed:
            raise CallRefused("Video calls are switched off on this PC by policy.", key="video_off")
        call = Call(new_token(24), Role.CALLER, peer)  # id: 33 URL-safe characters
        live = LiveCall(call, cid, role=ring, group=group)
        self._remember(live)
        call.start()
        try:
            live.link = link = self._connection(live, media, video=media.video)
            offer = await link.pc.createOffer()
            await gather_restricted(link.pc, self.network)
            await link.pc.setLocalDescription(offer)
            sdp = self.sdp_filter(link.pc.localDescription.sdp)
            role = ring.account if ring is not None else None
            await self._signal(
                live,
                Offer,
                sdp=sdp,
                fingerprints=sdp_fingerprints(sdp),
                video=media.video,
                role=role,
                group=group,
                join=join,
            )
        except BaseException:  # no media device, relay gone: not left "in a call"
            await self._end(live, EndReason.FAILED, tell=None)
            raise
        return call.call_id

    async def wait_answer(self, call_id: str, timeout_s: float | None = None) -> CallState:
        """Until the call is active or ended; unanswered after ``timeout_s``: no answer."""
        live = self.calls[call_id]
        ring_s = self.ring_timeout_s if timeout_s is None else timeout_s
        await self._until(live, lambda: live.call.state is not CallState.RINGING, ring_s)
        if live.call.state is CallState.RINGING:
            await self._end(live, EndReason.NO_ANSWER, tell="no_answer")
        await self._until(
            live, lambda: live.call.state is not CallState.CONNECTING, CONNECT_TIMEOUT_S
        )
        if live.call.state is CallState.CONNECTING:
            await self._end(live, EndReason.FAILED, tell="failed")
        return live.call.state

    # ---- answering ----------------------------------------------------------------------

    async def next_incoming(self, timeout_s: float) -> str | None:
        """The id of the next call that rings here, or None after ``timeout_s``."""
        with contextlib.suppress(TimeoutError):
            while True:
                call_id = await asyncio.wait_for(self.incoming.get(), timeout_s)
                live = self.calls.get(call_id)
                if live is not None and not live.call.ended:
                    return call_id
        return None

    async def accept(self, call_id: str, media: CallMedia) -> CallState:
        """Answer a ringing call; returns once it is active or ended."""
        live = self.calls[call_id]
        assert live.offer is not None
        live.call.accept()
        live.setup_from = time.monotonic()
        video = live.offer.video and media.video and self.video_allowed
        live.link = link = self._connection(live, media, callee=True, video=video)
        try:
            # Exactly the SDP that came end to end: its fingerprint binds the DTLS peer.
            await link.pc.setRemoteDescription(RTCSessionDescription(live.offer.sdp, "offer"))
            link.add_sources()
            answer = await link.pc.createAnswer()
            await gather_restricted(link.pc, self.network)
            await link.pc.setLocalDescription(answer)
            await link.start()
        except Exception as exc:
            log.warning("offer of call %s refused: %s", call_id, exc)
            await self._end(live, EndReason.FAILED, tell="failed")
            return live.call.state
        sdp = self.sdp_filter(link.pc.localDescription.sdp)
        await self._signal(live, Answer, sdp=sdp, fingerprints=sdp_fingerprints(sdp))
        await self._until(
            live, lambda: live.call.state is not CallState.CONNECTING, CONNECT_TIMEOUT_S
        )
        if live.call.state is CallState.CONNECTING:
            await self._end(live, EndReason.FAILED, tell="failed")
        return live.call.state

    async def decline(self, call_id: str) -> None:
        live = self.calls[call_id]
        live.call.end(EndReason.DECLINED)
        self._keep_unanswered(live)
        await self._signal(live, Decline)
        self._emit(live, EVENT_ENDED, reason=EndReason.DECLINED.value, duration_s=0)

    # ---- both ---------------------------------------------------------------------------

    async def wait_end(self, call_id: str, timeout_s: float) -> CallState:
        live = self.calls[call_id]
        await self._until(live, lambda: live.call.ended, timeout_s)
        return live.call.state

    async def hangup(self, call_id: str) -> None:
        live = self.calls[call_id]
        if not live.call.ended:
            reason: HangupReason = "cancelled" if live.call.state is CallState.RINGING else "hangup"
            end = EndReason.CANCELLED if reason == "cancelled" else EndReason.HANGUP
            await self._end(live, end, tell=reason)

    async def close(self) -> None:
        for call_id in list(self.calls):
            await self.hangup(call_id)
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def pump(self) -> None:
        """Receive and handle delivered envelopes until the link ends (headless client;
        the GUI's LiveClient receive loop does the same with its own lock)."""
        await call_pump.pump(self.m, self.lock)

    # ---- inside -------------------------------------------------------------------------

    def _connection(
        self, live: LiveCall, media: CallMedia, *, video: bool, callee: bool = False
    ) -> MediaLink:
        def connected() -> None:
            if live.call.state is CallState.CONNECTING:
                live.call.connected()
                live.active_from = time.monotonic()
                setup_ms = round((live.active_from - live.setup_from) * 1000)
                self._emit(live, EVENT_CONNECTED, setup_ms=setup_ms)
                live.changed.set()

        async def failed() -> None:
            if not live.call.ended:
                await self._end(live, EndReason.FAILED, tell="failed")

        return MediaLink(
            self.network,
            media,
            callee=callee,
            video=video,
            on_connected=connected,
            on_failed=failed,
        )

    async def _end(
        self, live: LiveCall, reason: EndReason, *, tell: HangupReason | None, **data: Any
    ) -> None:
        if live.call.ended:
            return
        was_active = live.call.state is CallState.ACTIVE
        live.call.end(reason)
        duration = time.monotonic() - live.active_from if was_active else 0.0
        if tell is not None:
            self._spawn(self._signal(live, Hangup, reason=tell))
        rung = live.role.holders if live.role else ()
        kept = duration if was_active else None
        rang_s = time.monotonic() - live.rang_at
        history = (live.conversation_id, live.role_uid, rung, rang_s, kept)
        if live.group is None:  # a group call is kept as one (services/group_calls.py)
            call_history.ended(self.s, live.call, *history)
        if live.link is not None:
            await live.link.stop()
        self._emit(live, EVENT_ENDED, reason=reason.value, duration_s=round(duration, 1), **data)

    def _keep_unanswered(self, live: LiveCall) -> None:
        """History and chat line of a call that ended here before it was answered
        (declined, busy, calls off); a group call is kept as one by group_calls."""
        if live.group is None:
            rung = live.role.holders if live.role else ()
            rang_s = time.monotonic() - live.rang_at
            call_history.ended(
                self.s, live.call, live.conversation_id, live.role_uid, rung, rang_s, None
            )

    async def _signal(
        self,
        live: LiveCall,
        kind: type[CallSignal],
        *,
        to: tuple[str, ...] | None = None,
        **fields: Any,
    ) -> None:
        """To every device of the peer (``to``: of these people; a ringing role call:
        of every holder)."""
        signal = kind(1, live.call.call_id, live.conversation_id, to_ms(self.s.clock()), **fields)
        body = Control(CALL_CONTROL, encode_signal(signal))
        async with self.lock:
            for uid in to or role_calls.targets(live.call, live.role):
                await self.m.outgoing.queue_control(uid, body, now=self.s.clock())
            await self.m.outgoing.flush()

    def _remember(self, live: LiveCall) -> None:
        """Bounded: a colleague's flood of offers cannot grow this without end."""
        ended = [cid for cid, c in self.calls.items() if c.call.ended]
        for call_id in ended[: max(0, len(self.calls) + 1 - MAX_REMEMBERED_CALLS)]:
            del self.calls[call_id]
        self.calls[live.call.call_id] = live

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _emit(self, live: LiveCall, kind: str, **data: Any) -> None:
        """A group call's leg says so in every event ("group"), so the GUI's 1:1
        controller never takes a leg's event for the call it is placing."""
        live.changed.set()
        if live.group is not None:
            data.setdefault("group", live.group)
        self.on_event(CallEvent(kind, live.call.call_id, live.call.peer_uid, data))

    async def _until(self, live: LiveCall, done: Callable[[], bool], timeout_s: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while not done() and (left := deadline - loop.time()) > 0:
            live.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(live.changed.wait(), left)

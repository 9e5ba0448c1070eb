"""What a received call signal does once it passed the checks in ``Calls.received``
(services/calls.py): an offer for a new call rings here (or is answered busy, or
declined unheard where IT switched calls off), and the peer's ringing, answer, decline,
busy or hang-up move the call this device already knows. Moved out of calls.py so that
the placing/answering side and the reacting-to-the-peer side read separately; the
functions work on the ``Calls`` they are given (its lock is held by the caller).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from aiortc import RTCSessionDescription

from desktop_app.domain.call_state import Call, CallState, CallStateError, EndReason, Role
from desktop_app.domain.ids import ConversationId
from desktop_app.protocol.call_signal import (
    Answer,
    Busy,
    CallSignal,
    Decline,
    Hangup,
    Offer,
    Ringing,
)
from desktop_app.services import role_calls
from desktop_app.services.call_live import (
    EVENT_ENDED,
    EVENT_INCOMING,
    EVENT_RINGING,
    LiveCall,
)

if TYPE_CHECKING:
    from desktop_app.services.calls import Calls

log = logging.getLogger("wardlink.calls")


def offered(calls: Calls, sender_uid: str, sender_device: str, offer: Offer) -> None:
    """An offer for a call not known here: it rings (a group's mesh leg is taken without
    ringing), or ends at once as busy or with calls switched off."""
    how = calls.group_offer(sender_uid, offer) if offer.group else "ring"
    if how == "ignore":
        return
    call = Call(offer.call_id, Role.CALLEE, sender_uid)
    call.offered(sender_device)
    mine = offer.group  # legs of the group call it belongs to do not make us busy
    busy = any(not c.call.ended and (not mine or c.group != mine) for c in calls.calls.values())
    live = LiveCall(call, offer.conversation_id, offer, group=offer.group)
    calls._remember(live)
    if not calls.calls_allowed:  # IT switched calls off here: decline, never ring
        log.info("call from %s declined: calls are switched off on this PC", sender_uid)
        call.end(EndReason.BUSY)  # kept as a missed call: the person learns of it
        calls._spawn(calls._signal(live, Decline))
        calls._keep_unanswered(live)
        return
    if busy:
        call.end(EndReason.BUSY)
        calls._spawn(calls._signal(live, Busy))
        calls._keep_unanswered(live)
        calls._emit(live, EVENT_ENDED, reason="busy_here")
        return
    joining = how == "join"
    if not joining:
        calls.incoming.put_nowait(offer.call_id)
    data = {"group": offer.group, "join": joining} if offer.group else {}
    if offer.role:  # "Anna Weber for Dienstarzt Kardiologie"
        data["role_name"] = calls.s.display_name(offer.role)
    calls._emit(live, EVENT_INCOMING, video=offer.video, role=offer.role, **data)
    calls._spawn(calls._signal(live, Ringing))
    calls._spawn(_stop_ringing(calls, live))


async def _stop_ringing(calls: Calls, live: LiveCall) -> None:
    """A caller that vanished (crashed, lost its network) never sends its hang-up:
    stop ringing after the ring timeout, as a missed call."""
    await calls._until(live, lambda: live.call.state is not CallState.RINGING, calls.ring_timeout_s)
    if live.call.state is CallState.RINGING:
        await calls._end(live, EndReason.NO_ANSWER, tell=None)


async def on_signal(
    calls: Calls, live: LiveCall, uid: str, device: str, signal: CallSignal
) -> None:
    """The peer's signal for a call this device knows."""
    call = live.call
    ring = live.role
    try:
        if isinstance(signal, Ringing):
            if call.state is CallState.RINGING and not live.ringing_seen:
                live.ringing_seen = True
                calls._emit(live, EVENT_RINGING)
        elif isinstance(signal, Answer) and live.group and not calls.group_answer(uid, live):
            log.warning("answer of %s to group call leg %s refused: not in here", uid, call.call_id)
            await calls._end(live, EndReason.CANCELLED, tell="cancelled")
        elif isinstance(signal, Answer):
            await _answered(calls, live, uid, device, signal)
        elif ring is not None and call.state is CallState.RINGING and len(ring.waiting) > 1:
            ring.waiting.discard(uid)  # one holder declined or is busy: the others ring on
            calls._spawn(calls._signal(live, Hangup, reason="declined", to=(uid,)))
        elif isinstance(signal, Decline):  # the callee's other devices stop ringing
            await calls._end(live, EndReason.DECLINED, tell="declined")
        elif isinstance(signal, Busy):
            await calls._end(live, EndReason.BUSY, tell="cancelled")
        elif isinstance(signal, Hangup):
            await _hung_up(calls, live, signal)
    except CallStateError as exc:
        log.info("call signal ignored: %s", exc)


async def _hung_up(calls: Calls, live: LiveCall, signal: Hangup) -> None:
    own = calls.s.device_id
    if signal.reason == "answered_elsewhere":
        if signal.answered_by != own and live.call.state is CallState.RINGING:
            state = calls.s.container.conversations.state(ConversationId(live.conversation_id))
            by = role_calls.answerer(calls.s, state.members if state else (), signal)
            name = calls.s.display_name(by) if by else None
            await calls._end(
                live, EndReason.ANSWERED_ELSEWHERE, tell=None, answered_by=by, by_name=name
            )
        return
    if live.call.state is CallState.RINGING:
        missed = {"no_answer": EndReason.NO_ANSWER, "declined": EndReason.DECLINED}
        await calls._end(live, missed.get(signal.reason, EndReason.CANCELLED), tell=None)
    else:
        await calls._end(live, EndReason.REMOTE_HANGUP, tell=None)


async def _answered(calls: Calls, live: LiveCall, uid: str, device: str, answer: Answer) -> None:
    rung = role_calls.targets(live.call, live.role)
    live.call.answered(device)
    live.call.peer_uid = uid  # a role call: the holder who took it
    live.setup_from = time.monotonic()
    # The callee's other devices (a role's other holders) stop ringing.
    calls._spawn(
        calls._signal(
            live,
            Hangup,
            to=rung,
            reason="answered_elsewhere",
            answered_by=device,
            answered_uid=uid if live.role is not None else None,
        )
    )
    assert live.link is not None
    try:
        await live.link.pc.setRemoteDescription(RTCSessionDescription(answer.sdp, "answer"))
        await live.link.start()
    except Exception as exc:  # aiortc refuses a broken SDP with assorted errors
        log.warning("answer of call %s refused: %s", live.call.call_id, exc)
        await calls._end(live, EndReason.FAILED, tell="failed")

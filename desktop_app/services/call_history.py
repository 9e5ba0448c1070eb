"""What a call leaves behind in the container: a row in the call history (every call:
direction, outcome, peer or role, start, duration, participants; `client calls`) and
its line in the chat.

The line says which way a held call went and how long it took ("Outgoing call to X,
3:12."), that a call was missed on the callee's side (no answer, or the caller gave up),
or how an outgoing call ended unanswered (no answer, declined, busy, no connection); a
call declined here says so too. A call taken on another device leaves its line there. Both go with
their conversation and with message retention (storage/purge.py).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from desktop_app.domain import system_lines
from desktop_app.domain.call_state import Call, EndReason, Role
from desktop_app.domain.ids import ConversationId
from desktop_app.services import conversations
from desktop_app.services.session import ClientSession
from desktop_app.storage.sql_call_history import CallRecord
from desktop_app.storage.timeutil import to_ms

_MISSED = (EndReason.NO_ANSWER, EndReason.CANCELLED)
# (I placed it, how it ended) -> the line of a call that never connected.
_UNANSWERED: dict[tuple[bool, EndReason | None], str] = {
    (True, EndReason.NO_ANSWER): "call_not_answered",
    (True, EndReason.DECLINED): "call_declined",
    (True, EndReason.BUSY): "call_busy",
    (True, EndReason.FAILED): "call_failed",
    (False, EndReason.FAILED): "call_failed",
    (False, EndReason.DECLINED): "you_declined",
    (False, EndReason.BUSY): "missed_call",  # rang while in another call, or calls off
}


def ended(
    s: ClientSession,
    call: Call,
    conversation_id: str,
    role_uid: str | None,
    rung: Collection[str],
    rang_s: float,
    duration_s: float | None,
) -> None:
    """Keep the ended ``call`` (``rung``: who rang while nobody answered, the holders of
    a role call; ``rang_s``: seconds since it started ringing, its start; ``duration_s``
    None: it never connected) and put its line in the chat."""
    answered = call.peer_device is not None and call.peer_uid != role_uid
    others = {call.peer_uid} if answered or role_uid is None else set(rung)
    started = s.clock() - timedelta(seconds=rang_s)
    s.container.call_history.record(
        CallRecord(
            call.call_id,
            conversation_id,
            "outgoing" if call.role is Role.CALLER else "incoming",
            call.peer_uid,
            role_uid,
            call.end_reason.value if call.end_reason else EndReason.FAILED.value,
            to_ms(started),
            round(duration_s or 0),
            tuple(sorted({s.uid, *others})),
        )
    )
    chat_line(s, call, conversation_id, duration_s)


def chat_line(s: ClientSession, call: Call, conversation_id: str, duration_s: float | None) -> None:
    """The ended ``call``'s line in its chat (``duration_s`` None: it never connected)."""
    cid = ConversationId(conversation_id)
    if s.container.conversations.get(cid) is None:
        return
    who = s.display_name(call.peer_uid)
    caller = call.role is Role.CALLER
    if duration_s is not None:
        seconds = round(duration_s)
        kind = "call_out" if caller else "call_in"
        body = system_lines.encode(kind, who=who, duration=f"{seconds // 60}:{seconds % 60:02d}")
    elif not caller and call.end_reason in _MISSED:
        body = system_lines.encode("missed_call", who=who)
    elif (unanswered := _UNANSWERED.get((caller, call.end_reason))) is not None:
        body = system_lines.encode(unanswered, who=who)
    else:
        return  # taken on another device (its line is there), or I hung up while ringing
    key = f"call/{call.call_id}"
    conversations.system_line(s.container, cid, call.peer_uid, body, key, s.clock())


def kind(record: CallRecord) -> str:
    """ "outgoing", "incoming" or "missed" (rang here, nobody took it, nor on another
    device or by another holder)."""
    if record.direction == "incoming" and record.outcome in {r.value for r in _MISSED}:
        return "missed"
    return record.direction


def listing(s: ClientSession) -> list[dict[str, object]]:
    """The call history, newest first, as `client calls --json` prints it."""
    return [
        {
            "call_id": r.call_id,
            "kind": kind(r),
            "conversation_id": r.conversation_id,
            "peer": r.peer_uid,
            "peer_name": s.display_name(r.peer_uid),
            "role": r.role_uid,
            "outcome": r.outcome,
            "started_ms": r.started_at_ms,
            "duration_s": r.duration_s,
            "participants": list(r.participants),
        }
        for r in s.container.call_history.recent()
    ]

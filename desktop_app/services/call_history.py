"""What a call leaves behind in the container: its line in the chat.

The line says how long a held call took, or that a call was missed on the callee's side
(no answer, or the caller gave up); declined or busy calls leave none.
"""

from __future__ import annotations

from desktop_app.domain import system_lines
from desktop_app.domain.call_state import Call, EndReason, Role
from desktop_app.domain.ids import ConversationId
from desktop_app.services import conversations
from desktop_app.services.session import ClientSession

_MISSED = (EndReason.NO_ANSWER, EndReason.CANCELLED)


def chat_line(s: ClientSession, call: Call, conversation_id: str, duration_s: float | None) -> None:
    """The ended ``call``'s line in its chat (``duration_s`` None: it never connected)."""
    cid = ConversationId(conversation_id)
    if s.container.conversations.get(cid) is None:
        return
    who = s.display_name(call.peer_uid)
    if duration_s is not None:
        seconds = round(duration_s)
        body = system_lines.encode(
            "call_held", who=who, duration=f"{seconds // 60}:{seconds % 60:02d}"
        )
    elif call.role is Role.CALLEE and call.end_reason in _MISSED:
        body = system_lines.encode("missed_call", who=who)
    else:
        return
    key = f"call/{call.call_id}"
    conversations.system_line(s.container, cid, call.peer_uid, body, key, s.clock())

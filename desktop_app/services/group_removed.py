"""Who is removed from a group conversation is out of its running group call.

A removed member's own client may stay in the call (a modified one surely does) and
its media legs stay up; its presence reports are refused (services/call_checks.py:
no longer a member), but the heartbeat's silence rule keeps whoever still sends media.
So each heartbeat round (services/group_heartbeat.py) checks the conversation's
current members: a participant who is not one any more is marked out, its leg here is
hung up and the chat names who is still in; if this person was removed, it leaves.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop_app.domain.call_state import CallState
from desktop_app.domain.ids import ConversationId

if TYPE_CHECKING:
    from desktop_app.services.group_calls import GroupCalls

log = logging.getLogger("wardlink.calls")


def drop_removed(groups: GroupCalls) -> list[tuple[str, str]]:
    """(group id, uid) of every participant dropped because they left the conversation."""
    s = groups.s
    dropped: list[tuple[str, str]] = []
    for g in list(groups.groups.values()):
        state = s.container.conversations.state(ConversationId(g.conversation_id))
        members = set(state.members) if state is not None else set()
        if s.uid not in members:  # removed (or the chat deleted here): nothing to list
            if not g.joined:
                continue
            log.warning("group call %s: this person was removed from its conversation", g.group_id)
            g.joined = False  # nobody left to tell: the members learn it from the removal
            legs = [c for c in g.legs.values() if c in groups.calls.calls]
            g.legs.clear()
            for leg in legs:
                groups._spawn(groups.calls.hangup(leg))
            groups._keep(g)
            continue
        for uid in sorted(g.present() - members - {s.uid}):
            log.warning("group call %s: %s is no longer a member, dropped", g.group_id, uid)
            g.reports[uid] = (g.reports[uid][0], False)
            g.muted.discard(uid)
            leg = g.legs.pop(uid, "")
            if groups._state(leg) not in (None, CallState.ENDED):
                groups._spawn(groups.calls.hangup(leg))
            dropped.append((g.group_id, uid))
        for uid in [uid for gid, uid in dropped if gid == g.group_id]:
            groups._line(g, dropped=uid)  # "who is in" again, though named before
            groups._emit(g)
    return dropped

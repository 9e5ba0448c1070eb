"""Who is removed from a group conversation is out of its running group call.

A removed member's own client may stay in the call (a modified one surely does) and
its media legs stay up; its presence reports are refused (services/call_checks.py:
no longer a member), but the heartbeat's silence rule keeps whoever still sends media.
So each heartbeat round (services/group_heartbeat.py) checks the conversation's
current members: anyone reported in who is not one any more is marked out, every leg
of the call to them is hung up (services/group_legs.py: also one they never announced)
and the chat names who is still in; if this person was removed, it leaves.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop_app.domain.ids import ConversationId
from desktop_app.services import group_legs

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
            g.legs.clear()
            group_legs.close_strays(groups, g, everything=True)  # a ringing one too
            groups._keep(g)
            continue
        counted = g.present()
        gone = sorted(u for u in g.reports if g.reported_in(u) and u not in members)
        for uid in gone:
            log.warning("group call %s: %s is no longer a member, dropped", g.group_id, uid)
            g.report(uid, g.reports[uid][0], False)
            g.muted.discard(uid)
            g.legs.pop(uid, None)
        for uid in [u for u in gone if u in counted]:
            dropped.append((g.group_id, uid))
            groups._line(g, dropped=uid)  # "who is in" again, though named before
            groups._emit(g)
        group_legs.settle(groups, g, counted)  # every leg to a non-member closes, announced or not
    return dropped

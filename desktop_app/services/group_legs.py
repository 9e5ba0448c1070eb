"""Which media legs of a group call may exist on this PC: only to someone the person
sees as a participant (docs/calls.md "Group calls").

A leg carries media once its answer is applied. So an invitation rings, and is
accepted, only while its sender counts as in (``GroupCalls._offer``, ``accept``); an
answer to a leg placed here is applied only from someone counted while this person is
in (``answer_allowed``); and whenever who counts changes (a report, a drop for silence
or removal) every leg to anyone else is hung up (``close_strays``), whether or not its
peer ever announced itself. A leg placed here that still rings carries no media: the
starter's invitations ring members who have not reported anything yet.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop_app.domain.call_state import CallState, Role

if TYPE_CHECKING:
    from desktop_app.services.call_live import LiveCall
    from desktop_app.services.group_calls import GroupCalls, _Group

log = logging.getLogger("wardlink.calls")


def answer_allowed(g: _Group, uid: str) -> bool:
    """An answer from ``uid`` starts media: only while both are counted as in."""
    return g.joined and uid in g.present()


def leg_allowed(g: _Group, live: LiveCall) -> bool:
    """May this leg of ``g`` stay (``live.group`` is ``g``'s id)?"""
    peer = live.call.peer_uid
    counted = peer in g.present()
    if live.call.state is CallState.RINGING and live.call.role is Role.CALLER:
        # No media before the answer (checked on its own); the starter's invitations
        # ring members who have reported nothing yet.
        return g.joined and (counted or peer not in g.reports)
    if live.call.state is CallState.RINGING:
        return counted  # an invitation (or a mesh leg about to be taken) from one in
    return g.joined and counted


def close_strays(groups: GroupCalls, g: _Group, *, everything: bool = False) -> None:
    """Hang up every leg of ``g`` on this PC that may not stay (``everything``: all)."""
    for call_id, live in list(groups.calls.calls.items()):
        if live.group != g.group_id or live.call.ended:
            continue
        if everything or not leg_allowed(g, live):
            log.info(
                "group call %s: leg %s to %s closed (not a participant here)",
                g.group_id,
                call_id,
                live.call.peer_uid,
            )
            groups._spawn(groups.calls.hangup(call_id))


def settle(groups: GroupCalls, g: _Group, counted: set[str]) -> None:
    """After who counts changed from ``counted`` (drops): hang up every leg to anyone
    not counted now, and place the legs owed to anyone who now counts (a freed place)."""
    close_strays(groups, g)
    if g.present() - counted:
        groups._line(g)
        groups._emit(g)
        groups._mesh(g)

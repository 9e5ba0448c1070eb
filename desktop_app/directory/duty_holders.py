"""Who a duty calendar may name as the holder of a functional account.

Any member of any conversation can write a duty shift, so "who is on duty now" (the
directory card, the main window's strip) counts only shifts whose holder the directory
would let hold the role: a current holder, or a person its take-over policy admits by
department. Without this, a colleague could name himself (or anyone) the cardiology
duty doctor in a chat's calendar and appear so on everyone's card.
"""

from __future__ import annotations

from desktop_app.directory.model import Entry, TakeoverPolicy


def may_hold(role: Entry, person: Entry) -> bool:
    """Whether ``person`` may be named on duty for ``role`` (approvals aside: a roster is
    planned ahead, so a holder-approved or IT-set role admits its department too)."""
    if not role.is_function or person.is_function:
        return False
    if person.uid in role.holders:
        return True
    if role.takeover_policy is TakeoverPolicy.OPEN or not role.department:
        return True
    return person.department == role.department

"""Who may set a conversation's disappearing messages, and repeating the setting to
devices that joined after it was set.

A setting travels once, to the devices of that moment (services/ephemeral.py). A member
added later, or a member's new PC, never learned it: that PC kept every message for
good while the others deleted them, and showed the chat as not disappearing. So whoever
set the setting held now repeats it, unchanged, when their room key is rotated for a
changed set of devices (services/outgoing.py). Receivers judge it by the ordinary rule
(only from someone who may set it); the same version, time and setter is no change, so
the PCs that had it keep it without a second line.
"""

from __future__ import annotations

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import ConversationKind
from desktop_app.protocol import content as wire
from desktop_app.services.session import ClientSession


def may_set(session: ClientSession, cid: str, uid: str) -> bool:
    """In a group a current admin, in a 1:1 chat either of the two."""
    state = session.container.conversations.state(ConversationId(cid))
    if state is None or uid not in state.members:
        return False
    if state.kind is ConversationKind.DIRECT:
        return True
    return uid in state.admins


def to_repeat(session: ClientSession, cid: str) -> wire.Ephemeral | None:
    """The setting held for ``cid`` if this person set it, may still set it and it is
    on (a conversation without one does not disappear anyway); else None."""
    setting = session.container.ephemeral.setting(cid)
    if setting is None or setting.hours is None or setting.set_by != session.uid:
        return None
    if not may_set(session, cid, session.uid):
        return None
    return wire.Ephemeral(1, setting.hours, setting.version, setting.changed_ms)

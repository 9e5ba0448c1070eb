"""Who an urgent message may be escalated to: a person or functional account of the
verified staff directory. Kept apart from services/escalation.py (which needs the
messenger) so the messenger and the receive path can check a target too."""

from __future__ import annotations

from desktop_app.directory.errors import DirectoryError
from desktop_app.services.session import ClientSession


def known_target(session: ClientSession, uid: str) -> bool:
    """A person or functional account of the verified directory (an escalation target)."""
    try:
        return session.directory.get(uid) is not None
    except DirectoryError:  # a directory that no longer verifies names nobody
        return False

"""One call as services/calls.py keeps it (``LiveCall``), and the events it reports
(``CallEvent``: the CLI prints them as JSON lines, the GUI shows them)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any, Final

from aiortc import RTCPeerConnection

from desktop_app.domain.call_state import Call
from desktop_app.protocol.call_signal import Offer
from desktop_app.services import role_calls
from desktop_app.services.call_media import MediaLink

# Event names (the CLI's --json "event" field)
EVENT_INCOMING: Final = "incoming"
EVENT_RINGING: Final = "ringing"
EVENT_CONNECTED: Final = "connected"
EVENT_ENDED: Final = "ended"
EVENT_REFUSED: Final = "refused"


@dataclass(frozen=True, slots=True)
class CallEvent:
    kind: str
    call_id: str
    peer: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class LiveCall:
    """One call on this device: its state machine, media link and signalling facts."""

    call: Call
    conversation_id: str
    offer: Offer | None = None  # the callee keeps the caller's offer until it answers
    link: MediaLink | None = None
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    rang_at: float = field(default_factory=time.monotonic)
    setup_from: float = 0.0
    active_from: float = 0.0
    ringing_seen: bool = False
    role: role_calls.RoleRing | None = None  # the caller's call to a functional account
    group: str | None = None  # a leg of this group call (services/group_calls.py)

    @property
    def role_uid(self) -> str | None:
        """The functional account called (either side), if any."""
        return self.role.account if self.role else self.offer.role if self.offer else None

    @property
    def pc(self) -> RTCPeerConnection | None:
        return self.link.pc if self.link is not None else None

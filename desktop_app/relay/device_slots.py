"""How many logged-in connections one device may hold at a relay node, and how often
it may log in.

The connection gate (relay/gate.py) caps connections per address only until they log
in; after that they count against the node's total alone. A colleague's modified
client that logs in as its own device over and over could therefore take every slot
and lock the whole ward out, and, reconnecting in a loop, write a ``login`` audit line
each time until the relay's disk is full. So a login is refused (fatal ``rate_limited``,
``login_refused`` in the audit log, coalesced, no ``login`` line) when its device
already holds ``max_connections_per_device`` connections here, or logged in
``max_logins_per_device`` times in the current minute (relay.json ``"connections"``).
The device's connections already open are left alone. A device's sessions are its mail
bells in ``SessionHost.waiters``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sized
from typing import Protocol

from desktop_app.relay.conn_limits import ConnectionLimits
from desktop_app.relay.mail_handoff import MailBell

log = logging.getLogger("wardlink.relay")

LOGIN_WINDOW_S = 60
"""The fixed window ``max_logins_per_device`` counts in."""


class HasLimits(Protocol):
    limits: ConnectionLimits


class DeviceSlots:
    """Says whether a device that proved who it is may log in at this node now.

    Asked on the database thread (``RelayHandler.authenticate``); it only reads the
    session count (a ``len``) and counts logins of its own under the GIL."""

    def __init__(
        self, gate: HasLimits, sessions: Mapping[str, Sized], clock_ms: Callable[[], int]
    ) -> None:
        self._gate = gate  # its limits are refitted to the open-files limit at start
        self._sessions = sessions
        self._clock_ms = clock_ms
        self._window = -1
        self._logins: Counter[str] = Counter()

    def refusal(self, device_id: str) -> tuple[str, str] | None:
        """Why this login is refused (the audit reason, the message to the client), or
        None (then it is counted)."""
        limits = self._gate.limits
        held = len(self._sessions.get(device_id, ()))
        if held >= limits.max_connections_per_device:
            return "too many connections of this device", (
                f"this device already has {held} connections to the relay, the most it may "
                "hold at once; close one of them first"
            )
        window = self._clock_ms() // (LOGIN_WINDOW_S * 1000)
        if window != self._window:  # dropped whole: bounded by the devices of one minute
            self._window, self._logins = window, Counter()
        if self._logins[device_id] >= limits.max_logins_per_device:
            return "too many logins of this device", (
                f"this device logged in {self._logins[device_id]} times within a minute, "
                "the most the relay allows; try again in a minute"
            )
        self._logins[device_id] += 1
        return None


def refused(device_id: str, peer: str, message: str) -> None:
    """The log line of a refused login (the audit line is the handler's)."""
    log.warning("refused a login of device %s from %s: %s", device_id, peer, message)


def release(waiters: dict[str, set[MailBell]], device_id: str, bell: MailBell) -> None:
    """A session of ``device_id`` ended: its slot (and bell) is free again."""
    bells = waiters.get(device_id)
    if bells is not None:
        bells.discard(bell)
        if not bells:
            del waiters[device_id]

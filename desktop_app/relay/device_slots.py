"""How many logged-in connections one device may hold at this relay node.

The connection gate (relay/gate.py) caps connections per address only until they log
in; after that they count against the node's total alone. A colleague's modified
client that logs in as its own device over and over could therefore take every slot
and lock the whole ward out. A login beyond ``max_connections_per_device`` (relay.json
``"connections"``) is refused with ``rate_limited`` and the connection closed; the
device's connections already open are left alone (an honest client keeps one or two).
The sessions of a device are its mail bells in ``SessionHost.waiters``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop_app.protocol import Error, ErrorCode, Frame
from desktop_app.relay.mail_handoff import MailBell

if TYPE_CHECKING:
    from desktop_app.relay.handler import RelayHandler
    from desktop_app.relay.session import SessionHost

log = logging.getLogger("wardlink.relay")


def refuse_extra_login(
    server: SessionHost, handler: RelayHandler, replies: list[Frame]
) -> list[Frame]:
    """``replies`` to a login, or a fatal ``rate_limited`` Error instead of them when the
    device that just logged in already holds its most connections here."""
    device = handler.device
    if device is None or any(isinstance(r, Error) for r in replies):
        return replies
    held = len(server.waiters.get(device.device_id, ()))
    if held < server.gate.limits.max_connections_per_device:
        return replies
    log.warning(
        "refused a login of device %s from %s: it has %d connections already",
        device.device_id,
        handler.peer,
        held,
    )
    server.ctx.audit.record(  # coalesced per address and reason (relay/audit.py)
        "login_refused",
        uid=device.uid,
        device_id=device.device_id,
        peer=handler.peer,
        reason="too many connections of this device",
    )
    req_id = getattr(replies[0], "req_id", 0) if replies else 0
    message = (
        f"this device already has {held} connections to the relay, the most it may hold "
        "at once; close one of them first"
    )
    return [Error(req_id, ErrorCode.RATE_LIMITED, message, True)]


def release(waiters: dict[str, set[MailBell]], device_id: str, bell: MailBell) -> None:
    """A session of ``device_id`` ended: its slot (and bell) is free again."""
    bells = waiters.get(device_id)
    if bells is not None:
        bells.discard(bell)
        if not bells:
            del waiters[device_id]

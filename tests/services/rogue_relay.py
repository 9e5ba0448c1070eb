"""The organisation's own relay, taken over: it sends its clients what an attacker wants.

``rogue(monkeypatch)`` wraps the real relay's ``Session.send`` (desktop_app/relay/
session.py), through which every frame to a client passes. A rule sees the frame and the
device the connection belongs to and returns what to send instead: frames (checked by the
relay's own protocol state, as an attacker reusing the relay code would) or raw bytes
(anything at all, straight onto the websocket). Everything else is the real relay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec
import pytest

from desktop_app.protocol import Frame
from desktop_app.relay import session as relay_session

Out = Frame | bytes
Rule = Callable[[str | None, Frame], list[Out] | None]
"""(device id of the connection, frame) -> what to send instead, or None: unchanged."""


@dataclass
class Rogue:
    rules: list[Rule] = field(default_factory=list)
    sent: list[tuple[str | None, Frame]] = field(default_factory=list)

    def rewrite(self, device: str | None, frame: Frame) -> list[Out]:
        self.sent.append((device, frame))
        for rule in list(self.rules):
            out = rule(device, frame)
            if out is not None:
                return out
        return [frame]


def raw(frame: Frame) -> bytes:
    """A frame's bytes without the relay's checks (a reply to no request, any content)."""
    return msgspec.msgpack.encode(frame)  # as protocol/codec.py, without its checks


def rogue(monkeypatch: pytest.MonkeyPatch) -> Rogue:
    """Make every relay started in this test misbehave as ``Rogue.rules`` say."""
    attacker = Rogue()
    honest = relay_session.Session.send

    async def send(self: Any, frame: Frame) -> None:
        device = None if self.handler.device is None else self.handler.device.device_id
        for item in attacker.rewrite(device, frame):
            if isinstance(item, bytes):
                await self.ws.send(item)
            else:
                await honest(self, item)

    monkeypatch.setattr(relay_session.Session, "send", send)
    return attacker

"""Admission at TCP accept: per-address caps before any TLS work is spent.

The relay listens on its own socket whose ``accept`` asks the ``ConnectionGate``
first; a refused connection is closed at once, so a flood costs an accept and a close,
never a TLS handshake, a websocket or a descriptor held for seconds. Each admitted
socket tells the gate when it closes (whoever closes it: asyncio after a failed or
timed-out handshake, websockets, the session), so the counts cannot leak.

Phases of a connection, by its (host, port):
    HANDSHAKE   accepted; TLS handshake or websocket upgrade in progress
    LOGIN       websocket open, not logged in yet (``Session`` login deadline)
    READY       logged in; counts only against the total
"""

from __future__ import annotations

import enum
import socket
from collections import Counter
from collections.abc import Callable
from typing import Any

from desktop_app.relay.conn_limits import ConnectionLimits

ACCEPTS_PER_ROUND = 64
"""Refused connections handled per readiness callback, so a flood cannot starve the loop."""

PeerKey = tuple[str, int]


class Phase(enum.Enum):
    HANDSHAKE = "handshake"
    LOGIN = "login"
    READY = "ready"


class ConnectionGate:
    """Counts open connections per address and phase; says whether to admit one more."""

    def __init__(
        self, limits: ConnectionLimits, on_refused: Callable[[str, str], None] | None = None
    ) -> None:
        self.limits = limits
        self.on_refused = on_refused or (lambda host, reason: None)
        self.accepting = True
        self._phase: dict[PeerKey, Phase] = {}
        self._handshaking: Counter[str] = Counter()
        self._unauthenticated: Counter[str] = Counter()
        self.refused = 0

    @property
    def open(self) -> int:
        return len(self._phase)

    def unauthenticated(self, host: str) -> int:
        return self._unauthenticated[host]

    def refusal(self, host: str) -> str | None:
        """Why a new connection from ``host`` is refused now, or None to admit it."""
        limits = self.limits
        if not self.accepting:
            return "relay stopping"
        if len(self._phase) >= limits.max_connections:
            return "too many connections"
        if self._unauthenticated[host] >= limits.max_unauthenticated_per_address:
            return "too many connections not logged in from this address"
        if self._handshaking[host] >= limits.max_handshakes_per_address:
            return "too many handshakes in progress from this address"
        return None

    def opened(self, key: PeerKey) -> None:
        self._phase[key] = Phase.HANDSHAKE
        self._handshaking[key[0]] += 1
        self._unauthenticated[key[0]] += 1

    def advance(self, key: PeerKey, phase: Phase) -> None:
        """Move ``key`` forward to ``phase`` (never back)."""
        old = self._phase.get(key)
        if old is None or _ORDER[phase] <= _ORDER[old]:
            return
        self._leave(key[0], old)
        self._phase[key] = phase
        if phase is Phase.LOGIN:
            self._unauthenticated[key[0]] += 1

    def closed(self, key: PeerKey) -> None:
        old = self._phase.pop(key, None)
        if old is not None:
            self._leave(key[0], old)

    def refuse(self, host: str, reason: str) -> None:
        self.refused += 1
        self.on_refused(host, reason)

    def _leave(self, host: str, phase: Phase) -> None:
        counters = [self._unauthenticated] if phase is not Phase.READY else []
        if phase is Phase.HANDSHAKE:
            counters.append(self._handshaking)
        for counter in counters:
            counter[host] -= 1
            if counter[host] <= 0:
                del counter[host]


_ORDER = {Phase.HANDSHAKE: 0, Phase.LOGIN: 1, Phase.READY: 2}


def peer_key(address: Any) -> PeerKey | None:
    """(host, port) of a socket address tuple (IPv4 or IPv6), None for anything else."""
    if isinstance(address, tuple) and len(address) >= 2:
        return str(address[0]), int(address[1])
    return None


class GatedSocket(socket.socket):
    """An accepted connection that reports its close to the gate exactly once."""

    gate: ConnectionGate | None = None
    key: PeerKey | None = None

    def close(self) -> None:
        super().close()
        gate, key = self.gate, self.key
        self.gate = None
        if gate is not None and key is not None:
            gate.closed(key)


class GatedListener(socket.socket):
    """The listening socket; ``accept`` (called by asyncio) admits through the gate."""

    gate: ConnectionGate

    def accept(self) -> tuple[socket.socket, Any]:
        for _ in range(ACCEPTS_PER_ROUND):
            fd, address = self._accept()  # type: ignore[attr-defined]
            conn = GatedSocket(self.family, self.type, self.proto, fileno=fd)
            key = peer_key(address)
            reason = None if key is None else self.gate.refusal(key[0])
            if reason is None:
                if key is not None:
                    conn.gate, conn.key = self.gate, key
                    self.gate.opened(key)
                return conn, address
            conn.close()
            assert key is not None
            self.gate.refuse(key[0], reason)
        raise BlockingIOError("accepting more after the loop ran other work")


def gated_listener(host: str, port: int, gate: ConnectionGate, backlog: int = 512) -> GatedListener:
    """A bound, listening ``GatedListener`` for ``host``:``port`` (first address found)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = GatedListener(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(backlog)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    sock.gate = gate
    return sock

"""How many connections the relay holds, per address and in total, and for how long.

An unauthenticated host on the LAN must not be able to take every slot (issue 16,
findings 3 and 4): connections that have not logged in yet are capped per source
address, TLS handshakes in progress more tightly still, and both phases are short. The
total is capped below the process's open-files limit, so the relay never runs out of
descriptors (which used to stop it from closing anything). Settings live in relay.json
under ``"connections"``; every key is optional.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from desktop_app.relay.errors import RelayDataError

if sys.platform != "win32":  # Windows has no rlimits; the configured cap stands there
    import resource

MAX_CONNECTIONS = 2000
"""Open connections in total, in any phase (lowered to fit the open-files limit)."""
MAX_UNAUTHENTICATED_PER_ADDRESS = 32
"""Connections from one address that have not logged in yet (TLS, upgrade or login)."""
MAX_HANDSHAKES_PER_ADDRESS = 16
"""Connections from one address still in the TLS handshake or the websocket upgrade."""
TLS_HANDSHAKE_TIMEOUT_S = 5.0
"""For the TLS handshake, and again for the websocket upgrade after it."""
LOGIN_TIMEOUT_S = 10.0
"""A connection must be logged in (Enrolled/Authenticated) this soon after it opens."""
MAX_CONNECTIONS_PER_DEVICE = 8
"""Logged-in connections of one device at one node. Logged-in connections count only
against the total otherwise, so one colleague's client, logging in as its own device
again and again, could take every slot and lock the whole ward out."""
MAX_LOGINS_PER_DEVICE = 60
"""Logins of one device per minute at one node: each writes a ``login`` audit line (kept
for the retention), so a client reconnecting in a loop could fill the relay's disk. One a
second on average leaves room for scripts that call the headless client often (a lab
system sending results): each call is a login."""
FD_RESERVE = 128
"""Descriptors kept free of connections: database, WAL, blob files, audit log, stdio,
zeroconf sockets, the listening socket, the event loop. The store runs on one thread,
so only a few of these are open at once."""
WANTED_OPEN_FILES = 65536
"""The soft open-files limit the relay raises itself to (if the hard limit allows)."""


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """The ``"connections"`` object of relay.json (all keys optional)."""

    max_connections: int = MAX_CONNECTIONS
    max_unauthenticated_per_address: int = MAX_UNAUTHENTICATED_PER_ADDRESS
    max_handshakes_per_address: int = MAX_HANDSHAKES_PER_ADDRESS
    tls_handshake_timeout_s: float = TLS_HANDSHAKE_TIMEOUT_S
    login_timeout_s: float = LOGIN_TIMEOUT_S
    max_connections_per_device: int = MAX_CONNECTIONS_PER_DEVICE
    max_logins_per_device: int = MAX_LOGINS_PER_DEVICE

    @classmethod
    def from_doc(cls, doc: Any, where: Path) -> ConnectionLimits:
        if doc is None:
            return cls()
        if not isinstance(doc, dict):
            raise RelayDataError(f'{where}: "connections" must be an object')
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(doc) - set(known))
        if unknown:
            raise RelayDataError(f"{where}: unknown connection settings {unknown}")
        values: dict[str, Any] = {}
        for name, value in doc.items():
            is_int = isinstance(value, int) and not isinstance(value, bool)
            is_number = is_int or isinstance(value, float)
            if name.endswith("_s"):
                if not is_number or not 0 < value <= 3600:
                    raise RelayDataError(f"{where}: connections.{name} must be 0 to 3600 seconds")
                values[name] = float(value)
            else:
                if not is_int or not 1 <= value <= 1_000_000:
                    raise RelayDataError(f"{where}: connections.{name} must be a whole number ≥ 1")
                values[name] = value
        return cls(**values)

    def to_doc(self) -> dict[str, int | float]:
        defaults = ConnectionLimits()
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(defaults, f.name)
        }

    def fitted_to_open_files(self) -> tuple[ConnectionLimits, int]:
        """These limits with ``max_connections`` lowered to fit the open-files limit
        (raised first towards ``WANTED_OPEN_FILES`` if the hard limit allows), and that
        limit. Running out of descriptors breaks accept, audit and blob writes at once."""
        open_files = raise_open_files_limit(self.max_connections + FD_RESERVE)
        if open_files is None:
            return self, 0
        cap = max(1, min(self.max_connections, open_files - FD_RESERVE))
        return replace(self, max_connections=cap), open_files


def raise_open_files_limit(wanted: int) -> int | None:
    """Raise the soft RLIMIT_NOFILE towards ``wanted`` (at most the hard limit); the
    soft limit in force afterwards, or None where there are no rlimits."""
    if sys.platform == "win32":
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = max(wanted, WANTED_OPEN_FILES)
    if hard != resource.RLIM_INFINITY:
        target = min(target, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return WANTED_OPEN_FILES if soft == resource.RLIM_INFINITY else int(soft)

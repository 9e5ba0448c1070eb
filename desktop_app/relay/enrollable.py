"""No devices for a functional account: checked by `admin enroll` and again at Join.

A functional account ("Dienstarzt Kardiologie") is not a person: messages to it reach
the own devices of whoever holds it (docs/directory.md). Before, a device could be
enrolled under such a uid and then wrote to colleagues as "Dienstarzt Kardiologie",
with no person accountable for an order sent that way.
"""

from __future__ import annotations

from typing import Protocol

from desktop_app.directory.snapshot import decode_entry


class DirectoryLookup(Protocol):
    def directory_entry(self, uid: str) -> bytes | None: ...


def is_functional_account(store: DirectoryLookup, uid: str) -> bool:
    """True when the loaded directory lists ``uid`` as a functional account."""
    raw = store.directory_entry(uid)
    return raw is not None and decode_entry(raw).is_function

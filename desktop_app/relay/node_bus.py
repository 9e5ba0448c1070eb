"""News between relay nodes that share one PostgreSQL store: LISTEN/NOTIFY, no polling.

A node that commits an envelope tells the others which recipient devices have new mail
(``store_pg.MAIL_CHANNEL``, payload one device id, never content); a new revocation list
is told on ``REVOKED_CHANNEL``. PostgreSQL sends a notification only when its
transaction commits, so nothing is announced that was not stored. Each node listens on
one dedicated connection in its own thread (the store's connection stays free for the
database thread) and hands what it hears to ``NodeEvents``: the server wakes the
recipient's delivery pump, which reads the mailbox as for local mail.

After the listening connection was lost (the database restarted or failed over) the
bus reconnects by itself and calls ``resync``: notifications sent meanwhile are lost,
so every connected device's mailbox and the revocation list are read once again. A
database still unreachable after ``DATABASE_LOST_S`` is lost for this node (a network
partition, a dead server): ``lost`` disconnects its devices with ``unavailable`` and they
fail over to another node (whose database may still be there); logins here fail with
``unavailable`` until it is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from desktop_app.relay.errors import RelayStoreError
from desktop_app.relay.store_pg import MAIL_CHANNEL, REVOKED_CHANNEL, PgTarget, open_connection

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger("wardlink.relay")

STOP_CHECK_S = 0.5
"""How long one wait for notifications lasts before the thread looks whether it should
stop (the wait is on the socket: no query runs)."""
RECONNECT_S = 1.0
"""Pause between attempts to reach a database that went away."""
DATABASE_LOST_S = 5.0
"""A database unreachable this long is lost for this node (not a restart): its devices
are told so and disconnected, so that they fail over to a node that still has it."""


class NodeEvents(Protocol):
    """What a node does with news from the others; called on the bus's thread."""

    def mail(self, device_id: str) -> None:
        """``device_id`` has new mail in the shared store."""

    def revoked(self) -> None:
        """A new revocation list was stored."""

    def resync(self) -> None:
        """The bus (re)connected: news may have been missed; look at everything once."""

    def lost(self) -> None:
        """The database has been unreachable for ``DATABASE_LOST_S``."""


class PgNodeBus:
    """LISTEN on a dedicated PostgreSQL connection, in a daemon thread."""

    def __init__(self, target: PgTarget, own_pid: Callable[[], int | None] | None = None) -> None:
        """``own_pid``: the backend pid of this node's store connection; its own
        notifications are skipped (the node already woke its devices itself)."""
        self._target = target
        self._own_pid = own_pid or (lambda: None)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()
        """Set while LISTEN is in place (tests wait for it)."""
        self.lost_after_s = DATABASE_LOST_S

    def start(self, events: NodeEvents) -> None:
        self._thread = threading.Thread(
            target=self._run, args=(events,), name="relay-node-bus", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self, events: NodeEvents) -> None:
        import psycopg

        lost_since: float | None = None  # monotonic time the database went away
        told = False
        while not self._stop.is_set():
            conn: psycopg.Connection[Any] | None = None
            try:
                conn = open_connection(self._target)
                conn.execute(f"LISTEN {MAIL_CHANNEL}")
                conn.execute(f"LISTEN {REVOKED_CHANNEL}")
                self.connected.set()
                if lost_since is not None:
                    log.info("the relay database is back; listening to the other nodes again")
                lost_since, told = None, False
                events.resync()
                self._listen(conn, events)
            except (RelayStoreError, psycopg.Error) as exc:
                self.connected.clear()
                if lost_since is None:
                    log.warning("lost the news from the other relay nodes: %s", exc)
                    lost_since = time.monotonic()
                elif not told and time.monotonic() - lost_since >= self.lost_after_s:
                    log.error(
                        "the relay database has been unreachable for %.0f s: disconnecting "
                        "devices so that they fail over to another node",
                        self.lost_after_s,
                    )
                    told = True
                    events.lost()
                self._stop.wait(RECONNECT_S)
            except Exception:  # a failing callback must not end the news for good
                log.exception("relay node bus failed")
                self._stop.wait(RECONNECT_S)
            finally:
                if conn is not None:
                    conn.close()
        self.connected.clear()

    def _listen(self, conn: psycopg.Connection[Any], events: NodeEvents) -> None:
        while not self._stop.is_set():
            own = self._own_pid()
            for note in conn.notifies(timeout=STOP_CHECK_S):
                if note.pid == own:
                    continue
                if note.channel == MAIL_CHANNEL:
                    events.mail(note.payload)
                elif note.channel == REVOKED_CHANNEL:
                    events.revoked()


__all__ = ["NodeEvents", "PgNodeBus"]

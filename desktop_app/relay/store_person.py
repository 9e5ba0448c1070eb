"""Reads for one person's report (``admin person report``, relay/person_report.py).

Everything the store keeps about one uid or one device of theirs, as records without
content: the relay cannot read messages, and the report must not hand out other
people's data either, so what waits for a device is counted, never attributed to its
senders. Read-only and written once in SQLite's SQL (store_pg translates it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.relay.store_base import StoreBase


@dataclass(frozen=True, slots=True)
class CodeRecord:
    """An enrollment code issued for the person (the secret's hash is never read)."""

    created_at: int
    expires_at: int
    used_at: int | None
    used_by: str | None


@dataclass(frozen=True, slots=True)
class WaitingRequest:
    """A device request waiting for IT's signature (offline issuing)."""

    kind: str  # "enrollment" | "renewal"
    device_id: str
    device_name: str
    requested_at: int
    signed: bool


@dataclass(frozen=True, slots=True)
class Queue:
    """Envelopes (or blobs) and their bytes; ``oldest`` is when the first arrived."""

    count: int
    size: int
    oldest: int | None


@dataclass(frozen=True, slots=True)
class BlobUpload:
    """One blob a device of the person uploaded: sizes and times, never its content."""

    total_size: int
    received: int
    complete: bool
    created_at: int
    expires_at: int
    readers: int


@dataclass(frozen=True, slots=True)
class PublishedKeys:
    one_time_keys: int
    fallback_key: bool


class PersonStore(StoreBase):
    def directory_uids(self) -> dict[str, bytes | None]:
        """Every uid the directory ever held: signed bytes, or None once removed."""
        rows = self._query("SELECT uid, entry FROM directory_entries")
        return {str(u): None if e is None else bytes(e) for u, e in rows}

    def directory_row(self, uid: str) -> tuple[bytes | None, int] | None:
        """(signed entry bytes or None for a tombstone, version of the last change)."""
        rows = self._query("SELECT entry, version FROM directory_entries WHERE uid = ?", (uid,))
        if not rows:
            return None
        entry, version = rows[0]
        return (None if entry is None else bytes(entry)), int(version)

    def enrollment_codes_of(self, uid: str) -> list[CodeRecord]:
        rows = self._query(
            "SELECT created_at, expires_at, used_at, used_by FROM enrollment_codes "
            "WHERE uid = ? ORDER BY created_at",
            (uid,),
        )
        return [
            CodeRecord(int(c), int(e), _int(u), None if b is None else str(b))
            for c, e, u, b in rows
        ]

    def waiting_requests_of(self, uid: str) -> list[WaitingRequest]:
        found = []
        for kind, table in (("enrollment", "pending_enrollments"), ("renewal", "pending_renewals")):
            rows = self._query(
                f"SELECT device_id, device_name, requested_at, certificate IS NOT NULL "  # noqa: S608 (constant table)
                f"FROM {table} WHERE uid = ? ORDER BY requested_at",
                (uid,),
            )
            found += [WaitingRequest(kind, str(d), str(n), int(r), bool(s)) for d, n, r, s in rows]
        return found

    def role_requests_naming(
        self, uid: str
    ) -> list[tuple[int, str, str, int, str, str, int | None]]:
        """Take-over requests ``uid`` made or answered: (id, role, requester, made,
        status, answered by, answered at), oldest first."""
        rows = self._query(
            "SELECT id, role_uid, requester, created_at, status, answered_by, answered_at "
            "FROM role_requests WHERE requester = ? OR answered_by = ? ORDER BY id",
            (uid, uid),
        )
        return [
            (int(i), str(r), str(q), int(c), str(s), str(a), _int(t))
            for i, r, q, c, s, a, t in rows
        ]

    def mail_waiting_for(self, device_id: str) -> Queue:
        """Envelopes in the device's mailbox: how many, their bytes, the oldest."""
        return self._counted(
            "count(*), coalesce(sum(m.size), 0), min(e.received_at) FROM mailbox m "
            "JOIN envelopes e ON e.id = m.envelope WHERE m.device_id = ?",
            device_id,
        )

    def mail_sent_waiting(self, uid: str) -> Queue:
        """Envelopes the person sent that some recipient has not picked up yet."""
        return self._counted(
            "count(*), coalesce(sum(length(payload)), 0), min(received_at) "
            "FROM envelopes WHERE sender_uid = ?",
            uid,
        )

    def blobs_waiting_for(self, device_id: str) -> Queue:
        """Blobs the device may download and has not fetched yet."""
        return self._counted(
            "count(*), coalesce(sum(b.total_size), 0), min(b.created_at) "
            "FROM blob_readers r JOIN blobs b ON b.blob_id = r.blob_id "
            "WHERE r.device_id = ? AND r.fetched_at IS NULL",
            device_id,
        )

    def _counted(self, select: str, key: str) -> Queue:
        """One row of (count, bytes, oldest time) for a constant query and one key."""
        count, size, oldest = self._query("SELECT " + select, (key,))[0]
        return Queue(int(count), int(size), _int(oldest))

    def blobs_uploaded_by(self, device_id: str) -> list[BlobUpload]:
        rows = self._query(
            "SELECT total_size, received, sha256 IS NOT NULL, created_at, expires_at, "
            "(SELECT count(*) FROM blob_readers r WHERE r.blob_id = b.blob_id) "
            "FROM blobs b WHERE owner_device = ? ORDER BY created_at",
            (device_id,),
        )
        return [
            BlobUpload(int(t), int(r), bool(c), int(a), int(e), int(n)) for t, r, c, a, e, n in rows
        ]

    def published_keys(self, device_id: str) -> PublishedKeys:
        one_time = self._query(
            "SELECT count(*) FROM one_time_keys WHERE device_id = ?", (device_id,)
        )
        fallback = self._query(
            "SELECT count(*) FROM fallback_keys WHERE device_id = ?", (device_id,)
        )
        return PublishedKeys(int(one_time[0][0]), int(fallback[0][0]) > 0)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)

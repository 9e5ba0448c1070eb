"""The directory in the relay store: signed entry bytes, versions, role hand-overs.

A new version is written in one transaction together with its signed header, and only
if nobody committed another version meanwhile (``expected_version``), so two admin
commands racing cannot interleave their changes under one signature.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop_app.relay.errors import RelayStoreError
from desktop_app.relay.store_base import StoreBase
from desktop_app.sqlmigrate import limit_sql

ROLE_REQUEST_KEEP_MS = 7 * 86_400_000
"""Take-over requests are forgotten a week after they were made (answered or not; a
request waits at most a shift). The audit log keeps role_request and its answer."""


class DirectoryConflict(RelayStoreError):
    """Another directory change was committed since this one was computed."""


@dataclass(frozen=True, slots=True)
class DirectoryVersion:
    version: int
    created_at: int
    header: bytes
    signature: bytes
    source: str
    added: int
    changed: int
    removed: int


@dataclass(frozen=True, slots=True)
class DirectoryChunk:
    """One page of changes since a version: (uid, bytes or None if removed)."""

    version: DirectoryVersion | None
    items: list[tuple[str, bytes | None]]
    more: bool


@dataclass(frozen=True, slots=True)
class Handover:
    role_uid: str
    holders: tuple[str, ...]
    set_by: str
    at: int
    version: int


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class RoleRequestRecord:
    """Someone asked to take over a functional account whose holder must approve."""

    request_id: int
    role_uid: str
    requester: str
    created_at: int
    status: RequestStatus
    answered_by: str
    answered_at: int | None


_VERSION_COLUMNS = "version, created_at, header, signature, source, added, changed, removed"


class DirectoryStore(StoreBase):
    def directory_entries(self) -> dict[str, bytes]:
        """Every current (not removed) entry's signed bytes, by uid."""
        rows = self._query("SELECT uid, entry FROM directory_entries WHERE entry IS NOT NULL")
        return {str(uid): bytes(entry) for uid, entry in rows}

    def removed_uids(self) -> set[str]:
        """The uids the directory held once and removed (a leaver, a full sync's removal)."""
        rows = self._query("SELECT uid FROM directory_entries WHERE entry IS NULL")
        return {str(uid) for (uid,) in rows}

    def directory_entry(self, uid: str) -> bytes | None:
        """One current entry's signed bytes (None if not in the directory): a request
        about one account must not read every entry on the database thread."""
        rows = self._query(
            "SELECT entry FROM directory_entries WHERE uid = ? AND entry IS NOT NULL", (uid,)
        )
        return bytes(rows[0][0]) if rows else None

    def requested_role_entries(self, since: int) -> dict[str, bytes]:
        """The current entries of accounts with a pending take-over request made after
        ``since``: the only ones a holder's view of waiting requests needs (few: each
        person has at most a handful pending), not the whole directory."""
        rows = self._query(
            "SELECT uid, entry FROM directory_entries WHERE entry IS NOT NULL AND uid IN "
            "(SELECT role_uid FROM role_requests WHERE status = ? AND created_at > ?)",
            (RequestStatus.PENDING.value, since),
        )
        return {str(uid): bytes(entry) for uid, entry in rows}

    def in_directory(self, uid: str) -> bool | None:
        """None when no directory is loaded; else whether ``uid`` has a current entry."""
        if self.directory_version() is None:
            return None
        rows = self._query(
            "SELECT 1 FROM directory_entries WHERE uid = ? AND entry IS NOT NULL", (uid,)
        )
        return bool(rows)

    def directory_version(self) -> DirectoryVersion | None:
        rows = self._query(
            f"SELECT {_VERSION_COLUMNS} FROM directory_versions ORDER BY version DESC LIMIT 1"
        )
        return DirectoryVersion(*rows[0]) if rows else None

    def directory_history(self, limit: int = 20) -> list[DirectoryVersion]:
        rows = self._query(
            f"SELECT {_VERSION_COLUMNS} FROM directory_versions ORDER BY version DESC "
            + limit_sql(limit)
        )
        return [DirectoryVersion(*r) for r in rows]

    def commit_directory(
        self,
        expected_version: int,
        new: DirectoryVersion,
        upserts: Mapping[str, bytes],
        removals: Sequence[str],
        handovers: Sequence[Handover] = (),
    ) -> None:
        """Write version ``new`` (expected_version + 1) with its changes, atomically."""
        if new.version != expected_version + 1:
            raise ValueError("a new directory version must follow the expected one")
        with self._tx() as cur:
            row = cur.execute("SELECT MAX(version) FROM directory_versions").fetchone()
            current = int(row[0] or 0)
            if current != expected_version:
                raise DirectoryConflict(
                    f"the directory changed meanwhile (version {current}, expected "
                    f"{expected_version}); run the command again"
                )
            cur.executemany(
                "INSERT INTO directory_entries (uid, entry, version) VALUES (?, ?, ?) "
                "ON CONFLICT(uid) DO UPDATE SET entry = excluded.entry, version = excluded.version",
                [(uid, data, new.version) for uid, data in upserts.items()],
            )
            cur.executemany(
                "UPDATE directory_entries SET entry = NULL, version = ? WHERE uid = ?",
                [(new.version, uid) for uid in removals],
            )
            cur.execute(
                f"INSERT INTO directory_versions ({_VERSION_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.version,
                    new.created_at,
                    new.header,
                    new.signature,
                    new.source,
                    new.added,
                    new.changed,
                    new.removed,
                ),
            )
            cur.executemany(
                "INSERT INTO role_handovers (role_uid, holders, set_by, at, version) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (h.role_uid, json.dumps(list(h.holders)), h.set_by, h.at, new.version)
                    for h in handovers
                ],
            )

    def directory_changes(self, since: int, after: str, limit: int) -> DirectoryChunk:
        """Up to ``limit`` changes since ``since``, uid-ordered after ``after``, and the
        version they lead to, read in one transaction so they belong together."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                row = self._conn.execute(
                    f"SELECT {_VERSION_COLUMNS} FROM directory_versions "
                    "ORDER BY version DESC LIMIT 1"
                ).fetchone()
                items = self._conn.execute(
                    "SELECT uid, entry FROM directory_entries WHERE version > ? AND uid > ? "
                    "AND (entry IS NOT NULL OR ? > 0) ORDER BY uid " + limit_sql(limit + 1),
                    (since, after, since),
                ).fetchall()
            finally:
                self._conn.execute("COMMIT")
        version = None if row is None else DirectoryVersion(*row)
        more = len(items) > limit
        pairs = [(str(u), None if e is None else bytes(e)) for u, e in items[:limit]]
        return DirectoryChunk(version, pairs, more)

    def handovers(self, role_uid: str | None = None, limit: int = 50) -> list[Handover]:
        rows = self._query(
            "SELECT role_uid, holders, set_by, at, version FROM role_handovers "
            "WHERE CAST(? AS TEXT) IS NULL OR role_uid = ? ORDER BY id DESC " + limit_sql(limit),
            (role_uid, role_uid),
        )
        return [Handover(r[0], tuple(json.loads(r[1])), r[2], r[3], r[4]) for r in rows]

    def handovers_by(self, role_uid: str, set_by: str, since: int) -> int:
        """How often ``set_by`` handed ``role_uid`` over since ``since`` (counted in the
        database, so every relay node on one PostgreSQL sees the same number)."""
        rows = self._query(
            "SELECT COUNT(*) FROM role_handovers WHERE role_uid = ? AND set_by = ? AND at > ?",
            (role_uid, set_by, since),
        )
        return int(rows[0][0])

    def forget_handovers(self, before: int) -> int:
        """The hourly run: delete hand-overs made before ``before`` (the relay keeps them
        as long as the audit log keeps its ``role_handover`` lines: RelayContext's
        ``handover_keep_ms``); who holds a role now is in its directory entry."""
        with self._tx() as cur:
            return int(cur.execute("DELETE FROM role_handovers WHERE at < ?", (before,)).rowcount)

    # ---- take-over requests (policy "holder") ----------------------------------------

    def forget_role_requests(self, now: int) -> int:
        """The hourly run: delete requests made more than ROLE_REQUEST_KEEP_MS ago (a
        new request did so too, but on a ward where nobody asks again they stayed)."""
        with self._tx() as cur:
            return int(
                cur.execute(
                    "DELETE FROM role_requests WHERE created_at < ?", (now - ROLE_REQUEST_KEEP_MS,)
                ).rowcount
            )

    def add_role_request(
        self, role_uid: str, requester: str, now: int, since: int, forget_before: int
    ) -> tuple[RoleRequestRecord, bool]:
        """A new pending request (True), or the requester's pending one for this role
        made after ``since`` (False: asking twice does not queue twice). Rows answered or made
        before ``forget_before`` are deleted, so the table stays small."""
        with self._tx() as cur:
            cur.execute("DELETE FROM role_requests WHERE created_at < ?", (forget_before,))
            row = cur.execute(
                f"SELECT {_REQUEST_COLUMNS} FROM role_requests WHERE role_uid = ? "
                "AND requester = ? AND status = ? AND created_at > ? ORDER BY id DESC LIMIT 1",
                (role_uid, requester, RequestStatus.PENDING.value, since),
            ).fetchone()
            if row is not None:
                return _request(row), False
            request_id = int(
                cur.execute(
                    "INSERT INTO role_requests (role_uid, requester, created_at, status) "
                    "VALUES (?, ?, ?, ?) RETURNING id",
                    (role_uid, requester, now, RequestStatus.PENDING.value),
                ).fetchone()[0]
            )
        record = RoleRequestRecord(
            request_id, role_uid, requester, now, RequestStatus.PENDING, "", None
        )
        return record, True

    def pending_role_requests(self, requester: str, since: int) -> int:
        rows = self._query(
            "SELECT COUNT(*) FROM role_requests WHERE requester = ? AND status = ? "
            "AND created_at > ?",
            (requester, RequestStatus.PENDING.value, since),
        )
        return int(rows[0][0])

    def role_request(self, request_id: int) -> RoleRequestRecord | None:
        rows = self._query(
            f"SELECT {_REQUEST_COLUMNS} FROM role_requests WHERE id = ?", (request_id,)
        )
        return _request(rows[0]) if rows else None

    def role_requests(
        self, roles: Sequence[str], requester: str, since: int, limit: int
    ) -> list[RoleRequestRecord]:
        """Pending requests for ``roles`` (those the caller holds) and the caller's own
        requests, any status, made after ``since``; newest first."""
        marks = ",".join("?" * len(roles)) or "NULL"  # IN () is SQLite-only
        rows = self._query(
            f"SELECT {_REQUEST_COLUMNS} FROM role_requests WHERE created_at > ? AND ("
            f"requester = ? OR (status = ? AND role_uid IN ({marks}))) "
            "ORDER BY id DESC " + limit_sql(limit),  # only "?" and a number are formatted in
            (since, requester, RequestStatus.PENDING.value, *roles),
        )
        return [_request(r) for r in rows]

    def answer_role_request(
        self, request_id: int, status: RequestStatus, by: str, now: int
    ) -> bool:
        """Mark a pending request answered; False if it was no longer pending."""
        with self._tx() as cur:
            done = cur.execute(
                "UPDATE role_requests SET status = ?, answered_by = ?, answered_at = ? "
                "WHERE id = ? AND status = ?",
                (status.value, by, now, request_id, RequestStatus.PENDING.value),
            )
            return bool(done.rowcount)


_REQUEST_COLUMNS = "id, role_uid, requester, created_at, status, answered_by, answered_at"


def _request(row: tuple[Any, ...]) -> RoleRequestRecord:
    rid, role_uid, requester, created_at, status, answered_by, answered_at = row
    return RoleRequestRecord(
        int(rid),
        str(role_uid),
        str(requester),
        int(created_at),
        RequestStatus(str(status)),
        str(answered_by),
        None if answered_at is None else int(answered_at),
    )

"""The container's copy of the staff directory (schema 3 tables), as opaque signed data.

Storage does not know the directory model (the layers keep them apart): it keeps each
entry's canonical signed bytes (base64 in ``entry``), a folded search text, and the
signed header of the version the copy is at. ``desktop_app.services.staff_directory``
verifies the whole copy against that signature whenever it loads it, so a copy edited
on disk is refused, and replaces it in ONE transaction when a newer version arrives.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.storage.database import Database
from desktop_app.storage.timeutil import to_ms, utc_now


@dataclass(frozen=True, slots=True)
class StoredDirectoryHeader:
    version: int
    header: bytes
    signature: bytes


class SqlDirectoryStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def header(self) -> StoredDirectoryHeader | None:
        meta = {str(k): str(v) for k, v in self._db.query("SELECT key, value FROM directory_meta")}
        if not {"version", "header", "signature"} <= meta.keys():
            return None
        return StoredDirectoryHeader(
            int(meta["version"]), bytes.fromhex(meta["header"]), bytes.fromhex(meta["signature"])
        )

    def entries(self) -> dict[str, bytes]:
        """uid -> signed entry bytes, exactly as stored (verification is the caller's)."""
        rows = self._db.query("SELECT uid, entry FROM directory_entries")
        return {str(uid): base64.b64decode(str(text)) for uid, text in rows}

    def apply(
        self,
        header: StoredDirectoryHeader,
        changed: Mapping[str, tuple[bytes, str]],
        removed: Sequence[str],
    ) -> None:
        """Write a verified update: uid -> (signed bytes, search text), removals, header."""
        now = to_ms(utc_now())
        with self._db.transaction() as cur:
            cur.executemany("DELETE FROM directory_entries WHERE uid = ?", [(u,) for u in removed])
            cur.executemany(
                "INSERT INTO directory_entries (uid, entry, search_text, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET entry = excluded.entry, "
                "search_text = excluded.search_text, updated_at = excluded.updated_at",
                [
                    (uid, base64.b64encode(data).decode("ascii"), text, now)
                    for uid, (data, text) in changed.items()
                ],
            )
            cur.executemany(
                "INSERT INTO directory_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [
                    ("version", str(header.version)),
                    ("header", header.header.hex()),
                    ("signature", header.signature.hex()),
                ],
            )

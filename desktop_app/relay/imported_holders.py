"""Holders of functional accounts changed by `admin directory import`: hand-overs too.

docs/directory.md promises that IT's changes of holders, by `set-holders` or by an
import, are recorded like any hand-over (``role_handovers``, shown by `directory
handovers`, and a ``role_handover`` audit line). An import that changed ``holders``
recorded neither: who held "Dienstarzt Kardiologie" when could not be told afterwards.
Each existing account whose holders an import changes now gets both, by ``it``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.directory.snapshot import decode_entry
from desktop_app.relay.audit import AuditLog
from desktop_app.relay.store_directory import Handover

IMPORTED_BY = "it"
"""``set_by`` of these hand-overs, as for `set-holders` (relay/role_handover.py ``IT``)."""


@dataclass(frozen=True, slots=True)
class ImportedHandover:
    handover: Handover
    old_holders: tuple[str, ...]
    policy: str


def imported_handovers(
    current: Mapping[str, bytes], upserts: Mapping[str, bytes], version: int, when: int
) -> list[ImportedHandover]:
    """Every functional account already in ``current`` whose holders ``upserts`` change
    (an account the import creates starts with its holders: no hand-over yet)."""
    found = []
    for uid, data in sorted(upserts.items()):
        entry = decode_entry(data)
        if not entry.is_function or uid not in current:
            continue
        old = decode_entry(current[uid]).holders
        if entry.holders != old:
            handover = Handover(uid, entry.holders, IMPORTED_BY, when, version)
            found.append(ImportedHandover(handover, old, entry.takeover_policy.value))
    return found


def audit_imported(audit: AuditLog, handovers: list[ImportedHandover]) -> None:
    for h in handovers:
        audit.record(
            "role_handover", uid=IMPORTED_BY, role=h.handover.role_uid,
            old_holders=",".join(h.old_holders), holders=",".join(h.handover.holders),
            policy=h.policy, version=h.handover.version,
        )  # fmt: skip

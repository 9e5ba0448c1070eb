"""``wardlink admin person remove UID``: what IT does when someone leaves the hospital.

One command, so nothing is forgotten: every device of the person is revoked with the
default remote wipe (their PCs crypto-shred the container when they see the signed
list), their unused enrollment codes are cancelled, and, if a directory is loaded, they
leave it and every functional account they held, in one new signed version, each
account's new holders recorded as a hand-over by ``it`` (`directory handovers` showed
the leaver as the latest holder). An LDAP sync that no longer finds a person does the
same through ``directory_admin.publish``.
A uid the relay has never heard of (a typo) is refused rather than "removed", so IT
does not believe a leaver handled whose devices still work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.crypto.profile import MAX_UID_LENGTH, check_identifier
from desktop_app.directory.snapshot import decode_entry
from desktop_app.relay.admin import now_ms
from desktop_app.relay.directory_admin import (
    _open,
    _revoke_people,
    audit_publish,
    current_plan_base,
    plan,
    publish_planned,
)
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.imported_holders import audit_imported


@dataclass(frozen=True, slots=True)
class PersonRemoval:
    uid: str
    revoked_devices: tuple[str, ...]
    cancelled_codes: int
    directory_version: int | None
    roles_left: tuple[str, ...]


def remove_person(root: Path, uid: str, passphrase: str, now: int | None = None) -> PersonRemoval:
    """Revoke (with wipe), cancel codes, drop from the directory and role holders."""
    check_identifier(uid, "uid", MAX_UID_LENGTH)
    data, store, issuer = _open(root, passphrase)
    when = now_ms() if now is None else now
    try:
        # Devices first, so the person is never gone from the directory while a device
        # of theirs still works; then the directory (which cancels codes for removals).
        revoked = _revoke_people(store, issuer, [uid], when)
        cancelled = store.cancel_enrollment_codes(uid, when)
        if not (revoked or cancelled or store.devices(uid) or store.in_directory(uid)):
            raise AdminInputError(
                f"{uid} is unknown to this relay: not in the staff directory, no devices, no "
                "unused enrollment codes; nothing was changed (check the spelling: "
                "`wardlink admin devices` lists who has devices)"
            )
        current, base = current_plan_base(store)
        roles = tuple(
            sorted(
                r
                for r, raw in current.items()
                if (e := decode_entry(raw)).is_function and uid in e.holders
            )
        )
        kept = [decode_entry(raw) for u, raw in current.items() if u != uid]
        change = plan(current, base, kept, replace_all=True)
        result, handovers = publish_planned(
            store, issuer, current, change, f"person {uid} removed", now=when
        )
    finally:
        store.close()
    audit = data.audit()
    audit_imported(audit, handovers)  # the accounts she held: handed to who is left
    for device_id in revoked:
        audit.record(
            "device_revoked", uid=uid, device_id=device_id, reason="person removed", data="wiped"
        )
    audit_publish(data, result, f"person {uid} removed")
    audit.record(
        "person_removed",
        uid=uid,
        devices=len(revoked),
        codes=cancelled,
        version=result.version,
        role=",".join(roles) or None,
    )
    return PersonRemoval(uid, revoked, cancelled, result.version, roles)

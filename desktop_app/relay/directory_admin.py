"""IT's directory commands on the relay's data directory: import, publish, hand over.

Every change becomes a new directory version signed by the issuing key, written with
its entries in one transaction (nothing half-applied). Planning is separate from
publishing, so ``--dry-run`` shows exactly what would change. People removed from the
directory lose their devices: one new revocation list covers all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.crypto.device_certificates import revoke_device
from desktop_app.crypto.org import IssuingAuthority
from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.crypto.revocation import load_revocation_list
from desktop_app.directory.errors import DirectoryError
from desktop_app.directory.importers import ImportResult, RowError, import_file
from desktop_app.directory.model import Entry
from desktop_app.directory.snapshot import decode_entry, encode_entry, sign_header
from desktop_app.relay.admin import now_ms
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import AdminInputError, RelayStoreError
from desktop_app.relay.imported_holders import (
    ImportedHandover,
    audit_imported,
    imported_handovers,
)
from desktop_app.relay.store import RelayStore
from desktop_app.relay.store_directory import DirectoryVersion, Handover

MAX_IMPORT_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class DirectoryPlan:
    """What a change would do: uids added, changed and removed, and the new bytes."""

    base_version: int
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    upserts: Mapping[str, bytes] = field(repr=False)
    result: Mapping[str, bytes] = field(repr=False)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


@dataclass(frozen=True, slots=True)
class PublishResult:
    plan: DirectoryPlan
    version: int | None
    """The new version, or None for a dry run or when nothing changed."""
    revoked_devices: tuple[str, ...]
    returning: tuple[str, ...] = ()
    """Added people the directory removed before: a leaver in a stale export comes back."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    publish: PublishResult
    errors: tuple[RowError, ...]
    error_count: int


class RoleRefused(AdminInputError):
    """A hand-over of a functional account is not possible; ``missing`` if the account
    does not exist (else the new holder is not eligible)."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def plan(
    current: Mapping[str, bytes], base_version: int, entries: Iterable[Entry], *, replace_all: bool
) -> DirectoryPlan:
    """Compare new entries with the stored bytes. ``replace_all``: entries absent from
    ``entries`` are removed (a full LDAP sync); otherwise they stay (a CSV addition)."""
    new = {e.uid: encode_entry(e) for e in entries}
    if replace_all:
        _drop_leavers_from_holders(new, set(current) - set(new))
    added = sorted(uid for uid in new if uid not in current)
    changed = sorted(uid for uid, data in new.items() if uid in current and current[uid] != data)
    removed = sorted(uid for uid in current if uid not in new) if replace_all else []
    result = dict(current)
    for uid in removed:
        del result[uid]
    upserts = {uid: new[uid] for uid in (*added, *changed)}
    result.update(upserts)
    return DirectoryPlan(
        base_version, tuple(added), tuple(changed), tuple(removed), upserts, result
    )


def _drop_leavers_from_holders(new: dict[str, bytes], leavers: set[str]) -> None:
    """People leaving the directory stop holding functional accounts in the same version."""
    if not leavers:
        return
    for uid, data in list(new.items()):
        entry = decode_entry(data)
        if entry.is_function and leavers.intersection(entry.holders):
            kept = tuple(h for h in entry.holders if h not in leavers)
            new[uid] = encode_entry(replace(entry, holders=kept))


def returning(store: RelayStore, change: DirectoryPlan) -> tuple[str, ...]:
    """The added uids that were removed before (IT says so: a stale HR export or LDAP
    entry brings a leaver back into every colleague's directory)."""
    if not change.added:
        return ()
    gone = store.removed_uids()
    return tuple(uid for uid in change.added if uid in gone)


def current_plan_base(store: RelayStore) -> tuple[dict[str, bytes], int]:
    version = store.directory_version()
    return store.directory_entries(), 0 if version is None else version.version


def publish(
    store: RelayStore,
    issuer: IssuingAuthority,
    change: DirectoryPlan,
    source: str,
    *,
    handovers: Sequence[Handover] = (),
    now: int | None = None,
    revoke_removed: bool = True,
) -> PublishResult:
    """Sign and store ``change`` as the next version; revoke the removed people's devices.

    The revocation list is signed and stored before the directory version, so a person
    is never absent from the directory while their devices still work.
    """
    if change.empty and not handovers:
        return PublishResult(change, None, ())
    when = now_ms() if now is None else now
    revoked = _revoke_people(store, issuer, change.removed, when) if revoke_removed else ()
    for uid in change.removed:  # a leaver's unused codes must not enroll a new device
        store.cancel_enrollment_codes(uid, when)
    version = change.base_version + 1
    signed = sign_header(issuer.key, issuer.certificates.fingerprint, version, when, change.result)
    record = DirectoryVersion(
        version,
        when,
        signed.header,
        signed.signature,
        source[:200],
        len(change.added),
        len(change.changed),
        len(change.removed),
    )
    store.commit_directory(change.base_version, record, change.upserts, change.removed, handovers)
    return PublishResult(change, version, revoked)


def _revoke_people(
    store: RelayStore, issuer: IssuingAuthority, uids: Sequence[str], when: int
) -> tuple[str, ...]:
    devices = [d for uid in uids for d in store.devices(uid) if not d.revoked]
    if not devices:
        return ()
    latest = store.latest_revocations()
    if latest is None:
        raise RelayStoreError("the relay store holds no revocation list")
    current = load_revocation_list(latest[1], issuer.certificates.issuing_cas)
    moment = datetime.fromtimestamp(when / 1000, UTC)
    new = revoke_device(issuer, current, [d.certificate for d in devices], moment)
    for n, device in enumerate(devices):
        store.revoke_device(device.device_id, when, (new.number, new.der) if n == 0 else None)
    return tuple(d.device_id for d in devices)


def _open(root: Path, passphrase: str) -> tuple[RelayDataDir, RelayStore, IssuingAuthority]:
    data = RelayDataDir(root)
    data.check_initialised()
    issuer = load_issuing_authority(root, passphrase)  # checks the passphrase first
    return data, data.open_store(), issuer


def import_directory(
    root: Path, path: Path, passphrase: str, *, replace_all: bool = False, dry_run: bool = False
) -> ImportReport:
    """``wardlink admin directory import FILE``: good rows published, bad rows reported."""
    try:
        if path.stat().st_size > MAX_IMPORT_FILE_BYTES:
            raise AdminInputError(f"{path} is larger than {MAX_IMPORT_FILE_BYTES >> 20} MiB")
        data_bytes = path.read_bytes()
    except OSError as exc:
        raise AdminInputError(f"cannot read {path}: {exc.strerror}") from None
    try:
        parsed: ImportResult = import_file(path.name, data_bytes)
    except DirectoryError as exc:
        raise AdminInputError(f"{path.name}: {exc}") from None
    data, store, issuer = _open(root, passphrase)
    try:
        current, base = current_plan_base(store)
        change = plan(current, base, parsed.entries, replace_all=replace_all)
        result, handovers = publish_planned(
            store, issuer, current, change, f"import {path.name}", dry_run=dry_run
        )
    finally:
        store.close()
    audit_publish(data, result, f"import {path.name}")
    audit_imported(data.audit(), handovers)
    return ImportReport(result, parsed.errors, parsed.error_count)


def publish_planned(
    store: RelayStore,
    issuer: IssuingAuthority,
    current: Mapping[str, bytes],
    change: DirectoryPlan,
    source: str,
    *,
    dry_run: bool = False,
    now: int | None = None,
) -> tuple[PublishResult, list[ImportedHandover]]:
    """A change planned from a source (an import, an LDAP sync, a leaver): published
    with the hand-overs its holder changes make, the leavers it brings back named
    (``returning``); nothing is written for a dry run."""
    back = returning(store, change)
    handovers: list[ImportedHandover] = []
    if dry_run:
        result = PublishResult(change, None, ())
    else:
        when = now_ms() if now is None else now
        handovers = imported_handovers(current, change.upserts, change.base_version + 1, when)
        result = publish(
            store, issuer, change, source, handovers=[h.handover for h in handovers], now=when
        )
    return replace(result, returning=back), handovers


def audit_publish(data: RelayDataDir, result: PublishResult, source: str) -> None:
    """Audit a published version and each device it revoked (no entry contents)."""
    audit = data.audit()
    for device_id in result.revoked_devices:
        audit.record("device_revoked", device_id=device_id, reason="removed from the directory")
    if result.version is not None:
        change = result.plan
        audit.record(
            "directory_published",
            version=result.version,
            source=source,
            added=len(change.added),
            changed=len(change.changed),
            removed=len(change.removed),
        )


def set_holders(
    store: RelayStore,
    issuer: IssuingAuthority,
    role_uid: str,
    holders: Sequence[str],
    set_by: str,
    now: int | None = None,
) -> PublishResult:
    """Hand a functional account to ``holders`` (IT, or a holder taking over a shift),
    as a new signed version with the hand-over recorded."""
    current, base = current_plan_base(store)
    entry = _function(current, role_uid)
    unknown = [h for h in holders if h not in current or decode_entry(current[h]).is_function]
    if unknown:
        raise RoleRefused(f"not people in the directory: {', '.join(unknown[:5])}")
    updated = replace(entry, holders=tuple(dict.fromkeys(holders)))
    data = encode_entry(updated)
    change = DirectoryPlan(base, (), (role_uid,), (), {role_uid: data}, {**current, role_uid: data})
    when = now_ms() if now is None else now
    handover = Handover(role_uid, updated.holders, set_by, when, base + 1)
    return publish(store, issuer, change, f"holders of {role_uid} set by {set_by}",
                   handovers=[handover], now=when)  # fmt: skip


def _function(current: Mapping[str, bytes], role_uid: str) -> Entry:
    if role_uid not in current:
        raise RoleRefused(f"no functional account {role_uid} in the directory", missing=True)
    entry = decode_entry(current[role_uid])
    if not entry.is_function:
        raise RoleRefused(f"{role_uid} is a person, not a functional account", missing=True)
    return entry

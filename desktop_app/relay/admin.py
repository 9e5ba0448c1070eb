"""What hospital IT does to a relay: init, issue enrollment codes, list and revoke devices.

Plain functions over the data directory, used by ``wardlink relay init`` and
``wardlink admin …`` (desktop_app.commands) and by the tests. They work while the relay
is serving: SQLite in WAL mode lets this process write between the relay's short
transactions, and the running relay picks up a new revocation list by its number.

Only ``revoke`` needs the admin passphrase (to sign the new revocation list with the
issuing key); issuing a code needs only the public org fingerprint. The root key is
unwrapped nowhere here.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.crypto.certificates import issue_relay_certificate, save_relay_credentials
from desktop_app.crypto.device_certificates import read_device_certificate, revoke_device
from desktop_app.crypto.enrollment import new_code
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org import create_org
from desktop_app.crypto.org_files import (
    load_issuing_authority,
    load_org_certificates,
    org_exists,
    save_org,
)
from desktop_app.crypto.profile import MAX_UID_LENGTH, check_identifier
from desktop_app.crypto.revocation import empty_revocation_list, load_revocation_list
from desktop_app.relay.data_dir import DEFAULT_RETENTION_DAYS, RelayDataDir, RelaySettings
from desktop_app.relay.db_key import create_key_file
from desktop_app.relay.enrollable import is_functional_account
from desktop_app.relay.errors import (
    AdminInputError,
    RelayDataError,
    RelayStoreError,
    UnknownDevice,
)
from desktop_app.relay.store import DeviceRecord

MIN_ADMIN_PASSPHRASE_CHARS = 10
MIN_CODE_TTL = timedelta(minutes=1)
MAX_CODE_TTL = timedelta(days=30)
DEFAULT_CODE_TTL = timedelta(hours=24)
RELAY_ID_RANDOM_BYTES = 6


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True, slots=True)
class InitResult:
    settings: RelaySettings
    fingerprint_text: str
    hosts: tuple[str, ...]
    data: RelayDataDir


@dataclass(frozen=True, slots=True)
class IssuedCode:
    code: str
    uid: str
    expires_ms: int


@dataclass(frozen=True, slots=True)
class RevokeResult:
    device: DeviceRecord
    crl_number: int
    already_revoked: bool


def new_relay_id() -> str:
    return f"relay-{secrets.token_hex(RELAY_ID_RANDOM_BYTES)}"


def init_relay(
    root: Path,
    org_name: str,
    passphrase: str,
    hosts: Sequence[str],
    *,
    retention_days: int = DEFAULT_RETENTION_DAYS,
    kdf: KdfParams | None = None,
    now: datetime | None = None,
    offline_keys: Path | None = None,
    signing_passphrase: str | None = None,
    db_key_file: Path | None = None,
    database: str = "",
    database_password_file: str = "",
) -> InitResult:
    """Create org keys, relay TLS credentials, the store with an empty signed list.

    Refuses a directory that already holds any relay or org file. ``relay.json`` is
    written last: its presence marks a completed init.

    ``offline_keys``: offline issuing. The root and device CA keys go there (wrapped
    under ``signing_passphrase``, which must differ from the admin passphrase that the
    relay's service environment holds); the data directory gets no key that may
    certify a device (docs/trust.md, "Offline issuing").

    ``db_key_file``: relay.db encrypted at rest, its new random key there (db_key.py).

    ``database``: the store goes to this PostgreSQL database (schema created there),
    which must not hold another relay; relay.json names it (docs/scale.md).
    """
    data = RelayDataDir(root)
    existing = data.existing_relay_files()
    if existing:
        raise RelayDataError(
            f"{root} already holds a relay ({', '.join(existing)}); refusing to overwrite it"
        )
    if len(passphrase) < MIN_ADMIN_PASSPHRASE_CHARS:
        raise AdminInputError(
            f"the admin passphrase needs at least {MIN_ADMIN_PASSPHRASE_CHARS} characters"
        )
    if not hosts:
        raise AdminInputError("the relay certificate needs at least one host name or address")
    if offline_keys is not None:
        _check_offline_keys(root, offline_keys, passphrase, signing_passphrase)
    if database and db_key_file is not None:
        raise AdminInputError(
            "--encrypt-db encrypts relay.db; a store in PostgreSQL is encrypted at rest by "
            "the database server's storage (docs/scale.md)"
        )
    key_file = str(db_key_file.resolve()) if db_key_file is not None else ""
    key = create_key_file(db_key_file, root) if db_key_file is not None else None
    settings = RelaySettings(
        new_relay_id(),
        org_name,
        retention_days,
        db_key_file=key_file,
        database=database,
        database_password_file=database_password_file,
    )
    RelaySettings.from_json(settings.to_json(), data.settings_path)  # validates retention
    org = create_org(org_name, now, offline_issuing=offline_keys is not None)
    creds = issue_relay_certificate(org.issuer, settings.relay_id, list(hosts), now)
    crl = empty_revocation_list(org.issuer, now)
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise RelayDataError(f"cannot create {root}: {exc.strerror}") from exc
    store = data.open_store(key, settings)  # first: an unreachable database changes nothing
    try:
        other = store.get_meta("relay_id")
        if other is not None:
            raise RelayDataError(
                f"the database {database} already holds relay {other}; give this "
                "organisation its own database (or start another node with relay serve)"
            )
        save_org(
            org, root, passphrase, kdf, keys_dir=offline_keys, signing_passphrase=signing_passphrase
        )
        save_relay_credentials(creds, root, passphrase, kdf)
        store.set_meta("relay_id", settings.relay_id)
        store.save_revocations(crl.number, crl.der, now_ms())
    finally:
        store.close()
    data.blob_files()  # creates blobs/
    data.write_settings(settings)
    data.audit().record(
        "relay_initialised",
        relay_id=settings.relay_id,
        fingerprint=org.certificates.fingerprint_text,
    )
    return InitResult(settings, org.certificates.fingerprint_text, tuple(hosts), data)


def _check_offline_keys(
    root: Path, keys: Path, passphrase: str, signing_passphrase: str | None
) -> None:
    if not signing_passphrase or len(signing_passphrase) < MIN_ADMIN_PASSPHRASE_CHARS:
        raise AdminInputError(
            f"the signing passphrase needs at least {MIN_ADMIN_PASSPHRASE_CHARS} characters"
        )
    if signing_passphrase == passphrase:
        raise AdminInputError(
            "the signing passphrase must differ from the admin passphrase: the relay's "
            "service environment holds the admin passphrase"
        )
    resolved, data_root = keys.resolve(), root.resolve()
    if resolved == data_root or data_root in resolved.parents:
        raise AdminInputError("the offline keys directory must not be inside the relay's data")
    if org_exists(keys):
        raise RelayDataError(f"{keys} already holds organisation keys; refusing to overwrite")


def issue_code(
    root: Path, uid: str, ttl: timedelta = DEFAULT_CODE_TTL, now: int | None = None
) -> IssuedCode:
    """A one-time enrollment code for ``uid``; the store keeps only its secret's hash."""
    data = RelayDataDir(root)
    data.check_initialised()
    check_identifier(uid, "uid", MAX_UID_LENGTH)
    if not MIN_CODE_TTL <= ttl <= MAX_CODE_TTL:
        raise AdminInputError(
            f"an enrollment code must live between {_span(MIN_CODE_TTL)} and {_span(MAX_CODE_TTL)}"
        )
    org = load_org_certificates(root)
    text, secret_hash = new_code(org.fingerprint)
    issued = now_ms() if now is None else now
    expires = issued + int(ttl.total_seconds() * 1000)
    store = data.open_store()
    try:
        if store.in_directory(uid) is False:  # the relay would refuse it at Join
            raise AdminInputError(
                f"{uid} is not in the staff directory, so the relay would refuse a code for "
                "them at Join; no code issued (check the spelling, or add them with "
                "`admin directory import` / `sync-ldap` first)"
            )
        if is_functional_account(store, uid):
            raise AdminInputError(
                f"{uid} is a functional account: messages to it reach the own devices of "
                "whoever holds it (`admin directory set-holders`); enrol each holder's PC "
                "under their own uid; no code issued"
            )
        store.add_enrollment_code(secret_hash, uid, issued, expires)
    finally:
        store.close()
    data.audit().record("enrollment_code_issued", uid=uid, expires=iso_ms(expires))
    return IssuedCode(text, uid, expires)


def list_devices(root: Path, uid: str | None = None) -> list[DeviceRecord]:
    data = RelayDataDir(root)
    data.check_initialised()
    store = data.open_store()
    try:
        return store.devices(uid)
    finally:
        store.close()


def expiring_devices(
    root: Path, within: timedelta, now: datetime | None = None
) -> list[tuple[DeviceRecord, datetime]]:
    """Live devices whose certificate expires within ``within``, soonest first.

    In online issuing a device renews itself in its last ``RENEWAL_WINDOW`` (60 days)
    when it logs in; one listed here with less than that left has not logged in since,
    or the organisation signs devices offline and IT must renew it (docs/trust.md).
    """
    limit = (now or datetime.now(UTC)) + within
    found = []
    for record in list_devices(root):
        if record.revoked:
            continue
        expires = read_device_certificate(record.certificate).not_after
        if expires <= limit:
            found.append((record, expires))
    return sorted(found, key=lambda item: item[1])


def revoke(
    root: Path,
    device_id: str,
    passphrase: str,
    now: datetime | None = None,
    *,
    keep_data: bool = False,
) -> RevokeResult:
    """Revoke a device in the store and sign the next revocation list, in one step.

    The passphrase is checked (issuing key unwrapped) before anything changes. A device
    already revoked and already on the list gets no new list. The device crypto-shreds
    its container when it sees the list, unless ``keep_data`` (the audited exception
    for a PC revoked by mistake; the entry's reason is then certificateHold).
    """
    data = RelayDataDir(root)
    data.check_initialised()
    store = data.open_store()
    try:
        try:
            record = store.device(device_id)
        except UnknownDevice:
            raise UnknownDevice(
                f"unknown device {device_id} (`wardlink admin --data {root} devices [UID]` "
                "lists the device ids)"
            ) from None
        issuer = load_issuing_authority(root, passphrase, now)
        latest = store.latest_revocations()
        if latest is None:
            raise RelayStoreError("the relay store holds no revocation list")
        current = load_revocation_list(latest[1], issuer.certificates.issuing_cas)
        if record.revoked and current.is_revoked(device_id=device_id):
            return RevokeResult(record, current.number, already_revoked=True)
        new = revoke_device(issuer, current, [record.certificate], now, keep_data=keep_data)
        when = now_ms() if now is None else int(now.timestamp() * 1000)
        record = store.revoke_device(device_id, when, (new.number, new.der))
    finally:
        store.close()
    data.audit().record(
        "device_revoked",
        uid=record.uid,
        device_id=device_id,
        crl_number=new.number,
        data="kept (--keep-data)" if keep_data else "wiped",
    )
    return RevokeResult(record, new.number, already_revoked=False)


def iso_ms(ms: int) -> str:
    """``2026-11-28T23:10:00Z`` for a time in milliseconds (UTC), as the audit log writes."""
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _span(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400} days"
    if seconds % 3600 == 0:
        return f"{seconds // 3600} hours"
    return f"{seconds // 60} minutes"

"""``wardlink admin person report UID``: everything the relay holds about one person.

For a request of access (Art. 15 GDPR) or portability (Art. 20): IT answers "what does
WardLink keep about me?" without reading SQL tables by hand. The report is as
content-free as the audit log, because the relay is: it cannot read messages or files,
so it counts what waits for the person's devices and lists the sizes and times of what
they uploaded. Other people's uids in her hand-overs, requests and audit lines are
replaced (person_report_audit.Redactor), and what waits for her is never attributed to
its senders.

The report is one JSON-ready document (keys in ``REPORT_KEYS``, documented in
docs/privacy.md "Requests of the people concerned"); the text form is rendered from it
(person_report_text.py). Making one is audited (``person_reported``: for whom, which
format, by which operator), as exports are.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any, Final

from desktop_app.crypto.device_certificates import read_device_certificate
from desktop_app.crypto.profile import MAX_UID_LENGTH, check_identifier
from desktop_app.directory.model import TEXT_FIELDS, Entry
from desktop_app.directory.snapshot import decode_entry
from desktop_app.relay.admin import iso_ms, now_ms
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.person_report_audit import Redactor, entries_naming
from desktop_app.relay.store import DeviceRecord, RelayStore
from desktop_app.relay.store_directory import DirectoryVersion
from desktop_app.relay.store_person import CodeRecord, Queue

REPORT_FORMAT: Final = "wardlink-person-report-v1"
REPORT_KEYS: Final = (
    "format",
    "uid",
    "made_at",
    "organisation",
    "relay_id",
    "directory",
    "functional_accounts",
    "devices",
    "device_requests",
    "enrollment_codes",
    "sent_waiting",
    "exports",
    "audit",
)
"""The report's top-level keys, always all present, in this order (docs/privacy.md)."""
KEPT_VERSIONS: Final = 200
"""Directory version headers the relay keeps (docs/privacy.md, the processing record)."""
Doc = dict[str, Any]


class UnknownPerson(AdminInputError):
    """The relay holds nothing about this uid (a typo, or another organisation's)."""


def person_report(root: Path, uid: str, fmt: str = "json", now: int | None = None) -> Doc:
    """The report on ``uid``; audited as ``person_reported``. UnknownPerson if the relay
    holds nothing about them, AdminInputError for a functional account."""
    check_identifier(uid, "uid", MAX_UID_LENGTH)
    data = RelayDataDir(root)
    settings = data.read_settings()
    made = now_ms() if now is None else now
    store = data.open_store()
    try:
        doc = _gather(store, data, uid, made)
    finally:
        store.close()
    held = any(doc[k] for k in ("devices", "device_requests", "enrollment_codes", "audit"))
    if doc["directory"]["status"] == "never" and not held:
        raise UnknownPerson(
            f"the relay holds nothing about {uid!r}: not in the directory, no devices, no "
            "enrollment codes, no audit entries (check the spelling: 'admin devices' and "
            "'admin directory' list who is known)"
        )
    data.audit().record("person_reported", uid=uid, kind=fmt)
    return {
        "format": REPORT_FORMAT,
        "uid": uid,
        "made_at": iso_ms(made),
        "organisation": settings.org_name,
        "relay_id": settings.relay_id,
        **doc,
    }


def _gather(store: RelayStore, data: RelayDataDir, uid: str, now: int) -> Doc:
    known = store.directory_uids()
    current = {u: decode_entry(raw) for u, raw in known.items() if raw is not None}
    entry = _entry(current.get(uid))
    if entry is not None and entry["kind"] == "function":
        raise AdminInputError(
            f"{uid} is a functional account, not a person: report on its holders instead"
        )
    devices = store.devices(uid)
    people = {u for u in known if u not in current or not current[u].is_function}
    people |= {d.uid for d in store.devices(None)}
    red = Redactor(uid, people)
    history = {v.version: v for v in store.directory_history(KEPT_VERSIONS)}
    roles = _functional_accounts(store, current, uid, red)
    return {
        "directory": _directory(store, uid, entry, history, roles, red),
        "functional_accounts": roles,
        "devices": [_device(store, d) for d in devices],
        "device_requests": [
            {
                "kind": r.kind,
                "device_id": r.device_id,
                "device_name": r.device_name,
                "requested": iso_ms(r.requested_at),
                "signed": r.signed,
            }
            for r in store.waiting_requests_of(uid)
        ],
        "enrollment_codes": [_code(c, now) for c in store.enrollment_codes_of(uid)],
        "sent_waiting": _queue(store.mail_sent_waiting(uid)),
        **_audit(data, uid, {d.device_id for d in devices}, red),
    }


def _entry(e: Entry | None) -> Doc | None:
    if e is None:
        return None
    doc: Doc = {name: getattr(e, name) for name in TEXT_FIELDS}
    doc["roles"] = list(e.roles)
    doc["kind"] = e.kind.value
    return doc


def _directory(
    store: RelayStore,
    uid: str,
    entry: Doc | None,
    history: dict[int, DirectoryVersion],
    roles: Doc,
    red: Redactor,
) -> Doc:
    row = store.directory_row(uid)
    status = "never" if row is None else ("removed" if row[0] is None else "current")
    why: dict[int, list[str]] = {}
    if row is not None:
        why.setdefault(row[1], []).append(
            "entry removed" if row[0] is None else "entry last changed"
        )
    for h in roles["handovers"]:
        why.setdefault(h["version"], []).append(f"holders of {h['role']}")
    for v in history.values():
        if red.names_person(v.source):
            why.setdefault(v.version, []).append("names this person")
    versions = [
        {
            "version": n,
            "date": iso_ms(history[n].created_at) if n in history else None,
            "source": red.text(history[n].source) if n in history else None,
            "why": sorted(set(reasons)),
        }
        for n, reasons in sorted(why.items())
    ]
    return {
        "status": status,
        "entry": entry,
        "last_changed_version": None if row is None else row[1],
        "versions": versions,
        "versions_kept": {
            "oldest": min(history, default=None),
            "newest": max(history, default=None),
        },
    }


def _functional_accounts(
    store: RelayStore, current: dict[str, Entry], uid: str, red: Redactor
) -> Doc:
    holds = [
        {"uid": role_uid, "cn": e.cn}
        for role_uid, e in sorted(current.items())
        if e.is_function and uid in e.holders
    ]
    handovers = [
        {
            "role": h.role_uid,
            "at": iso_ms(h.at),
            "version": h.version,
            "set_by": red.person(h.set_by),
            "holders": red.people(h.holders),
        }
        for h in reversed(store.handovers(None, limit=1_000_000))
        if uid in h.holders or h.set_by == uid
    ]
    requests = [
        {
            "request": rid,
            "role": role,
            "requester": red.person(requester),
            "made": iso_ms(made),
            "status": status,
            "answered_by": red.person(by) or None,
            "answered": None if at is None else iso_ms(at),
        }
        for rid, role, requester, made, status, by, at in store.role_requests_naming(uid)
    ]
    return {"holds_now": holds, "handovers": handovers, "takeover_requests": requests}


def _device(store: RelayStore, d: DeviceRecord) -> Doc:
    cert = read_device_certificate(d.certificate)
    keys = store.published_keys(d.device_id)
    return {
        "device_id": d.device_id,
        "device_name": d.device_name,
        "enrolled": iso_ms(d.enrolled_at),
        "revoked": None if d.revoked_at is None else iso_ms(d.revoked_at),
        "last_seen": None if d.last_seen is None else iso_ms(d.last_seen),
        "certificate_serial": d.serial,
        "certificate_expires": cert.not_after.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "published_keys": asdict(keys),
        "waiting_envelopes": _queue(store.mail_waiting_for(d.device_id)),
        "waiting_blobs": _queue(store.blobs_waiting_for(d.device_id)),
        "blobs_uploaded": [
            {
                "size": b.total_size,
                "received": b.received,
                "complete": b.complete,
                "uploaded": iso_ms(b.created_at),
                "expires": iso_ms(b.expires_at),
                "readers": b.readers,
            }
            for b in store.blobs_uploaded_by(d.device_id)
        ],
    }


def _code(c: CodeRecord, now: int) -> Doc:
    """Dates and state only: the store keeps the secret's hash, and that is never shown."""
    if c.used_at is not None:
        state = "used"
    else:
        state = "expired or cancelled" if c.expires_at <= now else "valid"
    return {
        "issued": iso_ms(c.created_at),
        "expires": iso_ms(c.expires_at),
        "used": None if c.used_at is None else iso_ms(c.used_at),
        "used_by_device": c.used_by,
        "state": state,
    }


def _queue(q: Queue) -> Doc:
    return {
        "count": q.count,
        "bytes": q.size,
        "oldest": None if q.oldest is None else iso_ms(q.oldest),
    }


def _audit(data: RelayDataDir, uid: str, devices: set[str], red: Redactor) -> Doc:
    entries = list(entries_naming(data.audit_path, uid, devices, red))
    exports = [
        {
            "at": e.get("ts"),
            "device_id": e.get("device_id"),
            "kind": e.get("kind"),
            "messages": e.get("count"),
        }
        for e in entries
        if e.get("event") == "export_recorded" and e.get("uid") == uid
    ]
    return {"exports": exports, "audit": entries}

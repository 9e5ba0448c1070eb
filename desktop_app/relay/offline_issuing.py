"""Offline issuing: move waiting enrollments to IT's workstation and certificates back.

Three steps, three files, no key on the relay host that may certify a device:

1. ``export_pending`` (relay host, no passphrase): the waiting requests as JSON.
2. ``sign_requests`` (admin workstation): a ``DeviceSigner`` certifies each request;
   ``WorkstationSigner`` unwraps the device CA key from the offline keys directory.
   A PKCS#11 token would be another ``DeviceSigner`` (docs/trust.md: follow-up).
3. ``import_certificates`` (relay host): each certificate must verify against the
   organisation's device CA and match its request (uid, device id, both keys) before it
   is stored; the device picks it up at its next enrollment attempt.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives import serialization

from desktop_app.crypto.device_certificates import (
    issue_device_certificate,
    verify_device_certificate,
)
from desktop_app.crypto.fingerprint import device_key_fingerprint
from desktop_app.crypto.keyformat import decode_b64
from desktop_app.crypto.org import IssuingAuthority, OrgCertificates
from desktop_app.crypto.org_files import load_device_issuer, load_org_certificates
from desktop_app.crypto.revocation import load_revocation_list
from desktop_app.crypto.trust_errors import TrustError
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import AdminInputError, RelayStoreError
from desktop_app.relay.store_pending import PendingEnrollment
from desktop_app.relay.store_renewals import PendingRenewal

REQUESTS_FORMAT = "wardlink-pending-enrollments-v1"
CERTIFICATES_FORMAT = "wardlink-device-certificates-v1"
MAX_TRANSFER_BYTES = 16 * 1024 * 1024  # ~10,000 requests; a bigger file is not ours


@dataclass(frozen=True, slots=True)
class SigningRequest:
    """What the workstation sees of one waiting device (no code secret, no hash)."""

    uid: str
    device_id: str
    device_name: str
    ed25519: str
    curve25519: str
    code_issued_at: int  # 0 for a renewal
    requested_at: int
    renewal: bool = False  # a live device's new certificate for the keys it already has

    @property
    def key_fingerprint(self) -> str:
        """The fingerprint the waiting device shows its user (``EnrollmentPending``)."""
        return device_key_fingerprint(decode_b64(self.ed25519, "an Ed25519 key"))


class DeviceSigner(Protocol):
    """Whatever holds the device CA key: the workstation's key file, later a token."""

    def sign(self, request: SigningRequest) -> bytes:
        """The device certificate (DER) for ``request``."""


class WorkstationSigner:
    """The device CA key unwrapped from the offline keys directory, in memory only."""

    def __init__(self, issuer: IssuingAuthority, now: datetime | None = None) -> None:
        self._issuer = issuer
        self._now = now

    @classmethod
    def load(cls, keys_dir: Path, signing_passphrase: str) -> WorkstationSigner:
        return cls(load_device_issuer(keys_dir, signing_passphrase))

    @property
    def organisation(self) -> OrgCertificates:
        return self._issuer.certificates

    def sign(self, request: SigningRequest) -> bytes:
        cert = issue_device_certificate(
            self._issuer,
            request.uid,
            request.device_id,
            request.ed25519,
            request.curve25519,
            now=self._now,
        )
        return cert.public_bytes(serialization.Encoding.DER)


# ---- relay host -----------------------------------------------------------------------


def export_pending(root: Path) -> tuple[bytes, list[SigningRequest]]:
    """The waiting requests as the JSON file IT carries to the workstation."""
    data = RelayDataDir(root)
    settings = data.read_settings()
    org = load_org_certificates(root)
    if not org.offline_issuing:
        raise AdminInputError(f"{root} is a relay with online issuing; nothing waits for IT")
    store = data.open_store()
    try:
        waiting = [_request(p) for p in store.pending_enrollments()]
        waiting += [_renewal(r) for r in store.pending_renewals()]
    finally:
        store.close()
    doc = {
        "format": REQUESTS_FORMAT,
        "relay_id": settings.relay_id,
        "org_fingerprint": org.fingerprint_text,
        "requests": [
            {
                "uid": r.uid,
                "device_id": r.device_id,
                "device_name": r.device_name,
                "ed25519": r.ed25519,
                "curve25519": r.curve25519,
                "code_issued_at": r.code_issued_at,
                "requested_at": r.requested_at,
                "renewal": r.renewal,
            }
            for r in waiting
        ],
    }
    return _dump(doc), waiting


def import_certificates(
    root: Path, data_bytes: bytes, now: datetime | None = None
) -> list[PendingEnrollment | PendingRenewal]:
    """Check and store IT's certificates; all or nothing on a bad one."""
    doc = _load(data_bytes, CERTIFICATES_FORMAT, "certificates")
    data = RelayDataDir(root)
    data.check_initialised()
    org = load_org_certificates(root)
    if not org.offline_issuing or org.devices is None:
        raise AdminInputError(f"{root} is a relay with online issuing; it signs devices itself")
    if doc.get("org_fingerprint") != org.fingerprint_text:
        raise AdminInputError("these certificates were signed for another organisation")
    entries = doc.get("certificates")
    if not isinstance(entries, list):
        raise AdminInputError("the certificates file lists no certificates")
    store = data.open_store()
    try:
        latest = store.latest_revocations()
        if latest is None:
            raise RelayStoreError("the relay store holds no revocation list")
        crl = load_revocation_list(latest[1], org.issuing_cas)
        checked: list[tuple[PendingEnrollment | PendingRenewal, bytes, str]] = []
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("certificate"), str):
                raise AdminInputError("a certificate entry is malformed")
            try:
                der = base64.b64decode(entry["certificate"], validate=True)
            except ValueError:
                raise AdminInputError("a certificate entry is not base64") from None
            try:
                identity = verify_device_certificate(der, (org.devices,), org.root, crl, now)
            except TrustError as exc:
                raise AdminInputError(f"a certificate does not verify: {exc}") from None
            renewal = store.pending_renewal(identity.device_id)
            pending = renewal or store.pending_enrollment(identity.device_id)
            if (
                identity.uid != pending.uid
                or identity.ed25519_b64 != pending.ed25519
                or identity.curve25519_b64 != pending.curve25519
            ):
                raise AdminInputError(
                    f"the certificate for device {identity.device_id} does not match its "
                    "request (uid or keys differ)"
                )
            checked.append((pending, der, format(identity.serial, "X")))
        for pending, der, serial in checked:
            if isinstance(pending, PendingRenewal):
                store.attach_renewal(pending.device_id, der, serial)
            else:
                store.attach_certificate(pending.device_id, der, serial)
    finally:
        store.close()
    for pending, _, serial in checked:
        event = (
            "renewal_signed_offline"
            if isinstance(pending, PendingRenewal)
            else ("enrollment_signed_offline")
        )
        data.audit().record(event, uid=pending.uid, device_id=pending.device_id, serial=serial)
    return [p for p, _, _ in checked]


# ---- admin workstation ----------------------------------------------------------------


def read_requests(data_bytes: bytes, org: OrgCertificates) -> list[SigningRequest]:
    """Parse an exported requests file; it must name the workstation's organisation."""
    doc = _load(data_bytes, REQUESTS_FORMAT, "pending enrollments")
    if doc.get("org_fingerprint") != org.fingerprint_text:
        raise AdminInputError("these requests come from a relay of another organisation")
    items = doc.get("requests")
    if not isinstance(items, list):
        raise AdminInputError("the requests file lists no requests")
    requests = []
    for item in items:
        try:
            requests.append(
                SigningRequest(
                    uid=str(item["uid"]),
                    device_id=str(item["device_id"]),
                    device_name=str(item["device_name"]),
                    ed25519=str(item["ed25519"]),
                    curve25519=str(item["curve25519"]),
                    code_issued_at=int(item["code_issued_at"]),
                    requested_at=int(item["requested_at"]),
                    renewal=bool(item.get("renewal", False)),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise AdminInputError("a request in the file is malformed") from None
    return requests


def sign_requests(
    requests: Sequence[SigningRequest], signer: DeviceSigner, org: OrgCertificates
) -> bytes:
    """Certify every request; the JSON file IT carries back to the relay."""
    doc = {
        "format": CERTIFICATES_FORMAT,
        "org_fingerprint": org.fingerprint_text,
        "certificates": [
            {
                "device_id": r.device_id,
                "certificate": base64.b64encode(signer.sign(r)).decode("ascii"),
            }
            for r in requests
        ],
    }
    return _dump(doc)


def _request(p: PendingEnrollment) -> SigningRequest:
    return SigningRequest(
        p.uid,
        p.device_id,
        p.device_name,
        p.ed25519,
        p.curve25519,
        p.code_issued_at,
        p.requested_at,
    )


def _renewal(r: PendingRenewal) -> SigningRequest:
    return SigningRequest(
        r.uid, r.device_id, r.device_name, r.ed25519, r.curve25519, 0, r.requested_at, True
    )


def _dump(doc: Mapping[str, object]) -> bytes:
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _load(data_bytes: bytes, fmt: str, what: str) -> dict[str, object]:
    if len(data_bytes) > MAX_TRANSFER_BYTES:
        raise AdminInputError(f"the {what} file is too large")
    try:
        doc = json.loads(data_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise AdminInputError(f"the {what} file is not valid JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != fmt:
        raise AdminInputError(f"this is not a WardLink {what} file ({fmt})")
    return doc

"""Who this installation is, as stored in the person's container after enrollment.

The organisation's root and issuing certificates are the pin: every later connection
trusts only that root, and every peer device certificate is checked against them. After
an issuing CA rotation the pin also holds the issuing CAs the root certified since
(``previous_pem``; ``issuing_pem`` is the one the relay named current).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, replace

from desktop_app.crypto.org import OrgCertificates, split_pem
from desktop_app.services.errors import ClientError, NotEnrolled
from desktop_app.storage.repositories import SettingsRepository

_KEY = "identity"
RELAY_KEY = "relay.last_address"
RELAY_ID_KEY = "relay.last_id"  # the relay id of the last relay that worked: preferred
CRL_KEY = "org.revocations"


@dataclass(frozen=True, slots=True)
class ClientIdentity:
    uid: str
    device_id: str
    device_name: str
    relay_id: str
    root_pem: bytes
    issuing_pem: bytes
    certificate: bytes  # our device certificate, DER
    devices_pem: bytes = b""  # the offline device CA (offline issuing), else empty
    previous_pem: bytes = b""  # older issuing CAs the root certified (a rotation), PEM

    def org(self) -> OrgCertificates:
        return OrgCertificates.verified(
            self.root_pem,
            self.issuing_pem,
            devices=self.devices_pem or None,
            previous=split_pem(self.previous_pem),
        )

    def with_org(self, org: OrgCertificates) -> ClientIdentity:
        """The same identity pinning ``org``'s issuing CAs (after it learned a new one)."""
        return replace(self, issuing_pem=org.issuing_pem(), previous_pem=org.previous_pem())


def save_identity(settings: SettingsRepository, identity: ClientIdentity) -> None:
    settings.set(
        _KEY,
        json.dumps(
            {
                "uid": identity.uid,
                "device_id": identity.device_id,
                "device_name": identity.device_name,
                "relay_id": identity.relay_id,
                "root_pem": identity.root_pem.decode("ascii"),
                "issuing_pem": identity.issuing_pem.decode("ascii"),
                "certificate": base64.b64encode(identity.certificate).decode("ascii"),
                "devices_pem": identity.devices_pem.decode("ascii"),
                "previous_issuing_pem": identity.previous_pem.decode("ascii"),
            }
        ),
    )


def load_identity(settings: SettingsRepository) -> ClientIdentity:
    raw = settings.get(_KEY)
    if raw is None:
        raise NotEnrolled()
    doc = json.loads(raw)
    return ClientIdentity(
        uid=doc["uid"],
        device_id=doc["device_id"],
        device_name=doc["device_name"],
        relay_id=doc["relay_id"],
        root_pem=doc["root_pem"].encode("ascii"),
        issuing_pem=doc["issuing_pem"].encode("ascii"),
        certificate=base64.b64decode(doc["certificate"]),
        devices_pem=str(doc.get("devices_pem", "")).encode("ascii"),
        previous_pem=str(doc.get("previous_issuing_pem", "")).encode("ascii"),
    )


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (IPv6 as ``[::1]:PORT``) -> (host, port), with a clear error."""
    host, sep, port = text.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ClientError(f"The relay address {text!r} is not HOST:PORT.")
    return host.strip("[]"), int(port)

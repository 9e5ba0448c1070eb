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

from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.org_files import split_pem
from desktop_app.services.errors import ClientError, NotEnrolled
from desktop_app.storage.repositories import SettingsRepository

_KEY = "identity"
RELAY_KEY = "relay.last_address"
RELAY_ID_KEY = "relay.last_id"  # the relay id of the last relay that worked: preferred
CRL_KEY = "org.revocations"
RELAY_NODES_KEY = "relay.nodes"
"""Addresses of the organisation's relay nodes this device logged in to, newest first
(comma-separated): where it fails over to when its node dies (docs/scale.md)."""
MAX_KNOWN_NODES = 8
MAX_RELAY_ADDRESSES = 16
"""At most this many addresses in ``--relay`` or the policy's ``relay_addresses``."""


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
    if not sep or not host or "," in host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ClientError(
            f"The relay address {text!r} is not HOST:PORT.",
            key="relay_address_bad",
            address=text.strip(),
        )
    return host.strip("[]"), int(port)


def parse_addresses(text: str) -> list[tuple[str, int]]:
    """``HOST1:PORT1,HOST2:PORT2`` (several relay nodes) -> addresses, each once."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise ClientError(
            "No relay address given: HOST:PORT, or HOST1:PORT1,HOST2:PORT2.",
            key="relay_address_missing",
        )
    if len(parts) > MAX_RELAY_ADDRESSES:
        raise ClientError(
            f"More than {MAX_RELAY_ADDRESSES} relay addresses given.",
            key="relay_addresses_many",
            maximum=MAX_RELAY_ADDRESSES,
        )
    return list(dict.fromkeys(parse_address(p) for p in parts))


def format_address(address: tuple[str, int]) -> str:
    host, port = address
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def known_nodes(settings: SettingsRepository) -> list[tuple[str, int]]:
    """The relay nodes this device logged in to, newest first (hints, never trust:
    each is verified against the pinned organisation like any other address)."""
    text = settings.get(RELAY_NODES_KEY) or ""
    try:
        return parse_addresses(text) if text else []
    except ClientError:
        return []


def remember_node(settings: SettingsRepository, address: tuple[str, int]) -> None:
    """``address`` verified and logged in: first in the list of known nodes."""
    nodes = [address, *(a for a in known_nodes(settings) if a != address)]
    settings.set(RELAY_NODES_KEY, ",".join(format_address(a) for a in nodes[:MAX_KNOWN_NODES]))

"""The relay's own certificates over time: rotate the TLS certificate, warn before expiry.

``wardlink relay rotate-tls`` gives the relay a new TLS key and certificate, signed by
the same issuing CA for the same relay id and host names: clients pin the root and check
the relay id (docs/trust.md), so they keep trusting the relay without any change on the
ward PCs. The running relay presents the new certificate after a restart.

At start the relay logs a warning for each certificate it depends on (its TLS
certificate, the issuing CA) that expires within ``EXPIRY_WARNING`` (30 days), and
again every day while it runs (``RelayRunner``), so the journal says so weeks before
clients start refusing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509

from desktop_app.crypto.certificates import (
    RelayCredentials,
    issue_relay_certificate,
    load_relay_credentials,
    save_relay_credentials,
)
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org import IssuingAuthority
from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.crypto.profile import EXPIRY_WARNING
from desktop_app.relay.data_dir import RelayDataDir

log = logging.getLogger("wardlink.relay")


@dataclass(frozen=True, slots=True)
class Rotated:
    old_serial: int
    new: RelayCredentials
    hosts: tuple[str, ...]


def relay_hosts(certificate: x509.Certificate) -> tuple[str, ...]:
    """The DNS names and IP addresses a relay certificate is valid for."""
    san = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    names = [str(n) for n in san.get_values_for_type(x509.DNSName)]
    addresses = [str(a) for a in san.get_values_for_type(x509.IPAddress)]
    return (*addresses, *names)


def rotate_tls(
    root: Path,
    passphrase: str,
    hosts: Sequence[str] | None = None,
    *,
    kdf: KdfParams | None = None,
    now: datetime | None = None,
) -> Rotated:
    """Replace the relay's TLS key and certificate (same relay id; same hosts unless given)."""
    data = RelayDataDir(root)
    data.check_initialised()
    current = load_relay_credentials(root, passphrase)
    issuer = load_issuing_authority(root, passphrase, now)
    names = tuple(hosts) if hosts else relay_hosts(current.certificate)
    new = issue_relay_certificate(issuer, current.relay_id, list(names), now)
    save_relay_credentials(new, root, passphrase, kdf)
    data.audit().record(
        "tls_rotated",
        relay_id=current.relay_id,
        serial=format(new.certificate.serial_number, "X"),
        expires=f"{new.certificate.not_valid_after_utc:%Y-%m-%d}",
    )
    return Rotated(current.certificate.serial_number, new, names)


def expiry_warnings(
    tls: x509.Certificate | None, issuer: IssuingAuthority, now: datetime | None = None
) -> list[str]:
    """One sentence per certificate the relay needs that expires within 30 days."""
    when = now or datetime.now(UTC)
    checked = [("the relay's TLS certificate", tls, "wardlink relay rotate-tls")]
    checked.append(
        (
            "the issuing CA",
            issuer.certificates.issuing,
            "wardlink relay rotate-issuing, then --finish once every device renewed",
        )
    )
    out = []
    for what, cert, remedy in checked:
        if cert is None:
            continue
        expires = cert.not_valid_after_utc
        if expires - when <= EXPIRY_WARNING:
            state = "expired on" if expires <= when else "expires on"
            out.append(f"{what} {state} {expires:%Y-%m-%d}; renew it ({remedy})")
    return out


def warn_expiring(
    tls: x509.Certificate | None, issuer: IssuingAuthority, now: datetime | None = None
) -> list[str]:
    """Log ``expiry_warnings`` at WARNING and return them."""
    warnings = expiry_warnings(tls, issuer, now)
    for text in warnings:
        log.warning("%s", text)
    return warnings

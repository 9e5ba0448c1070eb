"""First start on a PC: a new container for this person, enrolled with the hospital.

The enrollment code pins the organisation (its fingerprint is in the code), so the
relay address only says where to ask; a relay of another organisation is refused in
the TLS handshake. Without an address (none typed, none in the policy) the relays
advertised on the LAN are tried one by one, each through that same check. If
enrollment fails, the half-made container is removed again: the person simply tries
again with the same or a new code.

Offline issuing: while IT has not signed the device (``EnrollmentPending``) the container
and its keys are kept, marked with the code (``PENDING_JOIN_FILE``: a hash of the code's
secret hash, so the file does not reveal what the relay stores) and hidden from the
start screen; joining again with the same code and passphrase reuses it.
"""

from __future__ import annotations

import hashlib
import platform
import shutil
from collections.abc import Sequence
from pathlib import Path

from desktop_app.crypto.enrollment import parse_code
from desktop_app.crypto.fingerprint import fingerprints_match
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.trust_errors import EnrollmentCodeError, TrustError
from desktop_app.services.discovery import RelayDiscovery
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import (
    ClientError,
    EnrollmentPending,
    JoinNotTrusted,
    NoRelayAccepted,
    NoRelayFound,
    RelayUnavailable,
    WrongOrganisation,
)
from desktop_app.services.identity import format_address, parse_addresses
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.profiles import PENDING_JOIN_FILE, ProfileRoot

DISCOVERY_WAIT_S = 3.0  # how long to listen for relay adverts when no address is known
MAX_CANDIDATES = 8  # relays tried in turn; each costs a TLS handshake at most


def code_problem(code: str) -> JoinNotTrusted | None:
    """What is wrong with a typed enrollment code (its form and check digits), or None:
    for the join dialog to say before the person's passphrase leaves its fields."""
    try:
        parse_code(code)
    except EnrollmentCodeError as exc:
        return JoinNotTrusted(exc)
    return None


async def join_hospital(
    root: ProfileRoot,
    owner: Owner,
    passphrase: str,
    code: str,
    relay: str,
    *,
    kdf: KdfParams | None = None,
    expected_org: str | None = None,
    discovery_interfaces: Sequence[str] | None = None,
    discovery_wait_s: float = DISCOVERY_WAIT_S,
) -> Path:
    """Create and enroll a container; returns its directory (closed again).

    ``expected_org``: the organisation fingerprint IT fixed by policy; a code of any
    other organisation is refused before anything is created.
    """
    try:  # a typo is reported before anything is created or looked up
        pinned = parse_code(code).org_fingerprint
    except EnrollmentCodeError as exc:
        raise JoinNotTrusted(exc) from exc
    if expected_org is not None and not fingerprints_match(pinned, expected_org):
        raise WrongOrganisation()
    if relay.strip():
        addresses = parse_addresses(relay)  # several nodes: each tried in turn
    else:
        addresses = await advertised_relays(discovery_interfaces, discovery_wait_s)
    tag = _pending_tag(code)
    directory = _pending_directory(root, tag)
    if directory is not None:
        container = Container.open(directory, passphrase)
    else:
        directory = root.new_directory(owner)
        container = Container.create(directory, passphrase, owner, kdf=kdf)
    try:
        await _enroll_first(container, addresses, code.strip())
    except EnrollmentPending:
        container.close()
        (directory / PENDING_JOIN_FILE).write_text(tag + "\n", encoding="ascii")
        raise
    except BaseException:
        container.close()
        if not (directory / PENDING_JOIN_FILE).exists():
            shutil.rmtree(directory, ignore_errors=True)
        raise
    container.close()
    (directory / PENDING_JOIN_FILE).unlink(missing_ok=True)
    return directory


def _pending_tag(code: str) -> str:
    secret_hash = parse_code(code).secret_hash
    return hashlib.sha256(b"wardlink-pending-join-v1" + secret_hash).hexdigest()


def _pending_directory(root: ProfileRoot, tag: str) -> Path | None:
    """The container kept for this code while IT signs the device, if any."""
    if not root.root.is_dir():
        return None
    for child in sorted(root.root.iterdir()):
        marker = child / PENDING_JOIN_FILE
        try:
            if marker.is_file() and marker.read_text(encoding="ascii").strip() == tag:
                return child
        except (OSError, UnicodeDecodeError):
            continue
    return None


async def _enroll_first(container: Container, addresses: list[tuple[str, int]], code: str) -> None:
    """Enroll at the first address whose relay proves the code's organisation."""
    problems: list[str] = []
    failures: list[tuple[str, ClientError]] = []  # the same, keyed, for the GUI
    for address in addresses:
        try:
            await enroll(container, address, code, device_name())
            return
        except TrustError as exc:  # said by its kind (JoinNotTrusted), not in crypto's words
            if len(addresses) == 1:
                raise JoinNotTrusted(exc, format_address(address)) from exc
            problems.append(f"{format_address(address)}: {exc}")
            failures.append((format_address(address), JoinNotTrusted(exc, format_address(address))))
        except RelayUnavailable as exc:
            if len(addresses) == 1:
                raise
            problems.append(f"{format_address(address)}: {exc}")
            failures.append((format_address(address), exc))
    raise NoRelayAccepted(problems, tuple(failures))


async def advertised_relays(
    interfaces: Sequence[str] | None = None, wait_s: float = DISCOVERY_WAIT_S
) -> list[tuple[str, int]]:
    """Every relay advertised on the LAN (unverified: enrollment checks each one)."""
    async with RelayDiscovery(None, interfaces) as discovery:
        adverts = await discovery.settle(wait_s)
    found = [(a, advert.port) for advert in adverts for a in advert.addresses if advert.port]
    if not found:
        raise NoRelayFound()
    return found[:MAX_CANDIDATES]


def device_name() -> str:
    """How this PC appears in IT's device list ("Station 3B PC 2")."""
    return (platform.node() or "WardLink PC")[:64]

"""The signed directory: canonical entry bytes, a digest over the whole set, and a
header signed by the organisation's issuing key (Ed25519, via ``cryptography``).

The relay keeps each entry's canonical msgpack bytes and one signed header per
directory version. A client that holds version N fetches only what changed since N
(changed entries and removed uids), applies that to its copy, recomputes the digest
of the WHOLE resulting set and checks it against the signed header. So neither the
relay nor anyone on the wire nor a later edit of the client's disk can add, alter,
drop or replay an entry without the check failing: the result is exactly the set the
issuing key signed, or it is refused.

digest = SHA-256( for each entry sorted by uid: len(bytes) as uint32 BE || bytes )
signed = msgpack([CONTEXT, org fingerprint, version, created_ms, count, digest])
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Final

import msgspec
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.directory.errors import InvalidEntry, SnapshotRefused
from desktop_app.directory.model import MAX_ENTRIES, Entry, TakeoverPolicy, make_entry

CONTEXT: Final = "WardLink directory v1"
MAX_ENTRY_BYTES: Final = 4096
"""One encoded entry; the field limits keep a real one under 3 KiB."""
MAX_HEADER_BYTES: Final = 512


class DirectoryHeader(msgspec.Struct, frozen=True, array_like=True, forbid_unknown_fields=True):
    """What the issuing key signs for one directory version."""

    context: str
    org: bytes
    """The organisation fingerprint (SHA-256 of the root certificate)."""
    version: int
    created_ms: int
    count: int
    digest: bytes


@dataclass(frozen=True, slots=True)
class SignedHeader:
    header: bytes
    signature: bytes


_ENCODER: Final = msgspec.msgpack.Encoder()
_HEADER_DECODER: Final = msgspec.msgpack.Decoder(DirectoryHeader)
_ENTRY_DECODER: Final = msgspec.msgpack.Decoder(Entry)


_FIELD_NAMES: Final = tuple(f.name for f in fields(Entry))
_OMITTED_AT_DEFAULT: Final = {"takeover_policy": TakeoverPolicy.DEPARTMENT}
"""Fields added after directories were first signed: left out while at their default,
so an older entry keeps its exact bytes (and its signature)."""


def encode_entry(entry: Entry) -> bytes:
    """Canonical bytes: msgpack map in field order, later fields left out at default."""
    values = {
        name: getattr(entry, name)
        for name in _FIELD_NAMES
        if _OMITTED_AT_DEFAULT.get(name, _NO_DEFAULT) != getattr(entry, name)
    }
    return _ENCODER.encode(values)


_NO_DEFAULT: Final = object()


def decode_entry(data: bytes) -> Entry:
    """Strictly: typed, canonical (re-encodes to the same bytes) and valid."""
    if len(data) > MAX_ENTRY_BYTES:
        raise SnapshotRefused(f"a directory entry is {len(data)} bytes, above {MAX_ENTRY_BYTES}")
    try:
        entry = _ENTRY_DECODER.decode(data)
    except msgspec.DecodeError as exc:
        raise SnapshotRefused(f"a directory entry is malformed: {exc}") from None
    if encode_entry(entry) != data:
        raise SnapshotRefused(f"directory entry {entry.uid!r} is not in canonical form")
    try:
        checked = make_entry(
            {
                **{name: str(getattr(entry, name)) for name in _TEXT},
                "roles": entry.roles,
                "holders": entry.holders,
                "kind": entry.kind.value,
                "takeover_policy": entry.takeover_policy.value,
            }
        )
    except InvalidEntry as exc:
        raise SnapshotRefused(f"a directory entry is invalid: {exc}") from None
    if checked != entry:
        raise SnapshotRefused(f"directory entry {entry.uid!r} is not normalised")
    return entry


_TEXT: Final = (
    "uid", "cn", "given_name", "sn", "title", "department", "ward", "telephone_number",
    "pager", "mail",
)  # fmt: skip


def digest(encoded: Mapping[str, bytes]) -> bytes:
    """SHA-256 over uid-sorted, length-prefixed entry bytes (see the module docstring)."""
    h = hashlib.sha256()
    for uid in sorted(encoded):
        data = encoded[uid]
        h.update(len(data).to_bytes(4, "big"))
        h.update(data)
    return h.digest()


def sign_header(
    key: ed25519.Ed25519PrivateKey,
    org: bytes,
    version: int,
    created_ms: int,
    encoded: Mapping[str, bytes],
) -> SignedHeader:
    header = _ENCODER.encode(
        DirectoryHeader(CONTEXT, org, version, created_ms, len(encoded), digest(encoded))
    )
    return SignedHeader(header, key.sign(header))


def verify_header(
    signed: SignedHeader, issuing: x509.Certificate | Sequence[x509.Certificate], org: bytes
) -> DirectoryHeader:
    """The header, if an issuing CA's key signed it for this organisation.

    Several CAs during an issuing CA rotation (``OrgCertificates.issuing_cas``).
    """
    if len(signed.header) > MAX_HEADER_BYTES:
        raise SnapshotRefused("the directory header is too large")
    cas = (issuing,) if isinstance(issuing, x509.Certificate) else tuple(issuing)
    keys = [ca.public_key() for ca in cas]
    if not any(isinstance(k, ed25519.Ed25519PublicKey) for k in keys):
        raise SnapshotRefused("the issuing certificate does not hold an Ed25519 key")
    if not any(_verifies(k, signed) for k in keys):
        raise SnapshotRefused("the directory signature does not verify")
    try:
        header = _HEADER_DECODER.decode(signed.header)
    except msgspec.DecodeError as exc:
        raise SnapshotRefused(f"the directory header is malformed: {exc}") from None
    if header.context != CONTEXT:
        raise SnapshotRefused(f"the signed header is not a directory header ({header.context})")
    if header.org != org:
        raise SnapshotRefused("the directory is signed for another organisation")
    return header


def _verifies(key: object, signed: SignedHeader) -> bool:
    if not isinstance(key, ed25519.Ed25519PublicKey):
        return False
    try:
        key.verify(signed.signature, signed.header)
    except InvalidSignature:
        return False
    return True


@dataclass(frozen=True, slots=True)
class VerifiedDirectory:
    header: DirectoryHeader
    signed: SignedHeader
    encoded: dict[str, bytes]
    entries: dict[str, Entry]


def apply_update(
    current: Mapping[str, bytes],
    changed: Iterable[bytes],
    removed: Iterable[str],
    signed: SignedHeader,
    issuing: x509.Certificate | Sequence[x509.Certificate],
    org: bytes,
    *,
    min_version: int = 0,
) -> VerifiedDirectory:
    """``current`` + changes, accepted only if the result is exactly what was signed.

    ``min_version`` refuses a rollback to an older directory than the client has.
    """
    header = verify_header(signed, issuing, org)
    if header.version < min_version:
        raise SnapshotRefused(
            f"the relay offers directory version {header.version}, older than {min_version}"
        )
    encoded = dict(current)
    entries: dict[str, Entry] = {}
    for uid in removed:
        encoded.pop(uid, None)
    for data in changed:
        entry = decode_entry(data)
        encoded[entry.uid] = data
        entries[entry.uid] = entry
        if len(encoded) > MAX_ENTRIES:
            raise SnapshotRefused(f"the directory grows beyond {MAX_ENTRIES} entries")
    if len(encoded) != header.count or digest(encoded) != header.digest:
        raise SnapshotRefused(
            f"the directory does not match signed version {header.version} (tampered or incomplete)"
        )
    for uid, data in encoded.items():
        if uid not in entries:
            entries[uid] = decode_entry(data)
    return VerifiedDirectory(header, signed, encoded, entries)

"""Checks msgspec's type constraints cannot express: resource limits and consistency.

Run on every decoded frame and on every frame before it is sent, so both directions
apply exactly the same rules. A `Problem` says what is wrong and whether it is a limit
(reported as too_large) or an inconsistency (reported as bad_frame).
"""

from __future__ import annotations

from collections.abc import Iterable, Sized
from dataclasses import dataclass

from desktop_app.domain.ids import is_visible_id
from desktop_app.protocol.frames import (
    AckDelivery,
    BlobChunk,
    BlobDownload,
    BlobUpload,
    ClaimedKeys,
    ClaimKeys,
    Deliver,
    Devices,
    DirectoryPage,
    Enrolled,
    FetchDevices,
    Frame,
    PublishKeys,
    Revocations,
    RoleRequested,
    RoleRequests,
    SendEnvelope,
)
from desktop_app.protocol.limits import (
    MAX_ACK_BATCH,
    MAX_BLOB_CHUNK,
    MAX_BLOB_GRANTS,
    MAX_BLOB_SIZE,
    MAX_CERTIFICATE_BYTES,
    MAX_CHAIN_LENGTH,
    MAX_CRL_BYTES,
    MAX_DEVICE_PAYLOAD_BYTES,
    MAX_DEVICES_PER_CLAIM,
    MAX_DEVICES_PER_UID,
    MAX_DIRECTORY_ENTRY_BYTES,
    MAX_DIRECTORY_HEADER_BYTES,
    MAX_DIRECTORY_PAGE,
    MAX_KEYS_PER_PUBLISH,
    MAX_PAYLOAD_BYTES,
    MAX_RECIPIENTS,
    MAX_ROLE_APPROVERS,
    MAX_ROLE_REQUESTS_LISTED,
    MAX_UIDS_PER_FETCH,
    SIGNATURE_BYTES,
)


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    over_limit: bool


def _over(what: str, size: int, limit: int, limit_name: str) -> Problem | None:
    if size > limit:
        return Problem(f"{what} is {size}, above {limit_name}={limit}", over_limit=True)
    return None


def _each_over(what: str, items: Iterable[Sized], limit: int, limit_name: str) -> Problem | None:
    for item in items:
        if (problem := _over(what, len(item), limit, limit_name)) is not None:
            return problem
    return None


def _inconsistent(message: str) -> Problem:
    return Problem(message, over_limit=False)


def _first(*problems: Problem | None) -> Problem | None:
    return next((p for p in problems if p is not None), None)


def find_problem(frame: Frame) -> Problem | None:
    """The first limit or consistency violation in ``frame``, or None if it is fine."""
    match frame:
        case SendEnvelope():
            return _first(
                _over("recipients", len(frame.recipients), MAX_RECIPIENTS, "MAX_RECIPIENTS"),
                _over("payload bytes", len(frame.payload), MAX_PAYLOAD_BYTES, "MAX_PAYLOAD_BYTES"),
                _each_over(
                    "per-device payload bytes",
                    frame.per_device.values(),
                    MAX_DEVICE_PAYLOAD_BYTES,
                    "MAX_DEVICE_PAYLOAD_BYTES",
                ),
                _over("blob ids", len(frame.blob_ids), MAX_BLOB_GRANTS, "MAX_BLOB_GRANTS"),
                _envelope_consistency(frame),
            )
        case Deliver():
            return _first(
                _over("payload bytes", len(frame.payload), MAX_PAYLOAD_BYTES, "MAX_PAYLOAD_BYTES"),
                _over(
                    "device payload bytes",
                    len(frame.device_payload or b""),
                    MAX_DEVICE_PAYLOAD_BYTES,
                    "MAX_DEVICE_PAYLOAD_BYTES",
                ),
            )
        case AckDelivery():
            return _first(
                _over("deliveries", len(frame.deliveries), MAX_ACK_BATCH, "MAX_ACK_BATCH"),
                None if frame.deliveries else _inconsistent("AckDelivery acknowledges nothing"),
            )
        case PublishKeys():
            return _first(
                _over(
                    "one-time keys",
                    len(frame.one_time_keys),
                    MAX_KEYS_PER_PUBLISH,
                    "MAX_KEYS_PER_PUBLISH",
                ),
            )
        case FetchDevices():
            return _over("uids", len(frame.uids), MAX_UIDS_PER_FETCH, "MAX_UIDS_PER_FETCH")
        case Devices():
            return _first(
                _over("uids", len(frame.certificates), MAX_UIDS_PER_FETCH, "MAX_UIDS_PER_FETCH"),
                _each_over(
                    "devices of a uid",
                    frame.certificates.values(),
                    MAX_DEVICES_PER_UID,
                    "MAX_DEVICES_PER_UID",
                ),
                _each_over(
                    "certificate bytes",
                    (c for certs in frame.certificates.values() for c in certs),
                    MAX_CERTIFICATE_BYTES,
                    "MAX_CERTIFICATE_BYTES",
                ),
            )
        case ClaimKeys():
            return _over(
                "device ids", len(frame.device_ids), MAX_DEVICES_PER_CLAIM, "MAX_DEVICES_PER_CLAIM"
            )
        case ClaimedKeys():
            return _first(
                _over("keys", len(frame.keys), MAX_DEVICES_PER_CLAIM, "MAX_DEVICES_PER_CLAIM"),
                _each_over(
                    "certificate bytes",
                    (k.certificate for k in frame.keys.values()),
                    MAX_CERTIFICATE_BYTES,
                    "MAX_CERTIFICATE_BYTES",
                ),
                _claimed_keys_consistency(frame),
            )
        case Enrolled():
            return _first(
                _over("chain length", len(frame.chain), MAX_CHAIN_LENGTH, "MAX_CHAIN_LENGTH"),
                _each_over(
                    "certificate bytes",
                    [frame.device_certificate, *frame.chain],
                    MAX_CERTIFICATE_BYTES,
                    "MAX_CERTIFICATE_BYTES",
                ),
                _over(
                    "revocation list bytes", len(frame.revocations), MAX_CRL_BYTES, "MAX_CRL_BYTES"
                ),
            )
        case Revocations():
            return _over("revocation list bytes", len(frame.crl), MAX_CRL_BYTES, "MAX_CRL_BYTES")
        case DirectoryPage():
            return _first(
                _over(
                    "directory changes",
                    len(frame.changed) + len(frame.removed),
                    MAX_DIRECTORY_PAGE,
                    "MAX_DIRECTORY_PAGE",
                ),
                _each_over(
                    "directory entry bytes",
                    frame.changed,
                    MAX_DIRECTORY_ENTRY_BYTES,
                    "MAX_DIRECTORY_ENTRY_BYTES",
                ),
                _over(
                    "directory header bytes",
                    len(frame.header),
                    MAX_DIRECTORY_HEADER_BYTES,
                    "MAX_DIRECTORY_HEADER_BYTES",
                ),
                _directory_page_consistency(frame),
            )
        case RoleRequests():
            return _over(
                "role requests",
                len(frame.requests),
                MAX_ROLE_REQUESTS_LISTED,
                "MAX_ROLE_REQUESTS_LISTED",
            )
        case RoleRequested():
            return _over(
                "approvers", len(frame.approvers), MAX_ROLE_APPROVERS, "MAX_ROLE_APPROVERS"
            )
        case BlobUpload():
            return _over("blob size", frame.total_size, MAX_BLOB_SIZE, "MAX_BLOB_SIZE")
        case BlobDownload():
            return _over("blob offset", frame.offset, MAX_BLOB_SIZE, "MAX_BLOB_SIZE")
        case BlobChunk():
            return _first(
                _over("chunk bytes", len(frame.data), MAX_BLOB_CHUNK, "MAX_BLOB_CHUNK"),
                _over("chunk end", frame.offset + len(frame.data), MAX_BLOB_SIZE, "MAX_BLOB_SIZE"),
                None
                if frame.data or frame.last
                else _inconsistent("only the last BlobChunk may be empty"),
            )
        case _:
            return None


def _envelope_consistency(frame: SendEnvelope) -> Problem | None:
    if not is_visible_id(frame.envelope_id):
        # The sender chooses it and every recipient logs it: a line break or bidi
        # control in it wrote lines of the sender's making into their logs. Only new
        # envelopes are checked; Deliver and AckDelivery keep taking what was stored.
        return _inconsistent("SendEnvelope's envelope id is not visible ASCII")
    if not frame.recipients:
        return _inconsistent("SendEnvelope has no recipients")
    if len(set(frame.recipients)) != len(frame.recipients):
        return _inconsistent("SendEnvelope names a recipient twice")
    strangers = frame.per_device.keys() - set(frame.recipients)
    if strangers:
        return _inconsistent(f"per_device names non-recipients: {sorted(strangers)[:3]}")
    return None


def _claimed_keys_consistency(frame: ClaimedKeys) -> Problem | None:
    for device_id, key in frame.keys.items():
        if key.device_id != device_id:
            return _inconsistent(f"ClaimedKeys maps {device_id!r} to a key of {key.device_id!r}")
    return None


def _directory_page_consistency(frame: DirectoryPage) -> Problem | None:
    if frame.version == 0:
        if frame.header or frame.signature or frame.changed or frame.removed:
            return _inconsistent("DirectoryPage of version 0 must be empty")
        return None
    if len(frame.signature) != SIGNATURE_BYTES:
        return _inconsistent(f"DirectoryPage signature is not {SIGNATURE_BYTES} bytes")
    return None

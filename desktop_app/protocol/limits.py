"""Every bound the wire protocol enforces, as named constants (DESIGN.md section 9).

Both sides check the same numbers: `codec.encode` refuses to produce a frame the peer
would refuse, and `codec.decode` refuses what a careless or hostile peer sends. The
numbers are chosen so that every *reply* a relay can legitimately build fits into one
frame (tests/protocol/test_limits.py builds the largest of each and encodes it). Only
`SendEnvelope` can exceed the frame limit with individually legal fields; the client
then splits the recipients over several envelopes.

The websockets transport must be configured with ``max_size=MAX_FRAME_BYTES`` on both
ends (its default of 1 MiB is smaller), so that oversized messages are refused by the
transport before they are buffered.
"""

from __future__ import annotations

from typing import Final

KiB: Final = 1024
MiB: Final = 1024 * KiB
GiB: Final = 1024 * MiB

# --- versions --------------------------------------------------------------------
PROTOCOL_VERSION: Final = 1
"""The version this code speaks; sent in Hello and echoed in Welcome."""
SUPPORTED_VERSIONS: Final = frozenset({1})
"""Versions a relay built from this code accepts in Hello."""

# --- whole frames ----------------------------------------------------------------
MAX_FRAME_BYTES: Final = 1 * MiB + 64 * KiB
"""One websocket message = one frame. 1 MiB of content plus room for msgpack framing."""

# --- handshake and identity ------------------------------------------------------
CHALLENGE_BYTES: Final = 32
"""Exact length of the relay's per-connection challenge (Welcome.challenge)."""
SIGNATURE_BYTES: Final = 64
"""Exact length of an Ed25519 signature (Enroll.signature, Authenticate.signature)."""
MAX_ID_CHARS: Final = 128
"""uids, device ids, envelope ids, blob ids, relay id, key ids."""
MAX_KEY_CHARS: Final = 128
"""A base64 public key (Curve25519/Ed25519 keys are 43 characters unpadded)."""
MAX_CODE_CHARS: Final = 256
"""An enrollment code, which also carries the organisation fingerprint."""
MAX_TEXT_CHARS: Final = 1024
"""Human-readable text: client name, device name, error message, Bye reason."""
MAX_CERTIFICATE_BYTES: Final = 2 * KiB
"""One encoded device or issuing certificate."""
MAX_CHAIN_LENGTH: Final = 4
"""Certificates between a device certificate and the organisation root."""
MAX_CRL_BYTES: Final = 512 * KiB
"""The signed revocation list (Enrolled.revocations, Revocations.crl)."""

# --- keys and devices ------------------------------------------------------------
MAX_KEYS_PER_PUBLISH: Final = 100
"""One-time keys in one PublishKeys (vodozemac holds at most 50 unpublished)."""
"""A device has one current fallback key."""
MAX_UIDS_PER_FETCH: Final = 32
"""uids in one FetchDevices; with the two limits below the reply always fits a frame."""
MAX_DEVICES_PER_UID: Final = 16
"""Certificates per uid in Devices; the relay refuses to enroll more active devices."""
MAX_DEVICES_PER_CLAIM: Final = 256
"""Device ids in one ClaimKeys; a 500-device fan-out claims in two requests."""

# --- staff directory -------------------------------------------------------------
MAX_DIRECTORY_PAGE: Final = 200
"""Changed entries plus removed uids in one DirectoryPage."""
MAX_DIRECTORY_ENTRY_BYTES: Final = 4 * KiB
"""One signed directory entry (canonical msgpack); 200 of them fit one frame."""
MAX_DIRECTORY_HEADER_BYTES: Final = 512
"""The signed directory header (version, count, digest)."""
MAX_ROLE_REQUESTS_LISTED: Final = 50
"""Take-over requests in one RoleRequests (pending ones for the caller's roles first)."""
MAX_TAKEOVERS_PER_WINDOW: Final = 3
"""Take-overs of one functional account by one person within ``TAKEOVER_WINDOW_MS``
(a shift change needs one, a slip and its correction two); more are ``rate_limited``."""
TAKEOVER_WINDOW_MS: Final = 10 * 60_000
MAX_ROLE_APPROVERS: Final = 32
"""Holders named as approvers in RoleRequested (a functional account's holder limit)."""

# --- messaging -------------------------------------------------------------------
MAX_RECIPIENTS: Final = 1000
"""Recipient devices of one envelope."""
MAX_PAYLOAD_BYTES: Final = 256 * KiB
"""The shared (Megolm) ciphertext of one envelope; attachments travel as blobs."""
MAX_DEVICE_PAYLOAD_BYTES: Final = 16 * KiB
"""One per-device (Olm) ciphertext inside an envelope."""
MAX_ACK_BATCH: Final = 256
"""(sender device, envelope id) pairs acknowledged by one AckDelivery."""
MAX_BLOB_GRANTS: Final = 16
"""Blob ids one SendEnvelope lets its recipients download (a message has at most 10
attachments, protocol/content.py)."""
MAX_UNACKED_DELIVERIES: Final = 256
"""Advice to the relay: Deliver frames in flight to one connection before acks return.
Not enforced by `Connection`; stated here so relay and client agree on a window."""

# --- blobs -----------------------------------------------------------------------
MAX_BLOB_CHUNK: Final = 256 * KiB
"""Data bytes in one BlobChunk."""
MAX_BLOB_SIZE: Final = 4 * GiB
"""Total size of one (encrypted) blob; policy may set a lower limit on the relay."""

# --- requests --------------------------------------------------------------------
MAX_REQ_ID: Final = 2**53 - 1
"""Largest req_id; 0 is reserved for unsolicited relay frames."""
MAX_PENDING_REQUESTS: Final = 256
"""Requests a client may have outstanding on one connection (a blob transfer counts as
one request from BlobUpload/BlobDownload until its last chunk or reply)."""

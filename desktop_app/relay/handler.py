"""What the relay does with each frame, apart from any transport (magic-wormhole style).

``RelayHandler`` serves one connection. The server feeds it decoded frames and sends
back what it returns; blob downloads come back as a ``BlobStream`` the server
iterates. Every call is synchronous and touches the store, so the server runs them on
its single database thread. Trust decisions (certificates, signatures, enrollment
codes) go through the ``RelayTrust`` interface, so the handler is tested without keys.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from desktop_app.crypto.e2e.keys import signed_key_message
from desktop_app.crypto.org import IssuingAuthority
from desktop_app.domain.ids import DeviceId, EnvelopeId, Uid
from desktop_app.protocol import (
    AckDelivery,
    Acked,
    AnswerRoleRequest,
    Authenticate,
    Authenticated,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobUpload,
    ClaimedKey,
    ClaimedKeys,
    ClaimKeys,
    Devices,
    DirectoryPage,
    Enroll,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    FetchDevices,
    FetchDirectory,
    FetchRevocations,
    FetchRoleRequests,
    Frame,
    KeysPublished,
    Ping,
    Pong,
    PublishKeys,
    RenewCertificate,
    ReportExport,
    Revocations,
    SendEnvelope,
    SignedKey,
    TakeOverRole,
)
from desktop_app.protocol.limits import (
    CHALLENGE_BYTES,
    MAX_DIRECTORY_PAGE,
)
from desktop_app.relay import device_slots, enrolling
from desktop_app.relay.audit import AuditLog
from desktop_app.relay.blob_files import BlobFiles
from desktop_app.relay.blob_requests import BlobStream, blob_chunk, blob_download, blob_upload
from desktop_app.relay.claim_limits import ClaimLimiter
from desktop_app.relay.errors import (
    BlobError,
    BlobNotFound,
    QuotaExceeded,
    TrustRefusal,
    UnknownDevice,
)
from desktop_app.relay.exports import ExportLimiter, record_export
from desktop_app.relay.quotas import RelayLimits
from desktop_app.relay.renewal import renew_certificate
from desktop_app.relay.role_handover import handle_role_frame
from desktop_app.relay.store import (
    DeviceRecord,
    MailboxItem,
    NewEnvelope,
    RelayStore,
    StoredKey,
)

MAX_NAMED_IN_ERROR = 5
DAY_MS = 86_400_000


class RelayTrust(Protocol):
    """The organisation's keys as the running relay uses them."""

    @property
    def offline_issuing(self) -> bool:
        """Devices are signed on IT's workstation: enrollment waits for an import."""

    def code_secret_hash(self, code: str) -> bytes:
        """Parse an enrollment code for this org; raise TrustRefusal on typos/other org."""

    def issue_device_certificate(
        self, *, uid: str, device_id: str, ed25519: str, curve25519: str
    ) -> tuple[bytes, str]:
        """Return (certificate DER, serial) for a freshly enrolled device."""

    def check_device_request(
        self, *, uid: str, device_id: str, ed25519: str, curve25519: str
    ) -> None:
        """Raise TrustRefusal unless a certificate could be issued for these (offline
        issuing: checked before the request is queued for IT's workstation)."""

    def check_device_certificate(self, certificate: bytes, device_id: str) -> None:
        """Raise TrustRefusal if the certificate is not valid for ``device_id`` now."""

    def verify_signature(self, ed25519: str, message: bytes, signature: bytes) -> bool: ...

    def device_ed25519(self, certificate: bytes) -> str:
        """The device's Ed25519 key (vodozemac base64) from its certificate."""

    def chain(self) -> list[bytes]:
        """Issuing and root certificates (DER) for clients to verify devices."""

    def issued_by_previous_ca(self, certificate: bytes) -> bool:
        """True for a device certificate from the issuing CA before the last rotation."""

    def revocations(self) -> bytes:
        """The current signed revocation list."""

    def directory_issuer(self) -> IssuingAuthority:
        """The issuing key, to sign a directory version when a holder takes over a role."""


@dataclass
class RelayContext:
    """What every connection shares: store, files, audit log, trust, clock, settings."""

    store: RelayStore
    blobs: BlobFiles
    audit: AuditLog
    trust: RelayTrust
    relay_id: str
    clock_ms: Callable[[], int]
    retention_days: int = 30
    notify: Callable[[str, Sequence[MailboxItem] | None], None] = field(
        default=lambda device_id, items: None
    )
    """New mail for a device: the items just committed (all of it), or None (unknown)."""
    admit_login: Callable[[str], tuple[str, str] | None] = field(default=lambda _: None)
    """Why a device that proved who it is may not log in now (relay/device_slots.py)."""
    limits: RelayLimits = field(default_factory=RelayLimits)
    claims: ClaimLimiter | None = None
    exports: ExportLimiter = field(default_factory=ExportLimiter)
    migrated_store: Path | None = None
    """relay.db.migrated, the SQLite store `relay migrate-store` left beside (a store in
    PostgreSQL only): the hourly run deletes it once older than the retention period."""

    def __post_init__(self) -> None:
        if self.claims is None:
            self.claims = ClaimLimiter(self.limits)

    @property
    def retention_ms(self) -> int:
        return self.retention_days * DAY_MS

    @property
    def handover_keep_ms(self) -> int:
        """How long role hand-overs stay (``directory handovers``): as long as the audit
        log keeps the same facts as ``role_handover`` lines (relay.json
        ``audit_retention_days``, default 365), so IT sees who held a role for as long as
        it can prove it, and the store never outlives the audit log."""
        return self.audit.retention_days * DAY_MS


Reply = list[Frame] | BlobStream


class RelayHandler:
    """One connection's view: which device it is, and the answer to each request."""

    def __init__(self, ctx: RelayContext, peer: str) -> None:
        self.ctx = ctx
        self.peer = peer
        self.device: DeviceRecord | None = None
        self.uploads: dict[str, int] = {}
        """blob id -> total size of the uploads this connection was told to send (BlobReady),
        so their chunks are written without asking the store again (relay/blob_transfer.py)."""

    @staticmethod
    def new_challenge() -> bytes:
        return secrets.token_bytes(CHALLENGE_BYTES)

    # ---- before login ----------------------------------------------------------------

    def enroll(self, frame: Enroll, transcript: bytes) -> list[Frame]:
        """Redeem a code for a device certificate (relay/enrolling.py); refusals are
        fatal for the connection. A connection that enrolled is that device."""
        replies, device = enrolling.enroll(self.ctx, frame, transcript, self.peer)
        if device is not None:
            self.device = device
        return replies

    def authenticate(self, frame: Authenticate, transcript: bytes) -> list[Frame]:
        ctx = self.ctx
        try:
            record = ctx.store.device(frame.device_id)
            if record.revoked:
                raise TrustRefusal(ErrorCode.DEVICE_REVOKED, "this device was revoked by IT")
            ctx.trust.check_device_certificate(record.certificate, frame.device_id)
            ed25519 = ctx.trust.device_ed25519(record.certificate)
            if not ctx.trust.verify_signature(ed25519, transcript, frame.signature):
                raise TrustRefusal(ErrorCode.UNAUTHENTICATED, "login signature is invalid")
        except UnknownDevice:
            ctx.audit.record(
                "login_refused", device_id=frame.device_id, reason="unknown device", peer=self.peer
            )
            return [Error(frame.req_id, ErrorCode.UNKNOWN_DEVICE, "unknown device", True)]
        except TrustRefusal as exc:
            ctx.audit.record(
                "login_refused", device_id=frame.device_id, reason=str(exc), peer=self.peer
            )
            refusal = Error(frame.req_id, exc.code, str(exc), True)
            if exc.code is ErrorCode.DEVICE_REVOKED:
                # The signed list first: the device wipes only on a verified list.
                return [Revocations(0, ctx.trust.revocations()), refusal]
            return [refusal]
        denied = ctx.admit_login(record.device_id)  # per-device caps: relay/device_slots.py
        if denied is not None:
            device_slots.refused(record.device_id, self.peer, denied[1])
            ctx.audit.record(
                "login_refused", device_id=record.device_id, reason=denied[0], peer=self.peer
            )
            return [Error(frame.req_id, ErrorCode.RATE_LIMITED, denied[1], True)]
        self.device = record
        ctx.store.touch(record.device_id, ctx.clock_ms())
        ctx.audit.record("login", uid=record.uid, device_id=record.device_id, peer=self.peer)
        return [
            Authenticated(frame.req_id, frame.device_id, ctx.store.pending_count(record.device_id))
        ]

    # ---- after login -----------------------------------------------------------------

    def handle(self, frame: Frame) -> Reply:
        device = self.device
        if device is None:  # the Connection's state table makes this unreachable
            raise RuntimeError("request before login")
        try:
            match frame:
                case RenewCertificate():
                    reply, self.device = renew_certificate(self.ctx, device, frame, self.peer)
                    return [reply]
                case PublishKeys():
                    return [self._publish(device, frame)]
                case FetchDevices():
                    return [self._devices(frame)]
                case ClaimKeys():
                    return [self._claim(device, frame)]
                case FetchRevocations():
                    return [Revocations(frame.req_id, self.ctx.trust.revocations())]
                case FetchDirectory():
                    return [directory_page(self.ctx, frame)]
                case TakeOverRole() | FetchRoleRequests() | AnswerRoleRequest():
                    ctx = self.ctx  # policies and approvals: relay/role_handover.py
                    issuer, now = ctx.trust.directory_issuer(), ctx.clock_ms()
                    return [handle_role_frame(ctx.store, issuer, ctx.audit, now, device.uid, frame)]
                case SendEnvelope():
                    return [self._send(device, frame)]
                case AckDelivery():
                    now = self.ctx.clock_ms()
                    count = self.ctx.store.acknowledge(device.device_id, frame.deliveries, now)
                    return [Acked(frame.req_id, count)]
                case BlobUpload():
                    ready = blob_upload(self.ctx, device, frame)
                    if isinstance(ready, BlobReady):
                        self.uploads[frame.blob_id] = frame.total_size
                    return [ready]
                case BlobChunk():
                    return blob_chunk(self.ctx, frame)
                case BlobDownload():
                    return blob_download(self.ctx, device, frame)
                case ReportExport():  # relay/exports.py: audited, no content
                    ctx = self.ctx
                    now = ctx.clock_ms()
                    return [record_export(ctx.audit, device, frame, self.peer, ctx.exports, now)]
                case Ping():
                    return [Pong(frame.req_id)]
        except BlobError as exc:
            code = ErrorCode.NOT_FOUND if isinstance(exc, BlobNotFound) else ErrorCode.CONFLICT
            return [Error(_req_id(frame), code, str(exc), False)]
        except QuotaExceeded as exc:
            return [Error(_req_id(frame), ErrorCode.QUOTA_EXCEEDED, str(exc), False)]
        raise RuntimeError(f"no handler for {type(frame).__name__}")

    def _publish(self, device: DeviceRecord, frame: PublishKeys) -> Frame:
        """Keep the keys if each is signed by the device's certified key. Claimers check
        them too, but a device that published keys nobody can verify (a modified client)
        made every session to it fail, and whoever escalated to its person try again
        and again; such a batch is refused whole, nothing of it kept."""
        ed25519 = self.ctx.trust.device_ed25519(device.certificate)
        signed = [(k, False) for k in frame.one_time_keys]
        if frame.fallback_key is not None:
            signed.append((frame.fallback_key, True))
        for key, fallback in signed:
            message = signed_key_message(key.key_id, key.key, fallback)
            if not self.ctx.trust.verify_signature(ed25519, message, key.signature):
                return Error(
                    frame.req_id,
                    ErrorCode.BAD_FRAME,
                    f"key {key.key_id} is not signed by this device's certified key",
                    False,
                )
        count = self.ctx.store.publish_keys(
            device.device_id,
            [_stored(k) for k in frame.one_time_keys],
            None if frame.fallback_key is None else _stored(frame.fallback_key),
        )
        return KeysPublished(frame.req_id, count)

    def _devices(self, frame: FetchDevices) -> Frame:
        found: dict[Uid, list[bytes]] = {}
        for uid in frame.uids:
            certs = [d.certificate for d in self.ctx.store.devices(uid) if not d.revoked]
            if certs:
                found[uid] = certs
        return Devices(frame.req_id, found)

    def _claim(self, claimer: DeviceRecord, frame: ClaimKeys) -> Frame:
        """A one-time key of each device, or only its fallback key past the claim limits
        (relay/claim_limits.py), so nobody can drain a colleague's one-time keys."""
        ctx = self.ctx
        assert ctx.claims is not None  # set in RelayContext.__post_init__
        keys: dict[DeviceId, ClaimedKey] = {}
        limited = 0
        now = ctx.clock_ms()
        for device_id in frame.device_ids:
            try:
                record = ctx.store.device(device_id)
            except UnknownDevice:
                continue
            if record.revoked:
                continue
            one_time = ctx.claims.allow(claimer.device_id, device_id, now)
            limited += not one_time
            claimed = ctx.store.claim_keys(device_id, one_time=one_time)
            keys[device_id] = ClaimedKey(
                device_id,
                record.certificate,
                _wire(claimed.one_time_key),
                _wire(claimed.fallback_key),
            )
        if limited and ctx.claims.first_refusal(claimer.device_id):
            ctx.audit.record(
                "key_claims_limited",
                uid=claimer.uid,
                device_id=claimer.device_id,
                reason=f"{limited} of {len(frame.device_ids)} claims got only the fallback key",
                peer=self.peer,
            )
        return ClaimedKeys(frame.req_id, keys)

    def _send(self, device: DeviceRecord, frame: SendEnvelope) -> Frame:
        return accept_envelopes(self.ctx, [(device, frame)])[0]


def accept_envelopes(
    ctx: RelayContext, items: Sequence[tuple[DeviceRecord, SendEnvelope]]
) -> list[Frame]:
    """Accept envelopes of one or more senders in one transaction (group commit).

    Each reply is EnvelopeAccepted only once the commit is on disk, or a non-fatal Error
    naming the revoked or unknown recipients (then nothing of that envelope is stored).
    Runs on the database thread, like every handler call.
    """
    now = ctx.clock_ms()
    batch = [
        NewEnvelope(
            sender.device_id,
            sender.uid,
            frame.envelope_id,
            list(dict.fromkeys(frame.recipients)),
            frame.payload,
            {str(k): v for k, v in frame.per_device.items()},
            now,
            now + ctx.retention_ms,
            list(frame.blob_ids),
        )
        for sender, frame in items
    ]
    results, rows = ctx.store.accept_batch(batch, ctx.limits)
    replies: list[Frame] = []
    mail: dict[str, list[MailboxItem]] = {}  # per recipient, in row order
    for (_, frame), e, row, (new, refused, over_quota) in zip(
        items, batch, rows, results, strict=True
    ):
        if refused:
            replies.append(_refusal(ctx, frame.req_id, refused))
            continue
        if over_quota:
            replies.append(Error(frame.req_id, ErrorCode.QUOTA_EXCEEDED, over_quota, False))
            continue
        if new:
            for d in e.recipients:
                item = MailboxItem(
                    row, e.envelope_id, e.sender_uid, e.sender_device, e.now, e.payload,
                    e.per_device.get(d),
                )  # fmt: skip
                mail.setdefault(d, []).append(item)
        replies.append(EnvelopeAccepted(frame.req_id, EnvelopeId(frame.envelope_id)))
    for recipient, handed in mail.items():
        ctx.notify(recipient, handed)
    return replies


def directory_page(ctx: RelayContext, frame: FetchDirectory) -> DirectoryPage:
    """One page of signed directory changes; the relay only passes on what IT signed."""
    chunk = ctx.store.directory_changes(frame.since, frame.after, MAX_DIRECTORY_PAGE)
    if chunk.version is None:
        return DirectoryPage(frame.req_id, 0, b"", b"", [], [], "")
    changed = [data for _, data in chunk.items if data is not None]
    removed = [Uid(uid) for uid, data in chunk.items if data is None]
    next_after = chunk.items[-1][0] if chunk.more and chunk.items else ""
    v = chunk.version
    return DirectoryPage(
        frame.req_id, v.version, v.header, v.signature, changed, removed, next_after
    )


def _refusal(ctx: RelayContext, req_id: int, refused: list[str]) -> Error:
    """Nothing was stored: the sender re-checks these devices and sends anew."""
    revoked = [d for d in refused if _is_revoked(ctx, d)]
    if revoked:
        code, why, names = ErrorCode.DEVICE_REVOKED, "revoked", revoked
    else:
        code, why, names = ErrorCode.UNKNOWN_DEVICE, "unknown", refused
    listed = ", ".join(names[:MAX_NAMED_IN_ERROR])
    return Error(req_id, code, f"not deliverable to {listed}: {why}", False)


def _is_revoked(ctx: RelayContext, device_id: str) -> bool:
    try:
        return ctx.store.device(device_id).revoked
    except UnknownDevice:
        return False


def _stored(key: SignedKey) -> StoredKey:
    return StoredKey(key.key_id, key.key, key.signature)


def _wire(key: StoredKey | None) -> SignedKey | None:
    return None if key is None else SignedKey(key.key_id, key.key, key.signature)


def _req_id(frame: Frame) -> int:
    return int(getattr(frame, "req_id", 0))

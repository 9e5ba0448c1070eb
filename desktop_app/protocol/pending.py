"""Matching replies to requests: which req_ids are open and what may answer them.

Both roles keep the same bookkeeping. On the client, sending a request opens its req_id
and a reply from the relay must name an open req_id with a fitting frame type and
content (the envelope id it accepts, the blob offsets it streams). On the relay the
same checks catch a client reusing an open req_id and a relay bug answering a request
that was never asked. Blob transfers are one request each, open from BlobUpload or
BlobDownload until their last chunk or final reply, with offsets checked chunk by chunk.

`PendingRequests.track` first checks and only then changes anything, so a frame that is
refused leaves the bookkeeping as it was.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from desktop_app.protocol.frames import (
    REPLIES,
    REQUEST_TYPES,
    AckDelivery,
    Acked,
    Authenticate,
    Authenticated,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    ClaimedKeys,
    ClaimKeys,
    Devices,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    FetchDevices,
    Frame,
    Request,
    Revocations,
    SendEnvelope,
)
from desktop_app.protocol.limits import MAX_PENDING_REQUESTS, MAX_REQ_ID
from desktop_app.protocol.states import Role

_REPLY_TYPES = tuple({reply for replies in REPLIES.values() for reply in replies})


class RequestIds:
    """Hands out req_ids 1, 2, 3, ... for one connection; 0 is reserved for pushes."""

    def __init__(self) -> None:
        self._last = 0

    def next(self) -> int:
        self._last = self._last % MAX_REQ_ID + 1
        return self._last


class RuleViolation(Exception):
    """A frame that breaks the state machine or does not fit the open requests.
    `Connection` turns it into a Local- or RemoteProtocolError depending on who sent
    the frame; the code is what the Error frame will name."""

    def __init__(
        self, message: str, req_id: int, code: ErrorCode = ErrorCode.UNEXPECTED_FRAME
    ) -> None:
        super().__init__(message)
        self.message = message
        self.req_id = req_id
        self.code = code


class Phase(enum.Enum):
    AWAIT_REPLY = "await_reply"
    UPLOADING = "uploading"  # BlobReady received, client sends chunks
    AWAIT_STORED = "await_stored"  # last upload chunk sent
    DOWNLOADING = "downloading"  # relay sends chunks


@dataclass(slots=True)
class OpenRequest:
    request: Request
    phase: Phase
    next_offset: int = 0


class PendingRequests:
    """The open requests of one connection, keyed by req_id."""

    def __init__(self, limit: int = MAX_PENDING_REQUESTS) -> None:
        self._limit = limit
        self._open: dict[int, OpenRequest] = {}

    @property
    def outstanding(self) -> frozenset[int]:
        """req_ids sent but not yet answered (on a closed connection: never answered)."""
        return frozenset(self._open)

    def track(self, frame: Frame, sender: Role) -> None:
        """Check ``frame`` against the open requests, then record its effect."""
        if sender is Role.CLIENT:
            self._client_frame(frame)
        else:
            self._relay_frame(frame)

    # --- client -> relay ------------------------------------------------------------
    def _client_frame(self, frame: Frame) -> None:
        if isinstance(frame, REQUEST_TYPES):
            self._open_request(frame)
        elif isinstance(frame, BlobChunk):
            self._upload_chunk(frame)

    def _open_request(self, request: Request) -> None:
        if request.req_id in self._open:
            raise RuleViolation(f"req_id {request.req_id} is still in use", request.req_id)
        if len(self._open) >= self._limit:
            raise RuleViolation(
                f"more than MAX_PENDING_REQUESTS={self._limit} requests outstanding",
                request.req_id,
                ErrorCode.RATE_LIMITED,
            )
        if isinstance(request, BlobDownload):
            entry = OpenRequest(request, Phase.DOWNLOADING, request.offset)
        else:
            entry = OpenRequest(request, Phase.AWAIT_REPLY)
        self._open[request.req_id] = entry

    def _upload_chunk(self, chunk: BlobChunk) -> None:
        entry = self._open.get(chunk.req_id)
        if entry is None or not isinstance(entry.request, BlobUpload):
            raise RuleViolation(
                f"BlobChunk for req_id {chunk.req_id}: no such upload", chunk.req_id
            )
        upload = entry.request
        if entry.phase is not Phase.UPLOADING:
            raise RuleViolation(
                f"BlobChunk for req_id {chunk.req_id} while {entry.phase.value}", chunk.req_id
            )
        _check_chunk(chunk, upload.blob_id, entry.next_offset)
        end = chunk.offset + len(chunk.data)
        if end > upload.total_size or (chunk.last and end != upload.total_size):
            raise RuleViolation(
                f"BlobChunk ends at {end}, blob {upload.blob_id!r} has {upload.total_size} bytes",
                chunk.req_id,
            )
        entry.next_offset = end
        if chunk.last:
            entry.phase = Phase.AWAIT_STORED

    # --- relay -> client ------------------------------------------------------------
    def _relay_frame(self, frame: Frame) -> None:
        if isinstance(frame, Error):
            if not frame.fatal:
                self._entry_for_reply(frame)
                del self._open[frame.req_id]
            return
        if isinstance(frame, Revocations) and frame.req_id == 0:
            return  # pushed revocation list
        if not isinstance(frame, _REPLY_TYPES):
            return  # Welcome, Deliver, Bye: not replies
        entry = self._entry_for_reply(frame)
        request = entry.request
        if type(frame) not in REPLIES[type(request)]:
            raise RuleViolation(
                f"{type(frame).__name__} cannot answer {type(request).__name__} "
                f"(req_id {request.req_id})",
                request.req_id,
            )
        if isinstance(request, BlobUpload):
            self._upload_reply(entry, request, frame)
        elif isinstance(request, BlobDownload):
            assert isinstance(frame, BlobChunk)
            _check_chunk(frame, request.blob_id, entry.next_offset)
            entry.next_offset = frame.offset + len(frame.data)
            if frame.last:
                del self._open[request.req_id]
        else:
            problem = _reply_problem(request, frame)
            if problem is not None:
                raise RuleViolation(problem, request.req_id, ErrorCode.BAD_FRAME)
            del self._open[request.req_id]

    def _entry_for_reply(self, frame: Frame) -> OpenRequest:
        req_id = getattr(frame, "req_id", 0)
        entry = self._open.get(req_id)
        if entry is None:
            raise RuleViolation(
                f"{type(frame).__name__} answers req_id {req_id}, which is not open", req_id
            )
        return entry

    def _upload_reply(self, entry: OpenRequest, upload: BlobUpload, frame: Frame) -> None:
        assert isinstance(frame, BlobReady | BlobStored)
        if frame.blob_id != upload.blob_id:
            raise RuleViolation(
                f"{type(frame).__name__} names blob {frame.blob_id!r}, "
                f"req_id {upload.req_id} uploads {upload.blob_id!r}",
                upload.req_id,
            )
        if isinstance(frame, BlobReady):
            if entry.phase is not Phase.AWAIT_REPLY:
                raise RuleViolation(f"second BlobReady for req_id {upload.req_id}", upload.req_id)
            if frame.offset > upload.total_size:
                raise RuleViolation(
                    f"BlobReady offset {frame.offset} beyond total size {upload.total_size}",
                    upload.req_id,
                )
            entry.phase = Phase.UPLOADING
            entry.next_offset = frame.offset
        else:
            if entry.phase is Phase.UPLOADING:
                raise RuleViolation(
                    f"BlobStored for req_id {upload.req_id} before the last chunk", upload.req_id
                )
            del self._open[upload.req_id]


def _check_chunk(chunk: BlobChunk, blob_id: str, expected_offset: int) -> None:
    if chunk.blob_id != blob_id:
        raise RuleViolation(
            f"BlobChunk names blob {chunk.blob_id!r}, req_id {chunk.req_id} is for {blob_id!r}",
            chunk.req_id,
        )
    if chunk.offset != expected_offset:
        raise RuleViolation(
            f"BlobChunk at offset {chunk.offset}, expected {expected_offset}", chunk.req_id
        )


def _reply_problem(request: Request, reply: Frame) -> str | None:
    """Content that contradicts the request it answers; None if consistent."""
    if isinstance(request, SendEnvelope) and isinstance(reply, EnvelopeAccepted):
        if reply.envelope_id != request.envelope_id:
            return f"EnvelopeAccepted for {reply.envelope_id!r}, sent {request.envelope_id!r}"
    elif isinstance(request, Authenticate) and isinstance(reply, Authenticated):
        if reply.device_id != request.device_id:
            return f"Authenticated as {reply.device_id!r}, asked for {request.device_id!r}"
    elif isinstance(request, AckDelivery) and isinstance(reply, Acked):
        if reply.count > len(request.deliveries):
            return f"Acked {reply.count} of {len(request.deliveries)} deliveries"
    elif isinstance(request, FetchDevices) and isinstance(reply, Devices):
        extra_uids = reply.certificates.keys() - set(request.uids)
        if extra_uids:
            return f"Devices for uids not asked for: {sorted(extra_uids)[:3]}"
    elif isinstance(request, ClaimKeys) and isinstance(reply, ClaimedKeys):
        extra_devices = reply.keys.keys() - set(request.device_ids)
        if extra_devices:
            return f"ClaimedKeys for devices not asked for: {sorted(extra_devices)[:3]}"
    return None

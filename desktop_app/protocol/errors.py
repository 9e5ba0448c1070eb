"""Protocol errors, split h11-style by who broke the rules.

`LocalProtocolError`: *this* side tried to send something illegal (a bug in the caller;
nothing was sent and the connection state is unchanged). `RemoteProtocolError`: the
peer sent something illegal; the connection is then in state ERROR, and its owner
answers with `error_frame_for(exc)` and closes that one connection.

Every error carries the `ErrorCode` the Error frame should name, and the req_id of the
request it concerns when known (else 0).
"""

from __future__ import annotations

from desktop_app.protocol.frames_control import Error, ErrorCode
from desktop_app.protocol.limits import MAX_TEXT_CHARS


class ProtocolError(Exception):
    """Base of everything this package raises about frames and their order."""

    default_code: ErrorCode = ErrorCode.BAD_FRAME

    def __init__(self, message: str, *, code: ErrorCode | None = None, req_id: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = code if code is not None else self.default_code
        self.req_id = req_id


class LocalProtocolError(ProtocolError):
    """We tried to send a frame the protocol forbids, now or at all."""


class RemoteProtocolError(ProtocolError):
    """The peer sent bytes or a frame the protocol forbids; the connection is over."""


class MalformedFrame(RemoteProtocolError):
    """Not a frame: undecodable msgpack, unknown type, wrong or missing fields."""


class FrameTooLarge(RemoteProtocolError):
    """The message is larger than MAX_FRAME_BYTES; refused before decoding."""

    default_code = ErrorCode.TOO_LARGE


class LimitExceeded(RemoteProtocolError):
    """A well-formed frame with a list, map or byte field above its limit."""

    default_code = ErrorCode.TOO_LARGE


class UnexpectedFrame(RemoteProtocolError):
    """A valid frame that is not allowed in the current state or for its req_id."""

    default_code = ErrorCode.UNEXPECTED_FRAME


class VersionMismatch(RemoteProtocolError):
    """The peer speaks a protocol version we do not."""

    default_code = ErrorCode.VERSION_MISMATCH


def error_frame_for(exc: ProtocolError) -> Error:
    """The fatal Error frame that tells the peer why we are closing the connection."""
    return Error(
        req_id=exc.req_id,
        code=exc.code,
        message=exc.message[:MAX_TEXT_CHARS],
        fatal=True,
    )

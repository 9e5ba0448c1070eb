"""Typed relay failures; the server turns them into protocol error frames or CLI lines.

Every message is one sentence an administrator (CLI) or a client (Error frame) can act
on; nothing here carries message content.
"""

from desktop_app.protocol import ErrorCode


class RelayError(Exception):
    """Base class; ``str(err)`` is safe to show to the client or the administrator."""


class TrustRefusal(RelayError):
    """A certificate, signature or code failed a trust check; ``code`` says how."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


class RelayStoreError(RelayError):
    """The relay's database is unusable (damaged, too new, disk full)."""


class RelayDataError(RelayError):
    """The relay data directory is missing, incomplete, or already initialised."""


class ListenError(RelayError):
    """The relay cannot listen on the requested address (port taken, no such address)."""


class AdminInputError(RelayError):
    """An administrator's argument is unusable (passphrase too short, bad duration)."""


class EnrollmentRefused(RelayError):
    """An enrollment code is unknown, already used, expired, or for another person."""


class UnknownDevice(RelayError):
    """No device with this id was ever enrolled at this relay."""


class DeviceRevoked(RelayError):
    """The device was revoked by IT."""


class BlobError(RelayError):
    """A blob upload or download does not fit what the relay has (answered `conflict`)."""


class BlobNotFound(BlobError):
    """No such blob, or its upload is not finished (answered `not_found`)."""


class QuotaExceeded(RelayError):
    """Storing this would exceed a device's or a mailbox's quota (answered `quota_exceeded`)."""

"""Typed relay failures; the server turns them into protocol error frames or CLI lines."""


class RelayError(Exception):
    """Base class; ``str(err)`` is safe to show to the client or the administrator."""


class RelayStoreError(RelayError):
    """The relay's database is unusable (damaged, too new, disk full)."""


class EnrollmentRefused(RelayError):
    """An enrollment code is unknown, already used, or expired."""


class UnknownDevice(RelayError):
    pass


class DeviceRevoked(RelayError):
    pass


class BlobError(RelayError):
    """A blob upload or download does not fit what the relay has."""

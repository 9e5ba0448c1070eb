"""Typed crypto failures; callers translate them into what the user should do."""


class CryptoError(Exception):
    """Base class for every failure raised by desktop_app.crypto."""


class UnwrapError(CryptoError):
    """The secret was wrong or the wrapped key was altered (AEAD tag mismatch)."""


class KdfParameterError(CryptoError):
    """Stored key-derivation parameters are outside what we accept."""


class StreamError(CryptoError):
    """An encrypted stream is truncated, reordered, altered or not ours."""

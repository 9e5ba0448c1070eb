"""Typed failures of the end-to-end layer.

Every error says what went wrong and what the caller can do, and never carries
plaintext: messages are built only from ids, key fingerprints and vodozemac's own
error text (which never contains plaintext). Callers catch ``E2EError`` for "any
end-to-end failure" or a subclass when they react differently (e.g. keep a message
whose key has not arrived yet on ``UnknownSession``).
"""

from __future__ import annotations

from desktop_app.crypto.errors import CryptoError


class E2EError(CryptoError):
    """Base class for every failure of desktop_app.crypto.e2e."""


# ---- keys and stored state -------------------------------------------------------------


class InvalidPickleKey(E2EError):
    """The pickle key is not 32 bytes; it comes from the container, never from the user."""


class PickleKeyMismatch(E2EError):
    """A stored pickle cannot be opened: wrong pickle key or a damaged pickle."""


class CorruptState(E2EError):
    """A stored record is not in the format this version writes (damaged or too new)."""


class AccountMissing(E2EError):
    """No device account in the store although the caller said there must be one."""


class AccountExists(E2EError):
    """Refused to create a second account over an existing one (it would orphan keys)."""


class InvalidKey(E2EError):
    """A public key or signature given as base64 is malformed."""


class InvalidSignature(E2EError):
    """An Ed25519 signature does not verify for this key and message."""


class InvalidArgument(E2EError):
    """A caller passed a value outside what the API accepts (e.g. a naive datetime)."""


# ---- Olm ---------------------------------------------------------------------------------


class OneTimeKeyRequired(E2EError):
    """No Olm session with the peer yet: claim one of its one-time (or fallback) keys."""


class SessionCreationFailed(E2EError):
    """vodozemac refused to create an Olm session (bad key, used one-time key, ...)."""


class PeerMismatch(E2EError):
    """A Curve25519 identity key is stored for a different device id than claimed."""


class EncryptionFailed(E2EError):
    """vodozemac refused to encrypt (should not happen with a healthy session)."""


class UndecryptableMessage(E2EError):
    """An Olm message could not be decrypted: malformed, tampered, replayed, or no session."""


# ---- Megolm ------------------------------------------------------------------------------


class UnknownSession(E2EError):
    """No inbound Megolm session with this id yet; keep the message and retry on key arrival."""

    def __init__(self, session_id: str) -> None:
        super().__init__(
            f"No key for group session {session_id} yet; the message is kept and retried "
            "when the sender's room key arrives."
        )
        self.session_id = session_id


class ReplayError(E2EError):
    """A Megolm message index was already decrypted under another envelope."""

    def __init__(self, session_id: str, message_index: int) -> None:
        super().__init__(
            f"Replayed group message: index {message_index} of session {session_id} was "
            "already received in a different envelope; the copy is dropped."
        )
        self.session_id = session_id
        self.message_index = message_index


class SessionMismatch(E2EError):
    """A Megolm session is used outside the conversation or sender it was shared for."""


class GroupDecryptionFailed(E2EError):
    """A Megolm message is malformed, tampered with, or older than the key we hold."""


class RoomKeyRejected(E2EError):
    """A shared room key is malformed or contradicts what the Olm channel proved."""


class NoOutboundSession(E2EError):
    """``encrypt`` was called for a conversation without ``prepare`` first."""


class RotationRequired(E2EError):
    """The outbound session is used up (message count or age); call ``prepare`` again."""


class KeyNotShared(E2EError):
    """Some recipient devices have not been given the current room key yet."""


class RevokedDevice(E2EError):
    """A recipient device is revoked; no key material is ever sent to it."""


class ReplayWindowFull(E2EError):
    """A sender kept one group session far beyond the rotation policy; refused."""


# ---- payloads ----------------------------------------------------------------------------


class PayloadError(E2EError):
    """A payload inside Olm is malformed, of an unknown version, or misaddressed."""

"""The store the end-to-end layer is given, and the records it keeps there.

crypto sits below storage, so it cannot import the container; instead it states the
four methods it needs as a Protocol. ``desktop_app.storage.sql_state.SqlPickleStore``
satisfies it structurally, and tests may hand in any object with these methods.

Every value written is a msgspec-msgpack record with a version field whose ``pickle``
member is vodozemac's own encrypted pickle (AES-256-CBC + HMAC under the 32-byte pickle
key). The metadata beside it (peer ids, timestamps) is protected by the container's
SQLCipher encryption, like every other row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Protocol, TypeVar

import msgspec

from desktop_app.crypto.e2e.errors import CorruptState, InvalidPickleKey

PICKLE_KEY_BYTES: Final = 32

# Store kinds (the ``kind`` column); names are documented beside each record type.
KIND_ACCOUNT: Final = "account"  # name "device": the one vodozemac Account
KIND_OLM: Final = "olm"  # name "<peer curve25519>|<session id>"
KIND_MEGOLM_OUT: Final = "megolm-out"  # name "<conversation id>"
KIND_MEGOLM_IN: Final = "megolm-in"  # name "<session id>"
KIND_MEGOLM_SEEN: Final = "megolm-seen"  # name "<session id>": replay record, old form (read only)
KIND_MEGOLM_SEEN_AT: Final = "megolm-seen-at"  # name "<session id>#<index>": replay record

ACCOUNT_NAME: Final = "device"


class PickleStore(Protocol):
    """Durable key/value storage for pickles, grouped by kind.

    ``save`` must be durable when it returns: the layer relies on it before it hands out
    a ciphertext or a key for upload.
    """

    def save(self, kind: str, name: str, pickle: bytes) -> None: ...
    def save_many(self, kind: str, items: Sequence[tuple[str, bytes]]) -> None: ...
    def load(self, kind: str, name: str) -> bytes | None: ...
    def names(self, kind: str) -> list[str]: ...
    def delete(self, kind: str, name: str) -> None: ...


def check_pickle_key(pickle_key: bytes) -> bytes:
    """Refuse a key of the wrong size before vodozemac sees it (its error is less clear)."""
    if not isinstance(pickle_key, bytes):
        raise InvalidPickleKey("The pickle key must be a bytes object (the container's).")
    if len(pickle_key) != PICKLE_KEY_BYTES:
        raise InvalidPickleKey(
            f"The pickle key must be {PICKLE_KEY_BYTES} bytes (got {len(pickle_key)}); "
            "it is the container's pickle key."
        )
    return pickle_key


R = TypeVar("R")

_ENCODER = msgspec.msgpack.Encoder()


def encode_record(record: msgspec.Struct) -> bytes:
    return _ENCODER.encode(record)


def decode_record(data: bytes, record_type: type[R], what: str) -> R:
    """Decode a stored record strictly; any mismatch is a typed ``CorruptState``."""
    try:
        return msgspec.msgpack.decode(data, type=record_type)
    except msgspec.DecodeError as exc:
        raise CorruptState(f"The stored {what} is damaged or from a newer version: {exc}") from exc

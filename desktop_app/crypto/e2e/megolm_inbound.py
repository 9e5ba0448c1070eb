"""Inbound Megolm sessions: room keys from other devices, decryption, replay rejection.

A room key is accepted only together with the identity the Olm channel proved: the
caller passes the sender device (id, Curve25519, Ed25519 from its verified certificate)
whose Olm session delivered the key. The session stays bound to that device and to the
conversation named in the key; a message decrypts only if its envelope names the same
conversation and sender, so a key or ciphertext cannot be moved to another chat. The
Megolm plaintext itself (``payloads.GroupContent``, signed by the session key) names the
conversation and the writing device too: another member who holds the key and claims
the session as their own still cannot pass our messages off as theirs.

Replays: vodozemac will decrypt the same Megolm message any number of times, so this
module records (session id, message index) -> envelope id after each successful
decryption. The same index under a *different* envelope id is a replay (``ReplayError``);
under the same envelope id it is an at-least-once redelivery and decrypts again with
``redelivered=True`` (the client drops it as a duplicate). Recording happens only after
vodozemac authenticated the message, so forged messages cannot poison the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import msgspec
import vodozemac as vz

from desktop_app.crypto.e2e.errors import (
    GroupDecryptionFailed,
    InvalidArgument,
    PayloadError,
    PickleKeyMismatch,
    ReplayError,
    ReplayWindowFull,
    RoomKeyRejected,
    SessionMismatch,
    UnknownSession,
)
from desktop_app.crypto.e2e.payloads import RoomKey, decode_group_content
from desktop_app.crypto.e2e.rotation import MemberDevice
from desktop_app.crypto.e2e.store import (
    KIND_MEGOLM_IN,
    KIND_MEGOLM_SEEN,
    KIND_MEGOLM_SEEN_AT,
    PickleStore,
    check_pickle_key,
    decode_record,
    encode_record,
)

# Senders rotate after 100 messages; a message index 100x beyond that is refused, which
# also bounds the replay records a session can leave behind.
MAX_TRACKED_INDICES: Final = 10_000


@dataclass(frozen=True, slots=True)
class GroupPlaintext:
    """A decrypted group message and what is proven about where it came from."""

    plaintext: bytes
    session_id: str
    message_index: int
    sender_device_id: str
    sender_curve25519: str
    sender_ed25519: str
    redelivered: bool


class _InRecord(msgspec.Struct, forbid_unknown_fields=True):
    v: Literal[1]
    conversation_id: str
    sender_device_id: str
    sender_curve25519: str
    sender_ed25519: str
    pickle: str


class _SeenRecord(msgspec.Struct, forbid_unknown_fields=True):
    """The replay record of a whole session, as versions before the per-index records
    kept it (rewritten whole for every message: its cost grew with the session, and a
    sender that never rotated made each message cost up to 10,000 entries). Still read,
    never written."""

    v: Literal[1]
    seen: dict[int, str]


class _SeenAt(msgspec.Struct, forbid_unknown_fields=True):
    """Which envelope carried one message index of a session (KIND_MEGOLM_SEEN_AT)."""

    v: Literal[1]
    envelope_id: str


def seen_at_name(session_id: str, index: int) -> str:
    """The store name of a session's replay record for one index (``<session id>#<i>``;
    ``#`` sorts below every base64 character, so a session's records are one range)."""
    return f"{session_id}#{index}"


@dataclass(slots=True)
class _Inbound:
    conversation_id: str
    sender: MemberDevice
    session: vz.InboundGroupSession


class MegolmInbound:
    """Inbound group sessions of this device, keyed by session id."""

    def __init__(self, store: PickleStore, pickle_key: bytes) -> None:
        self._store = store
        self._pickle_key = check_pickle_key(pickle_key)
        self._sessions: dict[str, _Inbound] = {}
        self._legacy_seen: dict[str, dict[int, str]] = {}

    def add_room_key(self, room_key: RoomKey, *, sender: MemberDevice) -> bool:
        """Accept a key that arrived over Olm from ``sender``; True if it was new or
        lets us decrypt earlier messages than the copy we had."""
        if room_key.sender_ed25519 != sender.ed25519:
            raise RoomKeyRejected(
                f"Room key from device {sender.device_id} names another signing identity "
                "than its certificate; refused."
            )
        try:
            session = vz.InboundGroupSession(vz.SessionKey(room_key.session_key))
        except (vz.SessionKeyDecodeException, ValueError) as exc:
            raise RoomKeyRejected(
                f"Room key from device {sender.device_id} is malformed: {exc}"
            ) from exc
        if session.session_id != room_key.session_id:
            raise RoomKeyRejected(
                f"Room key from device {sender.device_id} does not match its session id."
            )
        existing = self._get(room_key.session_id)
        if existing is not None:
            if existing.conversation_id != room_key.conversation_id or existing.sender != sender:
                raise RoomKeyRejected(
                    f"Group session {room_key.session_id} is already bound to another "
                    "conversation or sender; refused."
                )
            if session.first_known_index >= existing.session.first_known_index:
                return False
        self._save(room_key.session_id, _Inbound(room_key.conversation_id, sender, session))
        return True

    def drop_cache(self) -> None:
        """Read sessions and replay records from the store afresh (after a rollback)."""
        self._sessions.clear()
        self._legacy_seen.clear()

    def sessions_of(self, conversation_id: str) -> list[str]:
        """Ids of the inbound sessions bound to a conversation (to purge them with it).

        Reads only the record's metadata; no vodozemac session is unpickled.
        """
        found = []
        for session_id in self._store.names(KIND_MEGOLM_IN):
            data = self._store.load(KIND_MEGOLM_IN, session_id)
            if data is None:
                continue
            if decode_record(data, _InRecord, "inbound group session").conversation_id == (
                conversation_id
            ):
                found.append(session_id)
        return found

    def has_session(self, session_id: str) -> bool:
        return self._get(session_id) is not None

    def decrypt(
        self,
        *,
        conversation_id: str,
        sender_device_id: str,
        sender_curve25519: str,
        session_id: str,
        body: bytes,
        envelope_id: str,
    ) -> GroupPlaintext:
        """Decrypt a group message from the envelope's (relay-authenticated) sender."""
        if not envelope_id:
            raise InvalidArgument("envelope_id is required to tell replays from redeliveries.")
        inbound = self._get(session_id)
        if inbound is None:
            raise UnknownSession(session_id)
        if (
            inbound.conversation_id != conversation_id
            or inbound.sender.device_id != sender_device_id
            or inbound.sender.curve25519 != sender_curve25519
        ):
            raise SessionMismatch(
                f"Group session {session_id} was shared by device "
                f"{inbound.sender.device_id} for another conversation or sender; refused."
            )
        try:
            decrypted = inbound.session.decrypt(vz.MegolmMessage.from_bytes(body))
        except (vz.DecodeException, vz.MegolmDecryptionException, ValueError) as exc:
            raise GroupDecryptionFailed(
                f"Group message in session {session_id} from device {sender_device_id} "
                f"cannot be decrypted (tampered, malformed, or older than our key): {exc}"
            ) from exc
        try:
            content = decode_group_content(decrypted.plaintext)
        except PayloadError as exc:
            raise GroupDecryptionFailed(
                f"Group message in session {session_id} has malformed content: {exc}"
            ) from exc
        if (
            content.conversation_id != conversation_id
            or content.sender_device_id != sender_device_id
        ):
            raise SessionMismatch(
                f"Group message in session {session_id} was written by device "
                f"{content.sender_device_id} for another conversation or sender; refused."
            )
        index = decrypted.message_index
        redelivered = self._record(session_id, index, envelope_id)
        return GroupPlaintext(
            plaintext=content.body,
            session_id=session_id,
            message_index=index,
            sender_device_id=inbound.sender.device_id,
            sender_curve25519=inbound.sender.curve25519,
            sender_ed25519=inbound.sender.ed25519,
            redelivered=redelivered,
        )

    # ---- internals -------------------------------------------------------------------

    def _record(self, session_id: str, index: int, envelope_id: str) -> bool:
        """Remember index -> envelope; True for a redelivery of the same envelope.

        One small record per index, so a message costs the same whatever the session's
        length; it is durable when the store's save returns."""
        if index >= MAX_TRACKED_INDICES:
            raise ReplayWindowFull(
                f"Group session {session_id} sent message index {index}, far beyond the "
                "rotation policy; further messages are refused."
            )
        previous = self._seen_at(session_id, index)
        if previous == envelope_id:
            return True
        if previous is not None:
            raise ReplayError(session_id, index)
        record = encode_record(_SeenAt(1, envelope_id))
        self._store.save(KIND_MEGOLM_SEEN_AT, seen_at_name(session_id, index), record)
        return False

    def _seen_at(self, session_id: str, index: int) -> str | None:
        data = self._store.load(KIND_MEGOLM_SEEN_AT, seen_at_name(session_id, index))
        if data is not None:
            return decode_record(data, _SeenAt, "replay record").envelope_id
        return self._legacy(session_id).get(index)

    def _legacy(self, session_id: str) -> dict[int, str]:
        """The whole-session record an older version may have left (read once)."""
        seen = self._legacy_seen.get(session_id)
        if seen is None:
            data = self._store.load(KIND_MEGOLM_SEEN, session_id)
            seen = {} if data is None else decode_record(data, _SeenRecord, "replay record").seen
            self._legacy_seen[session_id] = seen
        return seen

    def _get(self, session_id: str) -> _Inbound | None:
        cached = self._sessions.get(session_id)
        if cached is not None:
            return cached
        data = self._store.load(KIND_MEGOLM_IN, session_id)
        if data is None:
            return None
        record = decode_record(data, _InRecord, "inbound group session")
        try:
            session = vz.InboundGroupSession.from_pickle(record.pickle, self._pickle_key)
        except vz.PickleException as exc:
            raise PickleKeyMismatch(
                "An inbound group session cannot be opened: wrong pickle key or damaged pickle."
            ) from exc
        sender = MemberDevice(
            record.sender_device_id, record.sender_curve25519, record.sender_ed25519
        )
        inbound = _Inbound(record.conversation_id, sender, session)
        self._sessions[session_id] = inbound
        return inbound

    def _save(self, session_id: str, inbound: _Inbound) -> None:
        record = _InRecord(
            v=1,
            conversation_id=inbound.conversation_id,
            sender_device_id=inbound.sender.device_id,
            sender_curve25519=inbound.sender.curve25519,
            sender_ed25519=inbound.sender.ed25519,
            pickle=inbound.session.pickle(self._pickle_key),
        )
        self._store.save(KIND_MEGOLM_IN, session_id, encode_record(record))
        self._sessions[session_id] = inbound

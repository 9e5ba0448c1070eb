"""Pairwise Olm sessions with peer devices, persisted in the store.

Sessions are keyed by the peer's Curve25519 identity key (what Olm authenticates); the
device id beside it is checked so one key can never be attributed to two devices.

Choosing a session (state per peer, header):

    no session --encrypt with a claimed key--> outbound session (sends pre-key messages
                                               until the peer's first reply arrives)
    no session --pre-key message-------------> inbound session (account drops the key)
    sessions   --encrypt----------------------> the session with the newest activity
    sessions   --pre-key message--------------> the session it matches, else a new one
    sessions   --normal message---------------> try each, newest activity first

"Activity" is a per-peer counter bumped when a session is created or decrypts a
message, so when both sides opened a session at once they converge on the one the peer
last used (matrix-nio does the same). At most MAX_SESSIONS_PER_PEER are kept.

Every ratchet step is saved before the ciphertext or plaintext is returned: a restart
never reuses a message key, and never loses a session a peer is already using.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import msgspec
import vodozemac as vz

from desktop_app.crypto.e2e.account import DeviceAccount
from desktop_app.crypto.e2e.errors import (
    CorruptState,
    EncryptionFailed,
    OneTimeKeyRequired,
    PeerMismatch,
    PickleKeyMismatch,
    SessionCreationFailed,
    UndecryptableMessage,
)
from desktop_app.crypto.e2e.keys import parse_curve25519
from desktop_app.crypto.e2e.store import (
    KIND_OLM,
    PickleStore,
    check_pickle_key,
    decode_record,
    encode_record,
)

PRE_KEY: Final = 0
NORMAL: Final = 1
MAX_SESSIONS_PER_PEER: Final = 8
_SEP: Final = "|"  # not in the base64 alphabet, so "<curve>|<session id>" splits uniquely


@dataclass(frozen=True, slots=True)
class OlmCiphertext:
    """An Olm message as it travels: type 0 (pre-key) or 1 (normal) and the raw body."""

    message_type: int
    body: bytes


class _OlmRecord(msgspec.Struct, forbid_unknown_fields=True):
    v: Literal[1]
    peer_device_id: str
    peer_curve25519: str
    activity: int
    pickle: str


@dataclass(slots=True, eq=False)  # identity: one entry per live session
class _Entry:
    peer_device_id: str
    peer_curve25519: str
    session: vz.Session
    activity: int

    @property
    def name(self) -> str:
        return f"{self.peer_curve25519}{_SEP}{self.session.session_id}"


class OlmSessions:
    """All Olm sessions of this device; loads a peer's sessions on first use."""

    def __init__(self, account: DeviceAccount, store: PickleStore, pickle_key: bytes) -> None:
        self._account = account
        self._store = store
        self._pickle_key = check_pickle_key(pickle_key)
        self._peers: dict[str, list[_Entry]] = {}

    # ---- queries ---------------------------------------------------------------------

    def has_session(self, peer_device_id: str, peer_curve25519: str) -> bool:
        """False means: claim a one-time key for this device before ``encrypt``."""
        return bool(self._entries(peer_device_id, peer_curve25519))

    def session_ids(self, peer_device_id: str, peer_curve25519: str) -> list[str]:
        """Newest activity first (the first one is what ``encrypt`` uses)."""
        entries = self._entries(peer_device_id, peer_curve25519)
        return [e.session.session_id for e in sorted(entries, key=_by_activity)]

    # ---- encrypt / decrypt -----------------------------------------------------------

    def encrypt(
        self,
        peer_device_id: str,
        peer_curve25519: str,
        one_time_key: str | None,
        plaintext: bytes,
    ) -> OlmCiphertext:
        """Encrypt to a peer device, opening a session with ``one_time_key`` if needed.

        ``one_time_key`` is a key claimed from the relay (one-time or fallback, checked
        with ``keys.verify_signed_key``); it is ignored when a session exists.
        """
        return self.encrypt_each([(peer_device_id, peer_curve25519, one_time_key, plaintext)])[0]

    def encrypt_each(
        self, items: Sequence[tuple[str, str, str | None, bytes]]
    ) -> list[OlmCiphertext]:
        """``encrypt`` for several peers (device id, Curve25519 key, claimed key,
        plaintext), each to a different peer, their ratchet steps saved together.

        A room key for a ward group goes to hundreds of devices: one statement for all
        their sessions instead of one each. Nothing is returned before every step is
        saved; if one fails, no step of the batch stays in memory (the peers' sessions
        are read from the store afresh next time)."""
        stepped: list[tuple[_Entry, list[_Entry]]] = []
        out: list[OlmCiphertext] = []
        try:
            for peer_device_id, peer_curve25519, one_time_key, plaintext in items:
                entries = self._entries(peer_device_id, peer_curve25519)
                entry = self._sending_entry(entries, peer_device_id, peer_curve25519, one_time_key)
                stepped.append((entry, entries))
                try:
                    message = entry.session.encrypt(plaintext)
                except vz.OlmEncryptionException as exc:
                    raise EncryptionFailed(
                        f"Olm encryption to {peer_device_id} failed: {exc}"
                    ) from exc
                message_type, body = message.to_parts()
                out.append(OlmCiphertext(message_type, body))
            self._store.save_many(KIND_OLM, [(e.name, self._record(e)) for e, _ in stepped])
        except BaseException:
            for entry, _entries in stepped:
                self._forget_cached(entry.peer_curve25519)
            raise
        for entry, entries in stepped:
            if entry not in entries:  # a new session counts only once it is on disk
                entries.append(entry)
                self._prune(entries, keep=entry)
        return out

    def _sending_entry(
        self,
        entries: list[_Entry],
        peer_device_id: str,
        peer_curve25519: str,
        one_time_key: str | None,
    ) -> _Entry:
        """The session ``encrypt`` uses: the newest, or a new one from a claimed key."""
        if entries:
            return max(entries, key=_activity)
        if one_time_key is None:
            raise OneTimeKeyRequired(
                f"No Olm session with device {peer_device_id} yet; claim one of its "
                "one-time keys from the relay first."
            )
        session = self._account.create_outbound_session(peer_curve25519, one_time_key)
        return _Entry(peer_device_id, peer_curve25519, session, _next_activity(entries))

    def decrypt(
        self, peer_device_id: str, peer_curve25519: str, message_type: int, body: bytes
    ) -> bytes:
        """Decrypt a message from a peer device; pre-key messages may open a session."""
        if message_type not in (PRE_KEY, NORMAL):
            raise UndecryptableMessage(
                f"Olm message from {peer_device_id} has unknown type {message_type}."
            )
        try:
            message = vz.AnyOlmMessage.from_parts(message_type, body)
        except (vz.DecodeException, ValueError) as exc:
            raise UndecryptableMessage(
                f"Malformed Olm message from device {peer_device_id}: {exc}"
            ) from exc
        entries = self._entries(peer_device_id, peer_curve25519)
        pre_key = message.to_pre_key() if message_type == PRE_KEY else None
        if pre_key is not None:
            for entry in entries:
                if entry.session.session_matches(pre_key):
                    return self._decrypt_with(entries, entry, message)
            return self._answer_pre_key(entries, peer_device_id, peer_curve25519, pre_key)
        for entry in sorted(entries, key=_by_activity):
            try:
                plaintext = entry.session.decrypt(message)
            except (vz.OlmDecryptionException, vz.DecodeException):
                continue  # vodozemac leaves a session unchanged when decryption fails
            self._touch(entries, entry)
            return plaintext
        raise UndecryptableMessage(
            f"No Olm session with device {peer_device_id} can decrypt this message "
            f"({len(entries)} tried): tampered, replayed, or the session was lost."
        )

    def preload(self, peers: Iterable[tuple[str, str]]) -> None:
        """Load the sessions of many (device id, Curve25519) peers with one listing of
        the store, instead of one listing per peer (a room key for a 500-device group
        would list every stored session 500 times)."""
        missing = {curve: device for device, curve in peers if curve not in self._peers}
        if len(missing) < 2:
            return
        for curve in missing:
            parse_curve25519(curve)  # a malformed key is the caller's bug: say so
        by_peer: dict[str, list[str]] = {}
        for name in self._store.names(KIND_OLM):
            curve = name.split(_SEP, 1)[0]
            if curve in missing:
                by_peer.setdefault(curve, []).append(name)
        for curve, device in missing.items():
            self._peers[curve] = [self._load(n) for n in by_peer.get(curve, [])]
            self._entries(device, curve)  # the same identity check as one by one

    def drop_cache(self) -> None:
        """Read every session from the store afresh (a rollback undid saved steps)."""
        self._peers.clear()

    def forget(self, peer_device_id: str, peer_curve25519: str) -> int:
        """Delete every session with a device (revoked, or wedged beyond repair)."""
        entries = self._entries(peer_device_id, peer_curve25519)
        for entry in entries:
            self._store.delete(KIND_OLM, entry.name)
        count = len(entries)
        entries.clear()
        return count

    # ---- internals -------------------------------------------------------------------

    def _decrypt_with(
        self, entries: list[_Entry], entry: _Entry, message: vz.AnyOlmMessage
    ) -> bytes:
        try:
            plaintext = entry.session.decrypt(message)
        except vz.OlmDecryptionException as exc:
            raise UndecryptableMessage(
                f"Olm message from device {entry.peer_device_id} does not decrypt in its "
                f"session (tampered or replayed): {exc}"
            ) from exc
        self._touch(entries, entry)
        return plaintext

    def _answer_pre_key(
        self,
        entries: list[_Entry],
        peer_device_id: str,
        peer_curve25519: str,
        pre_key: vz.PreKeyMessage,
    ) -> bytes:
        activity = _next_activity(entries)

        def persist(session: vz.Session) -> None:
            self._save(_Entry(peer_device_id, peer_curve25519, session, activity))

        try:
            session, plaintext = self._account.create_inbound_session(
                peer_curve25519, pre_key, persist
            )
        except SessionCreationFailed as exc:
            raise UndecryptableMessage(
                f"Pre-key message from device {peer_device_id} cannot open a session "
                f"(its one-time key is used up or unknown, or it was tampered with): {exc}"
            ) from exc
        except BaseException:  # not saved: the session may be on disk, the account not
            self._forget_cached(peer_curve25519)
            raise
        entry = _Entry(peer_device_id, peer_curve25519, session, activity)
        entries.append(entry)
        self._prune(entries, keep=entry)
        return plaintext

    def _touch(self, entries: list[_Entry], entry: _Entry) -> None:
        entry.activity = _next_activity(entries)
        try:
            self._save(entry)
        except BaseException:
            self._forget_cached(entry.peer_curve25519)
            raise

    def _forget_cached(self, peer_curve25519: str) -> None:
        """A ratchet step that could not be saved must not live on in memory either: the
        message (not acknowledged) comes again and needs the saved, earlier state; the
        peer's sessions are read from the store afresh next time."""
        self._peers.pop(peer_curve25519, None)

    def _save(self, entry: _Entry) -> None:
        self._store.save(KIND_OLM, entry.name, self._record(entry))

    def _record(self, entry: _Entry) -> bytes:
        record = _OlmRecord(
            v=1,
            peer_device_id=entry.peer_device_id,
            peer_curve25519=entry.peer_curve25519,
            activity=entry.activity,
            pickle=entry.session.pickle(self._pickle_key),
        )
        return encode_record(record)

    def _prune(self, entries: list[_Entry], keep: _Entry) -> None:
        while len(entries) > MAX_SESSIONS_PER_PEER:
            oldest = min((e for e in entries if e is not keep), key=_activity)
            self._store.delete(KIND_OLM, oldest.name)
            entries.remove(oldest)

    def _entries(self, peer_device_id: str, peer_curve25519: str) -> list[_Entry]:
        entries = self._peers.get(peer_curve25519)
        if entries is None:
            parse_curve25519(peer_curve25519)  # a malformed key is the caller's bug: say so
            entries = [self._load(name) for name in self._names_for(peer_curve25519)]
            self._peers[peer_curve25519] = entries
        for entry in entries:
            if entry.peer_device_id != peer_device_id:
                raise PeerMismatch(
                    f"The identity key {peer_curve25519} belongs to device "
                    f"{entry.peer_device_id}, not {peer_device_id}; refused."
                )
        return entries

    def _names_for(self, peer_curve25519: str) -> list[str]:
        prefix = peer_curve25519 + _SEP
        return [n for n in self._store.names(KIND_OLM) if n.startswith(prefix)]

    def _load(self, name: str) -> _Entry:
        data = self._store.load(KIND_OLM, name)
        if data is None:  # deleted between names() and load(): only another writer could
            raise CorruptState(f"The Olm session {name} vanished from the store.")
        record = decode_record(data, _OlmRecord, "Olm session")
        try:
            session = vz.Session.from_pickle(record.pickle, self._pickle_key)
        except vz.PickleException as exc:
            raise PickleKeyMismatch(
                "An Olm session cannot be opened: wrong pickle key or damaged pickle."
            ) from exc
        return _Entry(record.peer_device_id, record.peer_curve25519, session, record.activity)


def _activity(entry: _Entry) -> int:
    return entry.activity


def _by_activity(entry: _Entry) -> int:
    """Sort key: newest activity first."""
    return -entry.activity


def _next_activity(entries: list[_Entry]) -> int:
    return max((e.activity for e in entries), default=0) + 1

"""The outbound Megolm session of each conversation this device sends to.

Life of a conversation's outbound session (header; ``prepare`` drives it):

    none ---prepare---> ACTIVE(pending = all recipients)    reason NEW
    ACTIVE --prepare, policy says rotate--> new ACTIVE       (old pickle overwritten)
    ACTIVE --mark_shared(devices)--> ACTIVE(pending - devices)
    ACTIVE(pending empty) --encrypt--> ACTIVE(index + 1)
    ACTIVE(pending non-empty) --encrypt--> KeyNotShared      (nobody may miss the key)
    ACTIVE(used up) --encrypt--> RotationRequired            (call prepare)

The caller sends ``plan.room_key`` over Olm to each device in ``plan.pending`` (see
``sharing.share_room_key``), queues those envelopes durably, then calls ``mark_shared``.
Each encrypt is saved before its ciphertext is returned, so a restart can never
encrypt twice under one message index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

import msgspec
import vodozemac as vz

from desktop_app.crypto.e2e.errors import (
    EncryptionFailed,
    InvalidArgument,
    KeyNotShared,
    NoOutboundSession,
    PickleKeyMismatch,
    RevokedDevice,
    RotationRequired,
)
from desktop_app.crypto.e2e.payloads import RoomKey, encode_group_content
from desktop_app.crypto.e2e.rotation import (
    MemberDevice,
    RotationPolicy,
    RotationReason,
    require_aware,
)
from desktop_app.crypto.e2e.store import (
    KIND_MEGOLM_OUT,
    PickleStore,
    check_pickle_key,
    decode_record,
    encode_record,
)
from desktop_app.domain.model import Device


@dataclass(frozen=True, slots=True)
class MegolmCiphertext:
    """Content encrypted for a conversation; the envelope carries all three fields."""

    session_id: str
    message_index: int
    body: bytes


@dataclass(frozen=True, slots=True)
class SharePlan:
    """What ``prepare`` decided: the session to use and who still needs its key."""

    conversation_id: str
    session_id: str
    rotated: RotationReason | None
    room_key: RoomKey
    pending: tuple[MemberDevice, ...]


class _Member(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    device_id: str
    curve25519: str
    ed25519: str


class _OutRecord(msgspec.Struct, forbid_unknown_fields=True):
    v: Literal[1]
    session_id: str
    created_at: datetime
    recipients: list[_Member]
    shared_with: list[str]
    pickle: str


@dataclass(slots=True)
class _Outbound:
    session: vz.GroupSession
    created_at: datetime
    recipients: frozenset[MemberDevice]
    shared_with: set[str]

    @property
    def pending(self) -> tuple[MemberDevice, ...]:
        waiting = (m for m in self.recipients if m.device_id not in self.shared_with)
        return tuple(sorted(waiting, key=lambda m: m.device_id))


def member_devices(devices: Iterable[Device]) -> frozenset[MemberDevice]:
    """Recipients from the peer store's devices; a revoked device is refused outright.

    The caller has already dropped devices whose certificate does not verify; this is
    the last guard that no key is ever encrypted to a revoked device.
    """
    out = set()
    for device in devices:
        if device.revoked:
            raise RevokedDevice(f"Device {device.device_id} is revoked; no key is sent to it.")
        out.add(MemberDevice(device.device_id, device.curve25519, device.ed25519))
    return frozenset(out)


class MegolmOutbound:
    """Outbound group sessions, one per conversation, persisted in the store."""

    def __init__(
        self,
        store: PickleStore,
        pickle_key: bytes,
        *,
        own_device_id: str,
        own_ed25519: str,
        policy: RotationPolicy | None = None,
    ) -> None:
        self._store = store
        self._pickle_key = check_pickle_key(pickle_key)
        self._own_device_id = own_device_id
        self._own_ed25519 = own_ed25519
        self.policy = policy or RotationPolicy()
        self._cache: dict[str, _Outbound] = {}

    def prepare(
        self, conversation_id: str, recipients: Iterable[MemberDevice], now: datetime
    ) -> SharePlan:
        """Rotate if the policy says so and tell who still needs the key. Call before
        every send with the conversation's current recipient devices (never our own)."""
        require_aware(now)
        current = _check_recipients(recipients)
        if any(m.device_id == self._own_device_id for m in current):
            raise InvalidArgument("This device is never a recipient of its own room key.")
        existing = self._get(conversation_id)
        reason: RotationReason | None = RotationReason.NEW
        if existing is not None:
            reason = self.policy.decide(
                messages_sent=existing.session.message_index,
                created_at=existing.created_at,
                shared_for=existing.recipients,
                current=current,
                now=now,
            )
        if existing is None or reason is not None:
            out = _Outbound(vz.GroupSession(), now, current, set())
            self._save(conversation_id, out)
        else:
            out = existing
        room_key = self._room_key(conversation_id, out)
        return SharePlan(conversation_id, out.session.session_id, reason, room_key, out.pending)

    def drop_cache(self) -> None:
        """Read sessions from the store afresh (a rollback undid saved steps)."""
        self._cache.clear()

    def mark_shared(self, conversation_id: str, session_id: str, device_ids: Iterable[str]) -> bool:
        """Record that the key reached these devices' outboxes; False if the session was
        rotated in between (then nothing changes and the caller prepares again)."""
        out = self._get(conversation_id)
        if out is None or out.session.session_id != session_id:
            return False
        ids = set(device_ids)
        unknown = ids - {m.device_id for m in out.recipients}
        if unknown:
            raise InvalidArgument(
                f"Devices {sorted(unknown)} are not recipients of session {session_id}."
            )
        self._save(conversation_id, replace(out, shared_with=out.shared_with | ids))
        return True

    def encrypt(self, conversation_id: str, plaintext: bytes, now: datetime) -> MegolmCiphertext:
        """Encrypt content for the conversation under its prepared, fully shared session."""
        require_aware(now)
        out = self._get(conversation_id)
        if out is None:
            raise NoOutboundSession(
                f"No group session for conversation {conversation_id}; call prepare first."
            )
        reason = self.policy.used_up(
            messages_sent=out.session.message_index, created_at=out.created_at, now=now
        )
        if reason is not None:
            raise RotationRequired(
                f"The group session of conversation {conversation_id} must be replaced "
                f"({reason}); call prepare and share the new key."
            )
        if out.pending:
            raise KeyNotShared(
                f"{len(out.pending)} recipient device(s) of conversation {conversation_id} "
                "have not been sent the room key yet; share it and call mark_shared."
            )
        content = encode_group_content(
            plaintext, conversation_id=conversation_id, sender_device_id=self._own_device_id
        )
        try:
            message = out.session.encrypt(content)
        except (vz.OlmEncryptionException, ValueError) as exc:
            raise EncryptionFailed(f"Megolm encryption failed: {exc}") from exc
        self._save(conversation_id, out)
        return MegolmCiphertext(out.session.session_id, message.message_index(), message.to_bytes())

    def session_key(self, conversation_id: str) -> str:
        """The current session key (base64), to share; prefer ``prepare().room_key``."""
        out = self._get(conversation_id)
        if out is None:
            raise NoOutboundSession(f"No group session for conversation {conversation_id}.")
        return out.session.session_key.to_base64()

    def session_id(self, conversation_id: str) -> str | None:
        out = self._get(conversation_id)
        return None if out is None else out.session.session_id

    def discard(self, conversation_id: str) -> None:
        """Forget the session (conversation left or deleted); the next prepare rotates."""
        self._cache.pop(conversation_id, None)
        self._store.delete(KIND_MEGOLM_OUT, conversation_id)

    # ---- internals -------------------------------------------------------------------

    def _room_key(self, conversation_id: str, out: _Outbound) -> RoomKey:
        return RoomKey(
            conversation_id=conversation_id,
            session_id=out.session.session_id,
            session_key=out.session.session_key.to_base64(),
            sender_ed25519=self._own_ed25519,
        )

    def _get(self, conversation_id: str) -> _Outbound | None:
        cached = self._cache.get(conversation_id)
        if cached is not None:
            return cached
        data = self._store.load(KIND_MEGOLM_OUT, conversation_id)
        if data is None:
            return None
        record = decode_record(data, _OutRecord, "outbound group session")
        try:
            session = vz.GroupSession.from_pickle(record.pickle, self._pickle_key)
        except vz.PickleException as exc:
            raise PickleKeyMismatch(
                "An outbound group session cannot be opened: wrong pickle key or damaged pickle."
            ) from exc
        out = _Outbound(
            session,
            record.created_at,
            frozenset(
                MemberDevice(m.device_id, m.curve25519, m.ed25519) for m in record.recipients
            ),
            set(record.shared_with),
        )
        self._cache[conversation_id] = out
        return out

    def _save(self, conversation_id: str, out: _Outbound) -> None:
        record = _OutRecord(
            v=1,
            session_id=out.session.session_id,
            created_at=out.created_at,
            recipients=[
                _Member(m.device_id, m.curve25519, m.ed25519)
                for m in sorted(out.recipients, key=lambda m: m.device_id)
            ],
            shared_with=sorted(out.shared_with),
            pickle=out.session.pickle(self._pickle_key),
        )
        self._store.save(KIND_MEGOLM_OUT, conversation_id, encode_record(record))
        self._cache[conversation_id] = out


def _check_recipients(recipients: Iterable[MemberDevice]) -> frozenset[MemberDevice]:
    current = frozenset(recipients)
    ids = [m.device_id for m in current]
    if len(ids) != len(set(ids)):
        raise InvalidArgument("A device id appears twice with different keys among recipients.")
    return current

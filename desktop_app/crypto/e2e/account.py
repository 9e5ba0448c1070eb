"""The device's vodozemac Account: identity keys, one-time keys, fallback key.

The Account is the root of every Olm session, so it is persisted after every change
that matters, *before* anything derived from the change leaves this object:

- new one-time/fallback keys are saved before they are returned for upload, so a key
  the relay has published is always one we can still open sessions with;
- ``mark_published`` is saved at once, so a restart does not re-upload old keys
  (re-uploading the same key id and key is harmless, and is what happens after a crash
  between upload and ``mark_published``: the relay must accept it idempotently);
- an inbound Olm session is saved *before* the account without the used one-time key
  (``create_inbound_session``): a crash in between leaves a spent key in the account,
  never a peer's session that we can no longer answer (the other order would wedge
  every later pre-key message of that session).

The pickle key is the container's, handed in by the caller; this module never stores it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol, cast

import msgspec
import vodozemac as vz

from desktop_app.crypto.e2e import keys
from desktop_app.crypto.e2e.errors import (
    AccountExists,
    AccountMissing,
    InvalidArgument,
    PickleKeyMismatch,
    SessionCreationFailed,
)
from desktop_app.crypto.e2e.keys import IdentityKeys, SignedKey
from desktop_app.crypto.e2e.store import (
    ACCOUNT_NAME,
    KIND_ACCOUNT,
    PickleStore,
    check_pickle_key,
    decode_record,
    encode_record,
)


class _AccountRecord(msgspec.Struct, forbid_unknown_fields=True):
    v: Literal[1]
    pickle: str


class _FallbackKeys(Protocol):
    """The fallback-key methods vodozemac 0.10 has but its .pyi does not declare."""

    @property
    def fallback_key(self) -> dict[str, vz.Curve25519PublicKey]: ...
    def generate_fallback_key(self) -> None: ...


class DeviceAccount:
    """One device's Account, bound to the store it persists itself in."""

    def __init__(self, account: vz.Account, store: PickleStore, pickle_key: bytes) -> None:
        """Use ``create``, ``load`` or ``load_or_create``; this only wires the parts."""
        self._account = account
        self._store = store
        self._pickle_key = check_pickle_key(pickle_key)

    # ---- lifecycle -------------------------------------------------------------------

    @classmethod
    def create(cls, store: PickleStore, pickle_key: bytes) -> DeviceAccount:
        """A fresh identity with a first fallback key, saved at once.

        Refuses to overwrite an existing account. The fallback key exists from the start
        so peers can always open a session, even when the one-time keys run out.
        """
        check_pickle_key(pickle_key)
        if store.load(KIND_ACCOUNT, ACCOUNT_NAME) is not None:
            raise AccountExists("This container already has a device account; load it instead.")
        account = vz.Account()
        cast(_FallbackKeys, account).generate_fallback_key()
        device = cls(account, store, pickle_key)
        device.save()
        return device

    @classmethod
    def load(cls, store: PickleStore, pickle_key: bytes) -> DeviceAccount:
        check_pickle_key(pickle_key)
        data = store.load(KIND_ACCOUNT, ACCOUNT_NAME)
        if data is None:
            raise AccountMissing("This container has no device account yet (not enrolled).")
        record = decode_record(data, _AccountRecord, "device account")
        try:
            account = vz.Account.from_pickle(record.pickle, pickle_key)
        except vz.PickleException as exc:
            raise PickleKeyMismatch(
                "The device account cannot be opened: wrong pickle key or damaged pickle."
            ) from exc
        return cls(account, store, pickle_key)

    @classmethod
    def load_or_create(cls, store: PickleStore, pickle_key: bytes) -> DeviceAccount:
        if store.load(KIND_ACCOUNT, ACCOUNT_NAME) is None:
            return cls.create(store, pickle_key)
        return cls.load(store, pickle_key)

    def reload(self) -> None:
        """Back to the state on disk, after a transaction around our saves rolled back."""
        self._account = DeviceAccount.load(self._store, self._pickle_key)._account

    def save(self) -> None:
        record = _AccountRecord(v=1, pickle=self._account.pickle(self._pickle_key))
        self._store.save(KIND_ACCOUNT, ACCOUNT_NAME, encode_record(record))

    # ---- identity --------------------------------------------------------------------

    @property
    def identity_keys(self) -> IdentityKeys:
        return IdentityKeys(
            curve25519=self._account.curve25519_key.to_base64(),
            ed25519=self._account.ed25519_key.to_base64(),
        )

    def sign(self, message: bytes) -> bytes:
        """Ed25519 signature (64 raw bytes) by the device key: relay challenges, enrollment."""
        return keys.b64decode(self._account.sign(message).to_base64(), "signature")

    # ---- one-time and fallback keys --------------------------------------------------

    @property
    def max_one_time_keys(self) -> int:
        """Most keys to keep published; generating past vodozemac's capacity would evict
        the oldest keys, which may already be published and claimed by a peer."""
        return self._account.max_number_of_one_time_keys

    def generate_one_time_keys(self, target: int, *, published_unused: int) -> int:
        """Top up to ``target`` keys (published-but-unclaimed per the relay + unpublished).

        Returns how many keys were generated. Saved before returning, so every key that
        ``upload_keys`` hands out survives a crash.
        """
        if not 0 <= target <= self.max_one_time_keys:
            raise InvalidArgument(
                f"One-time key target must be between 0 and {self.max_one_time_keys}, got {target}."
            )
        if published_unused < 0:
            raise InvalidArgument("published_unused must not be negative.")
        missing = target - published_unused - len(self._account.one_time_keys)
        if missing > 0:
            self._account.generate_one_time_keys(missing)
            self.save()
        return max(0, missing)

    def rotate_fallback_key(self) -> None:
        """Make a new fallback key (the previous one stays usable until the next rotation).

        Rotate on a schedule (e.g. weekly) rather than on every upload: a peer may have
        claimed the previous one moments ago.
        """
        cast(_FallbackKeys, self._account).generate_fallback_key()
        self.save()

    def upload_keys(self) -> tuple[SignedKey, ...]:
        """The unpublished one-time keys and fallback key, signed, for the relay."""
        out = [self._signed(key_id, key, False) for key_id, key in self._otks().items()]
        fallback = cast(_FallbackKeys, self._account).fallback_key
        out += [self._signed(kid, key.to_base64(), True) for kid, key in fallback.items()]
        return tuple(out)

    def unpublished_one_time_keys(self) -> dict[str, str]:
        return self._otks()

    def mark_published(self) -> None:
        """Call after the relay acknowledged ``upload_keys``; saved at once."""
        self._account.mark_keys_as_published()
        self.save()

    def _otks(self) -> dict[str, str]:
        return {kid: key.to_base64() for kid, key in self._account.one_time_keys.items()}

    def _signed(self, key_id: str, key: str, fallback: bool) -> SignedKey:
        signature = self.sign(keys.signed_key_message(key_id, key, fallback))
        return SignedKey(key_id, key, fallback, keys.b64encode(signature))

    # ---- session creation (for OlmSessions) ------------------------------------------

    def create_outbound_session(self, peer_curve25519: str, one_time_key: str) -> vz.Session:
        """A new Olm session to a peer; the account itself does not change."""
        identity = keys.parse_curve25519(peer_curve25519)
        otk = keys.parse_curve25519(one_time_key)
        try:
            return self._account.create_outbound_session(identity, otk)
        except vz.SessionCreationException as exc:
            raise SessionCreationFailed(f"Cannot open an Olm session: {exc}") from exc

    def create_inbound_session(
        self,
        peer_curve25519: str,
        message: vz.PreKeyMessage,
        persist_session: Callable[[vz.Session], None],
    ) -> tuple[vz.Session, bytes]:
        """Answer a pre-key message; vodozemac removes the used one-time key.

        ``persist_session`` runs before the account is saved (see the module docstring).
        """
        identity = keys.parse_curve25519(peer_curve25519)
        saved = self._account.pickle(self._pickle_key)
        try:
            session, plaintext = self._account.create_inbound_session(identity, message)
        except vz.SessionCreationException as exc:
            raise SessionCreationFailed(
                f"Cannot answer a pre-key message from {peer_curve25519}: {exc}"
            ) from exc
        try:
            persist_session(session)
            self.save()
        except BaseException:
            # Not saved (disk full): forget the change in memory too, so the same pre-key
            # message, delivered again because it was not acknowledged, still finds its
            # one-time key instead of being undecryptable for good.
            self._account = vz.Account.from_pickle(saved, self._pickle_key)
            raise
        return session, plaintext

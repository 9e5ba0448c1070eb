"""The device account: identity, signatures, one-time and fallback keys, persistence."""

from __future__ import annotations

import base64
import inspect
from collections.abc import Sequence

import pytest

from desktop_app.crypto.e2e import DeviceAccount, SignedKey, verify_signature, verify_signed_key
from desktop_app.crypto.e2e.errors import (
    AccountExists,
    AccountMissing,
    InvalidArgument,
    InvalidKey,
    InvalidPickleKey,
    InvalidSignature,
    PickleKeyMismatch,
)
from desktop_app.crypto.e2e.store import ACCOUNT_NAME, KIND_ACCOUNT, PickleStore
from desktop_app.storage.sql_state import SqlPickleStore
from tests.crypto.e2e.conftest import Relay, Ward


def test_sql_pickle_store_has_the_protocol_methods() -> None:
    for name in ("save", "load", "names", "delete"):
        ours = inspect.signature(getattr(PickleStore, name))
        theirs = inspect.signature(getattr(SqlPickleStore, name))
        assert list(ours.parameters) == list(theirs.parameters), name
        assert str(ours.return_annotation) == str(theirs.return_annotation), name


def test_identity_keys_are_unpadded_base64_and_survive_restart(ward: Ward) -> None:
    keys = ward.anna.account.identity_keys
    for key in (keys.curve25519, keys.ed25519):
        assert len(key) == 43 and "=" not in key
        assert len(base64.b64decode(key + "=")) == 32
    assert keys != ward.jonas.account.identity_keys
    ward.anna.restart()
    assert ward.anna.account.identity_keys == keys


def test_signature_verifies_and_detects_changes(ward: Ward) -> None:
    ed = ward.anna.account.identity_keys.ed25519
    signature = ward.anna.account.sign(b"relay challenge 42")
    assert len(signature) == 64
    verify_signature(ed, b"relay challenge 42", signature)
    with pytest.raises(InvalidSignature):
        verify_signature(ed, b"relay challenge 43", signature)
    with pytest.raises(InvalidSignature):
        verify_signature(ward.jonas.account.identity_keys.ed25519, b"relay challenge 42", signature)
    with pytest.raises(InvalidKey):
        verify_signature("not-a-key", b"x", signature)


def test_create_refuses_to_overwrite_and_load_needs_an_account() -> None:
    store: dict[tuple[str, str], bytes] = {}
    dict_store = DictStore(store)
    key = bytes(range(32))
    with pytest.raises(AccountMissing):
        DeviceAccount.load(dict_store, key)
    first = DeviceAccount.load_or_create(dict_store, key)
    assert list(store) == [(KIND_ACCOUNT, ACCOUNT_NAME)]
    with pytest.raises(AccountExists):
        DeviceAccount.create(dict_store, key)
    again = DeviceAccount.load_or_create(dict_store, key)
    assert again.identity_keys == first.identity_keys


def test_pickle_key_is_required_and_checked(ward: Ward) -> None:
    store = ward.anna.container.pickles
    with pytest.raises(PickleKeyMismatch, match="wrong pickle key"):
        DeviceAccount.load(store, bytes(32))
    with pytest.raises(InvalidPickleKey, match="32 bytes"):
        DeviceAccount.load(store, ward.anna.pickle_key[:16])
    stored = store.load(KIND_ACCOUNT, ACCOUNT_NAME)
    assert stored is not None and ward.anna.pickle_key.hex().encode() not in stored


def test_one_time_keys_top_up_to_target_and_survive_a_crash_before_publishing(ward: Ward) -> None:
    anna = ward.anna
    assert anna.account.unpublished_one_time_keys() == {}  # the fixture published 5
    assert anna.account.generate_one_time_keys(8, published_unused=5) == 3
    fresh = anna.account.unpublished_one_time_keys()
    assert len(fresh) == 3
    anna.restart()  # crash between generating and uploading: nothing is lost
    assert anna.account.unpublished_one_time_keys() == fresh
    uploaded = anna.account.upload_keys()
    assert {k.key_id: k.key for k in uploaded} == fresh
    assert not any(k.fallback for k in uploaded)
    anna.account.mark_published()
    anna.restart()
    assert anna.account.unpublished_one_time_keys() == {}
    assert anna.account.generate_one_time_keys(8, published_unused=8) == 0


def test_one_time_key_target_is_bounded(ward: Ward) -> None:
    limit = ward.anna.account.max_one_time_keys
    assert limit >= 10
    with pytest.raises(InvalidArgument):
        ward.anna.account.generate_one_time_keys(limit + 1, published_unused=0)
    with pytest.raises(InvalidArgument):
        ward.anna.account.generate_one_time_keys(5, published_unused=-1)


def test_uploaded_keys_are_signed_and_a_substituted_key_is_refused(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    anna.account.generate_one_time_keys(2, published_unused=0)
    anna.account.rotate_fallback_key()
    uploaded = anna.account.upload_keys()
    assert sorted(k.fallback for k in uploaded) == [False, False, True]
    ed = anna.member.ed25519
    for key in uploaded:
        assert verify_signed_key(ed, key) == key.key
    one = uploaded[0]
    swapped = SignedKey(one.key_id, jonas.member.curve25519, one.fallback, one.signature)
    with pytest.raises(InvalidSignature):
        verify_signed_key(ed, swapped)
    as_fallback = SignedKey(one.key_id, one.key, not one.fallback, one.signature)
    with pytest.raises(InvalidSignature):
        verify_signed_key(ed, as_fallback)


def test_fallback_key_is_persisted_and_published_once(ward: Ward) -> None:
    anna = ward.anna
    anna.account.rotate_fallback_key()
    anna.restart()
    (fallback,) = anna.account.upload_keys()
    assert fallback.fallback
    anna.account.mark_published()
    anna.restart()
    assert anna.account.upload_keys() == ()
    anna.account.rotate_fallback_key()
    (newer,) = anna.account.upload_keys()
    assert newer.key != fallback.key


def test_two_people_have_distinct_published_keys(ward: Ward) -> None:
    relay: Relay = ward.relay
    assert relay.unused("dev-anna") == 5
    anna_keys = {k.key for k in relay.keys["dev-anna"]}
    jonas_keys = {k.key for k in relay.keys["dev-jonas"]}
    assert len(anna_keys) == 6 and not anna_keys & jonas_keys  # 5 one-time + fallback
    assert [k.fallback for k in relay.keys["dev-anna"]].count(True) == 1


def test_a_new_account_starts_with_an_unpublished_fallback_key() -> None:
    account = DeviceAccount.create(DictStore({}), bytes(range(32)))
    (fallback,) = account.upload_keys()
    assert fallback.fallback
    verify_signed_key(account.identity_keys.ed25519, fallback)


class DictStore:
    """The PickleStore protocol over a dict, for tests that need no container."""

    def __init__(self, data: dict[tuple[str, str], bytes]) -> None:
        self.data = data

    def save(self, kind: str, name: str, pickle: bytes) -> None:
        self.data[(kind, name)] = pickle

    def save_many(self, kind: str, items: Sequence[tuple[str, bytes]]) -> None:
        for name, pickle in items:
            self.save(kind, name, pickle)

    def load(self, kind: str, name: str) -> bytes | None:
        return self.data.get((kind, name))

    def names(self, kind: str) -> list[str]:
        return sorted(n for k, n in self.data if k == kind)

    def delete(self, kind: str, name: str) -> None:
        self.data.pop((kind, name), None)

"""Three people, each with a real SQLCipher container in a temp dir and a real account.

``Person.restart()`` closes the container and rebuilds every crypto object from the
store, which is what an app restart does. ``Relay`` is a dict standing in for the
relay's published-key table (the real relay is another engineer's; these tests only
need "upload" and "claim").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.crypto.e2e import (
    DeviceAccount,
    MegolmInbound,
    MegolmOutbound,
    MemberDevice,
    OlmSessions,
    SignedKey,
    verify_signed_key,
)
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE

T0 = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


@dataclass
class Relay:
    """Published keys per device: what upload and claim do on the real relay."""

    keys: dict[str, list[SignedKey]] = field(default_factory=dict)

    def upload(self, device_id: str, signed: tuple[SignedKey, ...]) -> None:
        have = self.keys.setdefault(device_id, [])
        have.extend(k for k in signed if k not in have)

    def claim(self, device_id: str) -> SignedKey:
        """One one-time key (removed), else the fallback key (kept), like the relay."""
        have = self.keys[device_id]
        for key in have:
            if not key.fallback:
                have.remove(key)
                return key
        return next(k for k in reversed(have) if k.fallback)

    def unused(self, device_id: str) -> int:
        return sum(not k.fallback for k in self.keys.get(device_id, []))


class Person:
    def __init__(self, name: str, directory: Path) -> None:
        self.name = name
        self.device_id = f"dev-{name}"
        self.directory = directory
        self.container = Container.create(
            directory, PASSPHRASE, Owner(name.title(), "Station 3B"), kdf=FAST_KDF
        )
        self.pickle_key = self.container.pickle_key
        self.account = DeviceAccount.create(self.container.pickles, self.pickle_key)
        self._build()

    def _build(self) -> None:
        store = self.container.pickles
        self.olm = OlmSessions(self.account, store, self.pickle_key)
        self.outbound = MegolmOutbound(
            store,
            self.pickle_key,
            own_device_id=self.device_id,
            own_ed25519=self.account.identity_keys.ed25519,
        )
        self.inbound = MegolmInbound(store, self.pickle_key)

    @property
    def member(self) -> MemberDevice:
        keys = self.account.identity_keys
        return MemberDevice(self.device_id, keys.curve25519, keys.ed25519)

    def publish(self, relay: Relay, target: int = 5) -> None:
        self.account.generate_one_time_keys(target, published_unused=relay.unused(self.device_id))
        relay.upload(self.device_id, self.account.upload_keys())
        self.account.mark_published()

    def claim_from(self, relay: Relay, other: Person) -> str:
        return verify_signed_key(other.member.ed25519, relay.claim(other.device_id))

    def restart(self) -> None:
        self.container.close()
        self.container = Container.open(self.directory, PASSPHRASE)
        assert self.container.pickle_key == self.pickle_key
        self.account = DeviceAccount.load(self.container.pickles, self.pickle_key)
        self._build()

    def close(self) -> None:
        self.container.close()


@dataclass
class Ward:
    anna: Person
    jonas: Person
    mia: Person
    relay: Relay


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    people = [Person(name, tmp_path / name) for name in ("anna", "jonas", "mia")]
    relay = Relay()
    for person in people:
        person.publish(relay)
    yield Ward(*people, relay)
    for person in people:
        person.close()

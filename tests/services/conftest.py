"""Clients against a real relay on 127.0.0.1: real TLS, vodozemac, SQLCipher containers."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.services.enrollment import enroll
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import (  # the PostgreSQL fixtures, for STORE_ENV
    ADMIN,
    ORG,
    STORE_ENV,
    LiveRelay,
    live_relay,
    pg_relay_root,  # noqa: F401
    pg_server,  # noqa: F401
)


@pytest.fixture
def relay_dir(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    if os.environ.get(STORE_ENV) == "postgresql":  # the client tests on PostgreSQL
        pg_root: Path = request.getfixturevalue("pg_relay_root")
        return pg_root
    root = tmp_path / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1", "localhost"], kdf=FAST_KDF)
    return root


@dataclass
class Person:
    uid: str
    profile: Path
    container: Container
    session: ClientSession
    messenger: Messenger

    async def connect(self, port: int) -> None:
        await self.session.connect(("127.0.0.1", port))


@dataclass
class Ward:
    """A relay and the people enrolled with it."""

    relay: LiveRelay
    tmp: Path
    people: dict[str, Person]

    async def person(self, uid: str, device: str = "") -> Person:
        profile = self.tmp / "profiles" / (uid + device)
        container = Container.create(profile, PASSPHRASE, Owner(uid), kdf=FAST_KDF)
        code = issue_code(self.relay.root, uid).code
        await enroll(container, ("127.0.0.1", self.relay.port), code, f"PC of {uid}")
        session = ClientSession(container)
        person = Person(uid, profile, container, session, Messenger(session))
        await person.connect(self.relay.port)
        self.people[uid + device] = person
        return person

    async def close(self) -> None:
        for p in self.people.values():
            await p.session.close()
            p.container.close()


@asynccontextmanager
async def ward(relay_dir: Path, tmp: Path) -> AsyncIterator[Ward]:
    async with live_relay(relay_dir) as relay:
        w = Ward(relay, tmp, {})
        try:
            yield w
        finally:
            await w.close()


WardFactory = Callable[[], "AsyncIterator[Ward]"]


@pytest.fixture
def make_ward(relay_dir: Path, tmp_path: Path) -> Callable[[], object]:
    return lambda: ward(relay_dir, tmp_path)


def texts(messages: list[object]) -> list[str]:
    return [m.body for m in messages]  # type: ignore[attr-defined]


__all__ = ["Iterator", "Person", "Ward", "texts"]

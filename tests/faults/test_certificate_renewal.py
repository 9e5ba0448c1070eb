"""Device certificates renew themselves before expiry (docs/trust.md, Certificate lifecycle).

A relay and two people whose clocks jump together: 23 months after enrollment each
login renews the device's certificate (same device id and keys); 25 months after it,
past the old expiry, they still log in, read their history and write to each other,
and nobody is told about a "new device". A third person who was away during the
renewal window is refused, which is what renewal prevents.
"""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.crypto.device_certificates import read_device_certificate
from desktop_app.protocol import RenewCertificate
from desktop_app.relay.admin import expiring_devices, init_relay, issue_code
from desktop_app.relay.data_dir import AUDIT_FILE
from desktop_app.relay.runner import RelayRunner
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import EnrollmentPending, RelayRefused
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import ADMIN, ORG, wardlink_env
from tests.services.conftest import texts
from tests.services.test_offline_issuing import SIGNING, init_offline, it_signs_waiting_devices

MONTH = timedelta(days=30.5)


@dataclass
class Clock:
    """One clock for the relay and every client, moved forward by the test."""

    offset: timedelta = field(default_factory=timedelta)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def ms(self) -> int:
        return int(time.time() * 1000 + self.offset.total_seconds() * 1000)


@dataclass
class Ward:
    root: Path
    port: int
    clock: Clock
    tmp: Path
    people: dict[str, Messenger] = field(default_factory=dict)

    async def person(self, uid: str) -> Messenger:
        container = Container.create(self.tmp / uid, PASSPHRASE, Owner(uid), kdf=FAST_KDF)
        code = issue_code(self.root, uid, now=self.clock.ms()).code
        await enroll(container, ("127.0.0.1", self.port), code, f"PC of {uid}")
        messenger = Messenger(ClientSession(container, clock=self.clock.now))
        await messenger.s.connect(("127.0.0.1", self.port))
        self.people[uid] = messenger
        return messenger

    async def reconnect(self, *messengers: Messenger) -> None:
        for m in messengers:
            await m.s.close()
            await m.s.connect(("127.0.0.1", self.port))

    def audit(self, event: str, at_least: int = 1) -> list[dict[str, object]]:
        return audit_events(self.root, event, at_least)


def audit_events(root: Path, event: str, at_least: int = 1) -> list[dict[str, object]]:
    """The relay's ``event`` lines, once at least ``at_least`` are written (the running
    relay writes its audit lines from a background thread, a moment later)."""
    deadline = time.monotonic() + AUDIT_WAIT_S
    while True:
        path = root / AUDIT_FILE
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        found = [e for e in map(json.loads, lines) if e.get("event") == event]
        if len(found) >= at_least or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


AUDIT_WAIT_S = 10.0


@asynccontextmanager
async def ward(tmp: Path) -> AsyncIterator[Ward]:
    root = tmp / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1", "localhost"], kdf=FAST_KDF)
    clock = Clock()
    runner = RelayRunner.load(root, ADMIN, clock_ms=clock.ms, now=clock.now)
    _, port = await runner.start("127.0.0.1", 0)
    w = Ward(root, port, clock, tmp)
    try:
        yield w
    finally:
        for m in w.people.values():
            await m.s.close()
            m.s.container.close()
        await runner.stop()


def test_device_renews_before_expiry_and_keeps_history_and_peers(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with ward(tmp_path) as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            lisa = await w.person("berg.lisa")
            await anna.send_text("mueller.jonas", "Visite um 8")
            first = await jonas.sync()
            assert texts(first) == ["Visite um 8"]
            conversation = first[0].conversation_id
            old = read_device_certificate(anna.s.identity.certificate)
            assert old.not_after - w.clock.now() > timedelta(days=700)

            # 23 months later: each login renews (Lisa is on leave and misses it).
            w.clock.offset = 23 * MONTH
            await w.reconnect(anna, jonas)
            new = read_device_certificate(anna.s.identity.certificate)
            assert new.serial != old.serial
            assert (new.uid, new.device_id, new.ed25519, new.curve25519) == (
                old.uid,
                old.device_id,
                old.ed25519,
                old.curve25519,
            )
            assert new.not_after > old.not_after + 20 * MONTH
            assert anna.s.certificate_warning is None
            renewed = w.audit("certificate_renewed", 2)
            assert {e["device_id"] for e in renewed} == {old.device_id, jonas.s.device_id}
            # IT sees who still needs a renewal (`wardlink admin devices --expiring 60`).
            due = expiring_devices(w.root, timedelta(days=60), now=w.clock.now())
            assert [r.uid for r, _ in due] == ["berg.lisa"]

            # 25 months: the first certificates have expired.
            w.clock.offset = 25 * MONTH
            assert w.clock.now() > old.not_after
            await w.reconnect(anna, jonas)
            assert [m.body for m in anna.history(conversation)] == ["Visite um 8"]
            assert [m.body for m in jonas.history(conversation)] == ["Visite um 8"]
            await jonas.send_text("weber.anna", "Komme")
            assert texts(await anna.sync()) == ["Komme"]
            await anna.send_text("mueller.jonas", "Danke")
            assert texts(await jonas.sync()) == ["Danke"]
            # Jonas verified Anna's renewed certificate; it is the same device to him.
            assert jonas.s.peers.new_devices == []
            assert anna.s.peers.new_devices == []
            assert [d.device_id for d in jonas.s.peers.live_devices(["weber.anna"])] == [
                old.device_id
            ]

            # Without renewal the same login is refused.
            with pytest.raises(RelayRefused) as refused:
                await w.reconnect(lisa)
            assert "expired" in refused.value.relay_message

    asyncio.run(scenario())


def test_relay_refuses_renewal_long_before_expiry(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with ward(tmp_path) as w:
            anna = await w.person("weber.anna")
            before = anna.s.identity.certificate
            link = anna.s.require_link()
            with pytest.raises(RelayRefused) as refused:
                await link.request(RenewCertificate(link.ids.next()))
            assert refused.value.code == "conflict"
            assert anna.s.identity.certificate == before
            assert len(w.audit("renewal_refused")) == 1
            assert w.audit("certificate_renewed") == []

    asyncio.run(scenario())


def test_admin_lists_devices_by_certificate_expiry(tmp_path: Path) -> None:
    def devices(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "desktop_app", "admin", "--data", str(w.root), "devices", *args],
            capture_output=True,
            text=True,
            env=wardlink_env(),
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=True,
        ).stdout

    async def scenario() -> Ward:
        async with ward(tmp_path) as w:
            await w.person("weber.anna")
            await w.person("mueller.jonas")
            return w

    w = asyncio.run(scenario())
    assert devices("--expiring", "30").strip() == "no device certificate expires within 30 days"
    listed = devices("--expiring", "731").splitlines()
    assert listed[0].split()[:4] == ["UID", "DEVICE", "NAME", "EXPIRES"]
    assert sorted(line.split()[0] for line in listed[1:]) == ["mueller.jonas", "weber.anna"]
    assert [
        line.split()[0] for line in devices("weber.anna", "--expiring", "731").splitlines()[1:]
    ] == ["weber.anna"]


def test_app_warns_when_the_certificate_expires_unrenewed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A PC whose clock runs 23.5 months ahead asks too early by the relay's clock: the
    relay refuses, and the app says so (status bar text and log) instead of failing later."""

    async def scenario() -> None:
        async with ward(tmp_path) as w:
            anna = await w.person("weber.anna")
            assert anna.s.certificate_warning is None
            before = anna.s.identity.certificate
            ahead = Clock(timedelta(days=717))
            anna.s.clock = ahead.now
            with caplog.at_level(logging.WARNING, logger="wardlink"):
                await w.reconnect(anna)
            assert anna.s.identity.certificate == before
            warning = anna.s.certificate_warning
            assert warning is not None and "could not be renewed" in warning
            assert warning in caplog.messages
            assert any("renewal refused" in m for m in caplog.messages)
            assert [e["device_id"] for e in w.audit("renewal_refused")] == [anna.s.device_id]

    asyncio.run(scenario())


def test_offline_issuing_queues_the_renewal_for_it_and_the_device_picks_it_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The relay holds no key that may certify devices: a renewal in the window is queued
    (``unavailable``, audited), exported for IT with the pending enrollments, signed on
    the workstation for the SAME keys, imported, and picked up at the device's next
    login; messages still flow and the device keeps its id."""
    monkeypatch.setenv("WARDLINK_ADMIN_PASSPHRASE", ADMIN)
    monkeypatch.setenv("WARDLINK_SIGNING_PASSPHRASE", SIGNING)
    root, keys = init_offline(tmp_path)
    clock = Clock()

    async def enroll_offline(uid: str, port: int) -> Messenger:
        container = Container.create(tmp_path / uid, PASSPHRASE, Owner(uid), kdf=FAST_KDF)
        code = issue_code(root, uid, now=clock.ms()).code
        with pytest.raises(EnrollmentPending):
            await enroll(container, ("127.0.0.1", port), code, f"PC of {uid}")
        it_signs_waiting_devices(root, keys, tmp_path)
        await enroll(container, ("127.0.0.1", port), code, f"PC of {uid}")
        messenger = Messenger(ClientSession(container, clock=clock.now))
        await messenger.s.connect(("127.0.0.1", port))
        return messenger

    async def scenario() -> None:
        runner = RelayRunner.load(root, ADMIN, clock_ms=clock.ms, now=clock.now)
        _, port = await runner.start("127.0.0.1", 0)
        anna = jonas = None
        try:
            anna = await enroll_offline("weber.anna", port)
            jonas = await enroll_offline("mueller.jonas", port)
            first = anna.s.identity.certificate
            before = read_device_certificate(first)
            clock.offset = 23 * MONTH
            for m in (anna, jonas):
                await m.s.close()
                await m.s.connect(("127.0.0.1", port))
            # Asked at login and refused for now: queued for IT, the old one still works.
            assert anna.s.identity.certificate == first
            assert anna.s.certificate_warning is not None
            reasons = [e["reason"] for e in audit_events(root, "renewal_refused", 2)]
            assert all("waits for IT" in r for r in reasons)

            it_signs_waiting_devices(root, keys, tmp_path)
            await anna.s.close()
            await anna.s.connect(("127.0.0.1", port))
            after = read_device_certificate(anna.s.identity.certificate)
            # The workstation signs by its own (real) clock, so here the new certificate
            # runs from today; in a ward it is signed 23 months on and runs 2 years more.
            assert after.serial != before.serial and after.not_after >= before.not_after
            assert (after.device_id, after.ed25519_b64, after.curve25519_b64) == (
                before.device_id, before.ed25519_b64, before.curve25519_b64,
            )  # fmt: skip
            assert audit_events(root, "renewal_signed_offline")
            await anna.send_text("mueller.jonas", "Neues Zertifikat, gleiche Schlüssel")
            got = await jonas.sync()
            assert texts(got) == ["Neues Zertifikat, gleiche Schlüssel"]
        finally:
            for m in (anna, jonas):
                if m is not None:
                    await m.s.close()
                    m.s.container.close()
            await runner.stop()

    asyncio.run(scenario())

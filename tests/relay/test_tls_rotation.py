"""The relay's TLS certificate is rotated with `wardlink relay rotate-tls`; enrolled
clients keep trusting the relay (they pin the root), and the relay's log warns 30 days
before its TLS or issuing certificate expires (docs/trust.md, Certificate lifecycle)."""

from __future__ import annotations

import asyncio
import logging
import ssl
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509

from desktop_app.crypto.certificates import RELAY_CERT_FILE
from desktop_app.relay.admin import init_relay
from desktop_app.relay.data_dir import AUDIT_FILE
from desktop_app.relay.runner import RelayRunner
from tests.conftest import FAST_KDF
from tests.relay.conftest import ADMIN, ORG, LiveRelay, wardlink_env
from tests.relay.wire_client import org_of
from tests.services.conftest import Ward, texts


def _leaf(root: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificates((root / RELAY_CERT_FILE).read_bytes())[0]


def _served(port: int) -> x509.Certificate:
    return x509.load_pem_x509_certificate(ssl.get_server_certificate(("127.0.0.1", port)).encode())


def test_rotated_tls_certificate_is_trusted_by_enrolled_clients(tmp_path: Path) -> None:
    root = tmp_path / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1", "localhost"], kdf=FAST_KDF)
    old = _leaf(root)

    async def serve() -> tuple[RelayRunner, int]:
        runner = RelayRunner.load(root, ADMIN)
        _, port = await runner.start("127.0.0.1", 0)
        return runner, port

    async def scenario() -> None:
        runner, port = await serve()
        w = Ward(LiveRelay(runner, root, port, org_of(root)), tmp_path, {})
        try:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "vor dem Wechsel")
            assert texts(await jonas.messenger.sync()) == ["vor dem Wechsel"]
            for p in w.people.values():
                await p.session.close()
            await runner.stop()

            rotated = subprocess.run(
                [sys.executable, "-m", "desktop_app", "relay", "rotate-tls", "--data", str(root)],
                capture_output=True,
                text=True,
                env=wardlink_env(),
                stdin=subprocess.DEVNULL,
                timeout=60,
            )
            assert rotated.returncode == 0, rotated.stderr
            new = _leaf(root)
            assert new.serial_number != old.serial_number
            assert new.public_key() != old.public_key()
            san = x509.SubjectAlternativeName
            assert new.extensions.get_extension_for_class(san).value == (
                old.extensions.get_extension_for_class(san).value
            )  # same relay id and hosts
            assert f"{new.serial_number:X}" in rotated.stdout

            runner, port = await serve()
            served = await asyncio.to_thread(_served, port)
            assert served.serial_number == new.serial_number
            for p in w.people.values():
                await p.connect(port)
            await jonas.messenger.send_text("weber.anna", "nach dem Wechsel")
            assert texts(await anna.messenger.sync()) == ["nach dem Wechsel"]
        finally:
            await w.close()
            await runner.stop()
        audit = (root / AUDIT_FILE).read_text(encoding="utf-8")
        assert '"event":"tls_rotated"' in audit.replace(" ", "")

    asyncio.run(scenario())


@pytest.mark.parametrize("days_left", [45, 20])
def test_relay_log_warns_30_days_before_the_tls_certificate_expires(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, days_left: int
) -> None:
    root = tmp_path / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    expires = _leaf(root).not_valid_after_utc
    moment = expires - timedelta(days=days_left)
    assert moment > datetime.now(UTC)

    async def scenario() -> None:
        with caplog.at_level(logging.WARNING, logger="wardlink.relay"):
            runner = RelayRunner.load(root, ADMIN, now=lambda: moment)
        await runner.start("127.0.0.1", 0)
        await runner.stop()

    asyncio.run(scenario())
    warned = [m for m in caplog.messages if "TLS certificate expires on" in m]
    assert warned == ([] if days_left > 30 else [warned[0]])
    if days_left <= 30:
        assert "rotate-tls" in warned[0]


def test_a_running_relay_warns_once_its_certificate_comes_within_30_days(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A relay started 45 days before its TLS certificate expires says nothing at start;
    while it keeps running, its periodic check (daily; here every 10 ms) logs the warning
    once the clock is within 30 days, without a restart."""
    root = tmp_path / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    expires = _leaf(root).not_valid_after_utc
    moment = [expires - timedelta(days=45)]

    def warned() -> list[str]:
        return [m for m in caplog.messages if "TLS certificate expires on" in m]

    async def scenario() -> None:
        with caplog.at_level(logging.WARNING, logger="wardlink.relay"):
            runner = RelayRunner.load(root, ADMIN, now=lambda: moment[0])
            runner.expiry_check_s = 0.01
            await runner.start("127.0.0.1", 0)
            try:
                await asyncio.sleep(0.05)  # several checks 45 days out: still quiet
                assert warned() == []
                moment[0] = expires - timedelta(days=20)
                while len(warned()) < 2:  # daily, so it repeats until IT rotates
                    await asyncio.sleep(0.01)
            finally:
                await runner.stop()

    asyncio.run(asyncio.wait_for(scenario(), 10))
    assert f"expires on {expires:%Y-%m-%d}" in warned()[0] and "rotate-tls" in warned()[0]

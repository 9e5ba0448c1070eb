"""Administration edge cases: one-line CLI errors, retention, expired certificates, versions."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from websockets.asyncio.client import connect

from desktop_app.commands.admin_cmd import parse_ttl
from desktop_app.crypto.org import OrgCertificates
from desktop_app.protocol import (
    Authenticated,
    BlobChunk,
    BlobUpload,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    SendEnvelope,
    decode,
)
from desktop_app.protocol.limits import MAX_FRAME_BYTES
from desktop_app.relay.admin import issue_code, revoke
from desktop_app.relay.errors import AdminInputError, UnknownDevice
from desktop_app.relay.runner import RelayRunner
from desktop_app.services.tls_client import client_context
from tests.relay.conftest import ADMIN, live_relay, wardlink_env
from tests.relay.wire_client import Device, WireClient, org_of

DAY_MS = 86_400_000


def wardlink(*args: str, passphrase: str = ADMIN) -> subprocess.CompletedProcess[str]:
    env = wardlink_env()
    env["WARDLINK_ADMIN_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("serve-empty", "is not a relay data directory"),
        ("serve-wrong-passphrase", "passphrase"),
        ("enroll-bad-ttl", "use a number and a unit"),
        ("revoke-unknown", "unknown device GHOST (`wardlink admin --data"),  # + where to look
    ],
)
def test_admin_mistakes_are_one_clear_line(
    relay_root: Path, tmp_path: Path, case: str, expected: str
) -> None:
    args = {
        "serve-empty": ("relay", "serve", "--data", str(tmp_path / "empty")),
        "serve-wrong-passphrase": ("relay", "serve", "--data", str(relay_root)),
        "enroll-bad-ttl": ("admin", "--data", str(relay_root), "enroll", "x", "--ttl", "2y"),
        "revoke-unknown": ("admin", "--data", str(relay_root), "revoke", "GHOST"),
    }[case]
    done = wardlink(*args, passphrase="wrong passphrase!" if "wrong" in case else ADMIN)
    assert done.returncode == 1, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], done.stderr
    assert done.stdout == ""


def test_ttl_and_code_bounds(relay_root: Path) -> None:
    assert parse_ttl("90m") == timedelta(minutes=90)
    assert parse_ttl("7d") == timedelta(days=7)
    with pytest.raises(AdminInputError):
        parse_ttl("soon")
    with pytest.raises(AdminInputError, match="between"):
        issue_code(relay_root, "weber.anna", timedelta(days=31))
    with pytest.raises(UnknownDevice):
        revoke(relay_root, "GHOST", ADMIN)


def test_undelivered_mail_and_blobs_expire_after_the_retention_period(relay_root: Path) -> None:
    jonas = Device("mueller.jonas", "MUELLER-PC1")

    async def before() -> None:
        async with live_relay(relay_root) as relay:
            anna_conn, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas_conn = await relay.client()
            assert (
                type(await jonas_conn.enroll(jonas, issue_code(relay_root, jonas.uid).code))
                is not Error
            )
            await jonas_conn.close()
            sent = await anna_conn.request(
                SendEnvelope(anna_conn.ids.next(), "E1", ["MUELLER-PC1"], b"ct", {})  # type: ignore[arg-type, list-item]
            )
            assert isinstance(sent, EnvelopeAccepted)
            req = anna_conn.ids.next()
            await anna_conn.request(BlobUpload(req, "blob-00000001", 3))
            await anna_conn.send(BlobChunk(req, "blob-00000001", 0, b"abc", True))
            await anna_conn.next_frame()

    async def after(offset_ms: int) -> int:
        def clock() -> int:
            return int(time.time() * 1000) + offset_ms

        async with live_relay(relay_root, clock_ms=clock) as relay:
            conn = await relay.client()
            reply = await conn.login(jonas)
            assert isinstance(reply, Authenticated)
            return reply.pending

    asyncio.run(before())
    assert asyncio.run(after(29 * DAY_MS)) == 1  # within the 30 days: kept
    assert (relay_root / "blobs" / "blob-00000001").exists()
    assert asyncio.run(after(31 * DAY_MS)) == 0
    assert not (relay_root / "blobs" / "blob-00000001").exists()


def test_expired_device_certificate_cannot_log_in(relay_root: Path) -> None:
    anna = Device("weber.anna", "WEBER-PC1")

    async def enroll() -> None:
        async with live_relay(relay_root) as relay:
            client = await relay.client()
            assert (
                type(await client.enroll(anna, issue_code(relay_root, anna.uid).code)) is not Error
            )

    async def login_in_three_years() -> Error:
        future = datetime.now(UTC) + timedelta(days=3 * 365)
        runner = RelayRunner.load(relay_root, ADMIN, now=lambda: future)
        _, port = await runner.start("127.0.0.1", 0)
        try:
            client = await WireClient.connect(port, org_of(relay_root))
            reply = await client.login(anna)
            assert isinstance(reply, Error)
            return reply
        finally:
            await runner.stop()

    asyncio.run(enroll())
    refused = asyncio.run(login_in_three_years())
    assert refused.code is ErrorCode.UNAUTHENTICATED and "expired" in refused.message


def test_unsupported_protocol_version_is_refused_with_the_supported_ones(relay_root: Path) -> None:
    async def scenario() -> Error:
        async with live_relay(relay_root) as relay:
            client = await relay.client()  # a version-1 Hello goes through
            assert client.welcome.version == 1
            return await _raw_hello(relay.port, relay.org, version=7)

    error = asyncio.run(scenario())
    assert error.code is ErrorCode.VERSION_MISMATCH and "[1]" in error.message


async def _raw_hello(port: int, org: OrgCertificates, version: int) -> Error:
    """A client that speaks version ``version``: bytes sent without the client Connection."""
    ws = await connect(
        f"wss://127.0.0.1:{port}/",
        ssl=client_context(org.root_pem()),
        max_size=MAX_FRAME_BYTES,
        compression=None,
    )
    try:
        await ws.send(
            msgspec.msgpack.encode({"t": "hello", "version": version, "client_name": "x"})
        )
        frame = decode(await ws.recv())
        assert isinstance(frame, Error)
        return frame
    finally:
        await ws.close()


def test_revoke_keep_data_and_person_remove_commands(relay_root: Path) -> None:
    async def enroll_three() -> None:
        async with live_relay(relay_root) as relay:
            for uid, device_id in (
                ("weber.anna", "ANNA-PC"),
                ("mueller.jonas", "JONAS-PC"),
                ("mueller.jonas", "JONAS-LAPTOP"),
            ):
                client, _ = await relay.enrolled(uid, device_id)
                await client.close()

    asyncio.run(enroll_three())
    issue_code(relay_root, "mueller.jonas")  # never redeemed
    kept = wardlink("admin", "--data", str(relay_root), "revoke", "--keep-data", "ANNA-PC")
    assert kept.returncode == 0, kept.stderr
    assert "is kept (--keep-data)" in kept.stdout
    removed = wardlink("admin", "--data", str(relay_root), "person", "remove", "mueller.jonas")
    assert removed.returncode == 0, removed.stderr
    assert "2 device(s) revoked" in removed.stdout
    assert "1 enrollment code(s) cancelled" in removed.stdout
    audit = (relay_root / "audit.log").read_text(encoding="utf-8")
    assert '"data": "kept (--keep-data)"' in audit
    assert '"event": "person_removed"' in audit and '"codes": 1' in audit
    assert audit.count('"reason": "person removed"') == 2
    again = wardlink("admin", "--data", str(relay_root), "person", "remove", "mueller.jonas")
    assert again.returncode == 0, again.stderr  # walk20: it said "removed …: 0 device(s) …"
    assert again.stdout.startswith("mueller.jonas was already removed: no live device")
    # A typo is refused, not "removed" (walk20: `removed mueller.jonaas: 0 device(s)…`, exit 0).
    typo = wardlink("admin", "--data", str(relay_root), "person", "remove", "mueller.jonaas")
    assert typo.returncode == 1, typo.stdout
    assert "mueller.jonaas is unknown to this relay" in typo.stderr
    assert "nothing was changed" in typo.stderr and typo.stdout == ""
    assert '"uid": "mueller.jonaas"' not in (relay_root / "audit.log").read_text(encoding="utf-8")

"""The relay as IT runs it: `wardlink relay …` / `wardlink admin …` processes, signals, crashes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed as WsClosed

from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org_files import load_org_certificates
from desktop_app.protocol import (
    AckDelivery,
    Acked,
    Deliver,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    Revocations,
    SendEnvelope,
)
from desktop_app.relay.admin import issue_code
from tests.relay.conftest import relay_process, wardlink_env
from tests.relay.wire_client import Closed, Device, WireClient

FINGERPRINT = re.compile(r"organisation fingerprint: ((?:[0-9A-F]{4} ){15}[0-9A-F]{4})$", re.M)
MARKER = b"PLAINTEXT-MARKER-7f3a"
BURST = 1000
KILL_AFTER = 100
WINDOW = 32
ACK_BATCH = 50


def wardlink(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=wardlink_env(),
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_cli_init_prints_the_fingerprint_and_refuses_to_overwrite(tmp_path: Path) -> None:
    """The real command with the default (production) key wrapping."""
    data = tmp_path / "relay"
    init = wardlink(
        "relay", "init", "--data", str(data), "--org", "Klinikum Nord", "--host", "127.0.0.1"
    )
    assert init.returncode == 0, init.stderr
    match = FINGERPRINT.search(init.stdout)
    assert match is not None, init.stdout
    org = load_org_certificates(data)
    assert match.group(1) == org.fingerprint_text
    assert "TLS certificate for: 127.0.0.1" in init.stdout
    key_file = json.loads((data / "org-issuing.key.json").read_text())
    assert key_file["memory_kib"] == KdfParams().memory_kib  # production cost, not the test one
    again = wardlink("relay", "init", "--data", str(data), "--org", "Klinikum Nord")
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1
    assert "refusing to overwrite" in again.stderr
    settings = json.loads((data / "relay.json").read_text())
    assert settings["org_name"] == "Klinikum Nord" and settings["retention_days"] == 30


def test_cli_init_offline_issuing_from_the_environment_prints_no_prompt(tmp_path: Path) -> None:
    """walk20: with WARDLINK_SIGNING_PASSPHRASE set, init still printed "Signing passphrase
    for the offline keys (not the admin passphrase):" as its first line, a prompt
    heading with no prompt, into what a script reads."""
    data, keys = tmp_path / "relay", tmp_path / "it-keys"
    init = subprocess.run(
        [sys.executable, "-m", "desktop_app", "relay", "init", "--data", str(data),
         "--org", "Klinikum Nord", "--host", "127.0.0.1", "--offline-issuing", str(keys)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120, check=False,
        env={**wardlink_env(), "WARDLINK_SIGNING_PASSPHRASE": "signing passphrase of IT"},
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    assert init.stdout.startswith("created relay "), init.stdout
    assert "Signing passphrase" not in init.stdout + init.stderr
    assert (keys / "org-devices.key.json").exists() and not (data / "org-root.key.json").exists()


def test_cli_serve_enroll_devices_revoke_and_sigterm(relay_root: Path) -> None:
    data = relay_root
    org = load_org_certificates(data)
    with relay_process(data) as relay:
        code_out = wardlink("admin", "--data", str(data), "enroll", "weber.anna", "--ttl", "2h")
        assert code_out.returncode == 0, code_out.stderr
        code = code_out.stdout.splitlines()[0]
        assert code.startswith("WL1-")
        anna, jonas = Device("weber.anna", "WEBER-PC1"), Device("mueller.jonas", "MUELLER-PC1")

        async def enroll_both() -> None:
            for device, text in (
                (anna, code),
                (jonas, issue_code(data, "mueller.jonas").code),
            ):
                client = await WireClient.connect(relay.port, org)
                assert type(await client.enroll(device, text)).__name__ == "Enrolled"
                await client.close()

        asyncio.run(enroll_both())
        listing = wardlink("admin", "--data", str(data), "devices")
        assert listing.returncode == 0
        rows = listing.stdout.splitlines()[1:]
        assert [r.split()[:2] for r in rows] == [
            ["mueller.jonas", "MUELLER-PC1"],
            ["weber.anna", "WEBER-PC1"],
        ]
        assert all(r.rstrip().endswith("-") for r in rows)  # not revoked

        async def revoke_while_connected() -> tuple[Revocations | Error, Error]:
            watcher = await WireClient.connect(relay.port, org)
            assert type(await watcher.login(anna)).__name__ == "Authenticated"
            done = await asyncio.to_thread(
                wardlink, "admin", "--data", str(data), "revoke", "MUELLER-PC1"
            )
            assert done.returncode == 0, done.stderr
            assert "revocation list 2 published" in done.stdout
            pushed = await watcher.next_frame(10)
            assert isinstance(pushed, Revocations | Error)
            retry = await WireClient.connect(relay.port, org)
            refused = await retry.login(jonas)
            assert isinstance(refused, Error)
            return pushed, refused

        pushed, refused = asyncio.run(revoke_while_connected())
        assert isinstance(pushed, Revocations) and pushed.req_id == 0
        assert refused.code is ErrorCode.DEVICE_REVOKED
        only_jonas = wardlink("admin", "--data", str(data), "devices", "mueller.jonas")
        assert len(only_jonas.stdout.splitlines()) == 2
        assert not only_jonas.stdout.rstrip().endswith("-")  # revocation time shown

        assert relay.stop(signal.SIGTERM) == 0
        assert "Traceback" not in relay.stderr()

    events = [json.loads(line)["event"] for line in (data / "audit.log").read_text().splitlines()]
    for expected in (
        "relay_started",
        "enrollment_code_issued",
        "enrolled",
        "login",
        "device_revoked",
        "login_refused",
        "relay_stopped",
    ):
        assert expected in events, (expected, events)


async def _burst(
    port: int,
    org: object,
    sender: Device,
    ids: list[str],
    accepted: set[str],
    on_progress: asyncio.Event | None = None,
) -> None:
    """Pipeline SendEnvelopes (at most WINDOW open); record every EnvelopeAccepted."""
    client = await WireClient.connect(port, org)  # type: ignore[arg-type]
    assert type(await client.login(sender)).__name__ == "Authenticated"
    slots = asyncio.Semaphore(WINDOW)

    async def read() -> None:
        try:
            while True:
                frame = await client.next_frame(30)
                if isinstance(frame, EnvelopeAccepted):
                    accepted.add(frame.envelope_id)
                    slots.release()
                    if on_progress is not None and len(accepted) >= KILL_AFTER:
                        on_progress.set()
        finally:  # the relay went away: unblock the sender
            for _ in range(WINDOW):
                slots.release()

    reader = asyncio.create_task(read())
    try:
        for envelope_id in ids:
            await slots.acquire()
            if reader.done():
                break
            await client.send(
                SendEnvelope(
                    client.ids.next(),
                    envelope_id,  # type: ignore[arg-type]
                    ["MUELLER-PC1"],  # type: ignore[list-item]
                    MARKER + envelope_id.encode(),
                    {},
                )
            )
        if len(ids) and not reader.done():
            while len(accepted & set(ids)) < len(ids) and not reader.done():
                await asyncio.sleep(0.01)
    except (Closed, WsClosed):  # the relay went away mid-burst
        pass
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, Closed, WsClosed, TimeoutError):
            await reader
        with contextlib.suppress(WsClosed):
            await client.close()


async def _drain_mailbox(port: int, org: object, device: Device, expected: int) -> list[Deliver]:
    """Receive and ack until ``expected`` distinct envelopes arrived; then check it is empty."""
    client = await WireClient.connect(port, org)  # type: ignore[arg-type]
    assert type(await client.login(device)).__name__ == "Authenticated"
    got: list[Deliver] = []
    unacked: list[tuple[str, str]] = []
    acked = 0
    while acked < expected:
        frame = await client.next_frame(15)
        if isinstance(frame, Deliver):
            got.append(frame)
            unacked.append((frame.sender_device, frame.envelope_id))
        elif isinstance(frame, Acked):
            acked += frame.count
        if len(unacked) >= ACK_BATCH or (unacked and len({d.envelope_id for d in got}) == expected):
            await client.send(AckDelivery(client.ids.next(), unacked))  # type: ignore[arg-type]
            unacked = []
    await client.close()
    again = await WireClient.connect(port, org)  # type: ignore[arg-type]
    reply = await again.login(device)
    assert reply.pending == 0, reply  # type: ignore[union-attr]
    assert await again.quiet(0.3) == []
    await again.close()
    return got


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_relay_stopped_mid_burst_delivers_every_accepted_envelope_once(
    relay_root: Path, sig: signal.Signals
) -> None:
    org = load_org_certificates(relay_root)
    anna, jonas = Device("weber.anna", "WEBER-PC1"), Device("mueller.jonas", "MUELLER-PC1")
    ids = [f"env-{i:04d}" for i in range(BURST)]
    accepted_before: set[str] = set()

    with relay_process(relay_root) as relay:

        async def first_run() -> None:
            for device in (anna, jonas):
                client = await WireClient.connect(relay.port, org)
                enrolled = await client.enroll(device, issue_code(relay_root, device.uid).code)
                assert type(enrolled).__name__ == "Enrolled"
                await client.close()
            progress = asyncio.Event()
            burst = asyncio.create_task(
                _burst(relay.port, org, anna, ids, accepted_before, progress)
            )
            await asyncio.wait_for(progress.wait(), 60)
            relay.proc.send_signal(sig)
            await asyncio.wait_for(burst, 60)

        asyncio.run(first_run())
        code = relay.proc.wait(30)
        if sig == signal.SIGTERM:
            assert code == 0, relay.stderr()
            assert "Traceback" not in relay.stderr()
        else:
            assert code == -signal.SIGKILL
    assert KILL_AFTER <= len(accepted_before) < BURST, len(accepted_before)

    with relay_process(relay_root) as relay:

        async def second_run() -> list[Deliver]:
            # The sender's outbox resends what was not accepted, with the same ids.
            resend = [i for i in ids if i not in accepted_before]
            accepted_after: set[str] = set()
            await _burst(relay.port, org, anna, resend, accepted_after)
            assert accepted_after == set(resend)
            return await _drain_mailbox(relay.port, org, jonas, BURST)

        delivered = asyncio.run(second_run())
        assert relay.stop(signal.SIGTERM) == 0

    delivered_ids = [d.envelope_id for d in delivered]
    assert len(delivered_ids) == len(set(delivered_ids)) == BURST  # each exactly once
    assert accepted_before <= set(delivered_ids)
    assert all(d.payload == MARKER + d.envelope_id.encode() for d in delivered)
    audit = (relay_root / "audit.log").read_bytes()
    assert MARKER not in audit  # the audit log never carries payload bytes
    events = [json.loads(line)["event"] for line in audit.decode().splitlines()]
    assert events.count("relay_started") == 2 and events.count("login") >= 4

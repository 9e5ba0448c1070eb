"""Attacks by an enrolled colleague, performed through the real relay (issue 16: 5, 7, 9).

Mallory is a legitimately enrolled device. She floods an offline colleague's mailbox and
the relay's blob store, drains a colleague's one-time keys, and sends an envelope with
an id she learnt from someone else's message. Each test checks the relay's answer and
that well-behaved colleagues are unaffected. Quotas are set small in relay.json so the
floods stay a few MB.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from desktop_app.protocol import (
    AckDelivery,
    Acked,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    ClaimedKeys,
    ClaimKeys,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    Frame,
    KeysPublished,
    Ping,
    Pong,
    PublishKeys,
    SendEnvelope,
    SignedKey,
)
from desktop_app.protocol.limits import KiB, MiB
from desktop_app.relay.audit import AuditLog
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import RelayDataError
from desktop_app.relay.quotas import RelayLimits
from desktop_app.services.errors import RelayRefused
from tests.relay.conftest import live_relay
from tests.relay.wire_client import Device, WireClient

PAYLOAD = 200 * KiB
FLOOD_ATTEMPTS = 40  # 8 MB: far past every quota below, bounded if none applies


def _set_limits(root: Path, **limits: int) -> None:
    path = root / "relay.json"
    doc = json.loads(path.read_text())
    doc["limits"] = limits
    path.write_text(json.dumps(doc))


async def _send(conn: WireClient, envelope_id: str, to: list[str], payload: bytes) -> Frame:
    return await conn.request(
        SendEnvelope(conn.ids.next(), envelope_id, to, payload, {})  # type: ignore[arg-type]
    )


async def _flood(conn: WireClient, prefix: str, to: list[str]) -> tuple[int, Frame | None]:
    """Send until refused; (accepted, the refusal or None)."""
    for i in range(FLOOD_ATTEMPTS):
        reply = await _send(conn, f"{prefix}{i}", to, bytes([i % 256]) * PAYLOAD)
        if not isinstance(reply, EnvelopeAccepted):
            return i, reply
    return FLOOD_ATTEMPTS, None


def test_flooding_an_offline_mailbox_is_refused_and_others_still_deliver(
    relay_root: Path,
) -> None:
    _set_limits(
        relay_root,
        mailbox_max_bytes_per_sender=1 * MiB,
        mailbox_max_bytes=3 * MiB,
        sender_max_bytes=1536 * KiB,
    )

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            mallory, _ = await relay.enrolled("evil.mallory", "MALLORY-PC1")
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas_conn, jonas = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            mia_conn, _ = await relay.enrolled("kern.mia", "KERN-PC1")
            await jonas_conn.close()  # Jonas is off shift: his mailbox only fills
            await mia_conn.close()

            accepted, refusal = await _flood(mallory, "J", ["MUELLER-PC1"])
            assert isinstance(refusal, Error), "the relay stored the whole flood"
            assert refusal.code is ErrorCode.QUOTA_EXCEEDED and not refusal.fatal
            assert accepted * PAYLOAD <= 1 * MiB < (accepted + 1) * PAYLOAD
            assert "MUELLER-PC1" in refusal.message
            # Her connection is fine, and a colleague still reaches Jonas.
            assert isinstance(await mallory.request(Ping(mallory.ids.next())), Pong)
            assert isinstance(await _send(anna, "A1", ["MUELLER-PC1"], b"ct"), EnvelopeAccepted)

            # Flooding a second mailbox stops at her overall share (1.5 MiB).
            more, refusal = await _flood(mallory, "M", ["KERN-PC1"])
            assert isinstance(refusal, Error) and refusal.code is ErrorCode.QUOTA_EXCEEDED
            assert (accepted + more) * PAYLOAD <= 1536 * KiB and more >= 1
            assert "waiting to be picked up" in refusal.message

            # Once Jonas picks his mail up, Mallory's share frees again.
            back = await relay.logged_in(jonas)
            got = await back.wait_deliveries(accepted + 1)
            acked = await back.request(
                AckDelivery(back.ids.next(), [(d.sender_device, d.envelope_id) for d in got])
            )
            assert isinstance(acked, Acked) and acked.count == accepted + 1
            again = await _send(mallory, "J-after", ["MUELLER-PC1"], b"ct")
            assert isinstance(again, EnvelopeAccepted)
            assert relay.runner.ctx.store.mailbox_usage("MUELLER-PC1") == (1, 2)

    asyncio.run(scenario())


def test_blob_quota_per_device_and_largest_blob(relay_root: Path) -> None:
    _set_limits(relay_root, blob_max_bytes=600 * KiB, device_blob_max_bytes=1 * MiB)

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            mallory, _ = await relay.enrolled("evil.mallory", "MALLORY-PC1")
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            huge = await mallory.request(BlobUpload(mallory.ids.next(), "blob-huge-01", 4 * MiB))
            assert isinstance(huge, Error) and huge.code is ErrorCode.QUOTA_EXCEEDED
            replies = [
                await mallory.request(
                    BlobUpload(mallory.ids.next(), f"blob-fill-{i:02d}", 500 * KiB)
                )
                for i in range(5)
            ]  # announced sizes count at once: no bytes needed to reserve space
            assert [type(r).__name__ for r in replies[:2]] == ["BlobReady", "BlobReady"]
            refused = replies[2]
            assert isinstance(refused, Error) and refused.code is ErrorCode.QUOTA_EXCEEDED
            assert "attachments" in refused.message and not refused.fatal
            # Anna's quota is her own.
            ok = await anna.request(BlobUpload(anna.ids.next(), "blob-anna-01", 500 * KiB))
            assert isinstance(ok, BlobReady)
            # What the person at the PC reads:
            text = str(RelayRefused(refused.code.value, refused.message))
            assert text.startswith("The relay cannot store this now: this device already")
            assert "(quota_exceeded)" not in text

    asyncio.run(scenario())


def _keys(device: Device, count: int) -> tuple[list[SignedKey], SignedKey]:
    """``count`` one-time keys and a fallback key, signed by ``device``."""
    one_time = [device.signed_key(f"k{i:03d}", f"key-{i:03d}") for i in range(count)]
    return one_time, device.signed_key("k999", "key-999", fallback=True)


def test_keys_not_signed_by_the_devices_certified_key_are_refused(relay_root: Path) -> None:
    """A modified client publishes keys nobody can verify (signed by another key, or
    not at all): claimers would refuse them, so no session to the device could start,
    and every escalation to its person failed and was tried again (the insider audit of
    session 12). The relay refuses such a batch whole."""

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            jonas, jonas_pc = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            good, fallback = _keys(jonas_pc, 3)
            stranger = Device("mueller.jonas", "MUELLER-PC1")  # another key, same names
            for batch in (
                [*good, stranger.signed_key("!junk", "key-junk")],
                [*good, SignedKey("!zero", "key-zero", bytes(64))],
            ):
                refused = await jonas.request(PublishKeys(jonas.ids.next(), batch, fallback))
                assert isinstance(refused, Error) and refused.code == ErrorCode.BAD_FRAME
                assert "not signed by this device" in refused.message
            wrong_kind = jonas_pc.signed_key("k999", "key-999")  # signed as a one-time key
            refused = await jonas.request(PublishKeys(jonas.ids.next(), good, wrong_kind))
            assert isinstance(refused, Error)
            count = await jonas.request(PublishKeys(jonas.ids.next(), [], None))
            assert isinstance(count, KeysPublished) and count.one_time_key_count == 0
            published = await jonas.request(PublishKeys(jonas.ids.next(), good, fallback))
            assert isinstance(published, KeysPublished) and published.one_time_key_count == 3

    asyncio.run(scenario())


def test_draining_one_time_keys_gets_only_the_fallback_key(relay_root: Path) -> None:
    _set_limits(relay_root, key_claims_per_pair=2, key_claims_per_target=3)

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            jonas, jonas_pc = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            published = await jonas.request(PublishKeys(jonas.ids.next(), *_keys(jonas_pc, 10)))
            assert isinstance(published, KeysPublished) and published.one_time_key_count == 10
            mallory, _ = await relay.enrolled("evil.mallory", "MALLORY-PC1")
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            mia, _ = await relay.enrolled("kern.mia", "KERN-PC1")

            async def claim(conn: WireClient) -> tuple[str | None, str | None]:
                reply = await conn.request(ClaimKeys(conn.ids.next(), ["MUELLER-PC1"]))  # type: ignore[list-item]
                assert isinstance(reply, ClaimedKeys)
                key = reply.keys["MUELLER-PC1"]  # type: ignore[index]
                one_time = key.one_time_key.key_id if key.one_time_key else None
                return one_time, key.fallback_key.key_id if key.fallback_key else None

            drained = [await claim(mallory) for _ in range(8)]
            assert [k for k, _ in drained if k is not None] == ["k000", "k001"]
            assert all(fallback == "k999" for _, fallback in drained)
            assert await claim(anna) == ("k002", "k999")  # a colleague still gets a one-time key
            assert await claim(mia) == (None, "k999")  # the target's budget for this window
            count = await jonas.request(PublishKeys(jonas.ids.next(), [], None))
            assert isinstance(count, KeysPublished) and count.one_time_key_count == 7

    asyncio.run(scenario())
    limited = [
        e
        for e in AuditLog(relay_root / "audit.log").entries()
        if e["event"] == "key_claims_limited"
    ]
    assert [e["device_id"] for e in limited] == ["MALLORY-PC1", "KERN-PC1"]  # once per window


def test_an_envelope_id_reused_by_another_sender_is_acked_apart(relay_root: Path) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            mallory, _ = await relay.enrolled("evil.mallory", "MALLORY-PC1")
            jonas_conn, jonas = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas_conn.close()
            assert isinstance(
                await _send(anna, "E-victim", ["MUELLER-PC1"], b"real"), EnvelopeAccepted
            )
            forged = await _send(mallory, "E-victim", ["MUELLER-PC1"], b"junk")
            assert isinstance(forged, EnvelopeAccepted)

            conn = await relay.logged_in(jonas)
            got = await conn.wait_deliveries(2)
            assert sorted((d.sender_device, d.payload) for d in got) == [
                ("MALLORY-PC1", b"junk"),
                ("WEBER-PC1", b"real"),
            ]
            # Acking Anna's envelope leaves Mallory's; acking that one too empties the box.
            first = await conn.request(AckDelivery(conn.ids.next(), [("WEBER-PC1", "E-victim")]))  # type: ignore[list-item]
            assert isinstance(first, Acked) and first.count == 1
            assert relay.runner.ctx.store.pending_count("MUELLER-PC1") == 1
            second = await conn.request(AckDelivery(conn.ids.next(), [("MALLORY-PC1", "E-victim")]))  # type: ignore[list-item]
            assert isinstance(second, Acked) and second.count == 1
            assert isinstance(await conn.request(Ping(conn.ids.next())), Pong)  # still connected
            # Anna's resend with the same id stays a duplicate, not a second copy.
            assert isinstance(
                await _send(anna, "E-victim", ["MUELLER-PC1"], b"real"), EnvelopeAccepted
            )
            assert relay.runner.ctx.store.pending_count("MUELLER-PC1") == 0

    asyncio.run(scenario())


def test_a_blob_is_readable_only_by_its_uploader_and_addressed_devices(relay_root: Path) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            mallory, _ = await relay.enrolled("evil.mallory", "MALLORY-PC1")
            ready = await anna.request(BlobUpload(anna.ids.next(), "blob-befund-1", 5))
            assert isinstance(ready, BlobReady)
            await anna.send(BlobChunk(ready.req_id, "blob-befund-1", 0, b"12345", True))
            assert isinstance(await anna.next_frame(), BlobStored)
            sent = await anna.request(
                SendEnvelope(anna.ids.next(), "E1", ["MUELLER-PC1"], b"ct", {}, ["blob-befund-1"])  # type: ignore[list-item]
            )
            assert isinstance(sent, EnvelopeAccepted)
            await jonas.wait_deliveries(1)

            async def fetch(conn: WireClient) -> Frame:
                return await conn.request(BlobDownload(conn.ids.next(), "blob-befund-1", 0))

            assert isinstance(await fetch(anna), BlobChunk)  # the uploader always may
            assert isinstance(await fetch(jonas), BlobChunk)  # addressed
            refused = await fetch(mallory)
            assert isinstance(refused, Error) and refused.code is ErrorCode.NOT_FOUND
            assert refused.message == "unknown blob blob-befund-1"  # as if it did not exist
            # Naming someone else's blob in her own envelope grants her nothing.
            own = await mallory.request(
                SendEnvelope(mallory.ids.next(), "E2", ["MALLORY-PC1"], b"x", {}, ["blob-befund-1"])  # type: ignore[list-item]
            )
            assert isinstance(own, EnvelopeAccepted)
            await mallory.wait_deliveries(1)
            again = await fetch(mallory)
            assert isinstance(again, Error) and again.code is ErrorCode.NOT_FOUND

    asyncio.run(scenario())


def test_limits_in_relay_json_default_and_refuse_typos(relay_root: Path) -> None:
    data = RelayDataDir(relay_root)
    written = json.loads((relay_root / "relay.json").read_text())["limits"]
    assert written == RelayLimits().to_json()  # `relay init` shows every limit
    _set_limits(relay_root, mailbox_max_envelopes=100)
    limits = data.read_settings().limits
    assert (limits.mailbox_max_envelopes, limits.mailbox_max_bytes) == (100, 512 * MiB)
    _set_limits(relay_root, mailbox_max_envelope=100)
    with pytest.raises(RelayDataError, match="unknown limit 'mailbox_max_envelope'"):
        data.read_settings()
    _set_limits(relay_root, blob_max_bytes=0)
    with pytest.raises(RelayDataError, match="blob_max_bytes must be a whole number above 0"):
        data.read_settings()

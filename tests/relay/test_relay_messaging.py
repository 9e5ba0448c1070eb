"""Keys, envelopes, acks and bad frames through a real relay on 127.0.0.1 over TLS."""

from __future__ import annotations

import asyncio
from pathlib import Path

import msgspec
import pytest

from desktop_app.crypto.device_certificates import read_device_certificate
from desktop_app.crypto.e2e import keys
from desktop_app.protocol import (
    AckDelivery,
    Acked,
    ClaimedKeys,
    ClaimKeys,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    KeysPublished,
    Ping,
    Pong,
    PublishKeys,
    SendEnvelope,
    SignedKey,
)
from desktop_app.relay.admin import revoke
from desktop_app.relay.data_dir import RelayDataDir
from tests.relay.conftest import ADMIN, LiveRelay, live_relay
from tests.relay.wire_client import Closed, Device, WireClient


@pytest.fixture
def relay_root(any_relay_root: Path) -> Path:
    """Every test here runs on SQLite and on PostgreSQL (tests/pg_server.py)."""
    return any_relay_root


def _signed(device: Device, key_id: str, key: str, fallback: bool) -> SignedKey:
    """What DeviceAccount.upload_keys signs, made here from the test device's account."""
    return SignedKey(key_id, key, device.sign(keys.signed_key_message(key_id, key, fallback)))


def _as_e2e(key: SignedKey, fallback: bool) -> keys.SignedKey:
    return keys.SignedKey(key.key_id, key.key, fallback, keys.b64encode(key.signature))


def test_published_signed_keys_are_claimed_unchanged_once_then_the_fallback(
    relay_root: Path,
) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna_conn, anna = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas_conn, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            anna.account.generate_one_time_keys(2)
            otks = [
                _signed(anna, kid, key.to_base64(), False)
                for kid, key in sorted(anna.account.one_time_keys.items())
            ]
            anna.account.generate_fallback_key()
            ((fid, fkey),) = anna.account.fallback_key.items()
            fallback = _signed(anna, fid, fkey.to_base64(), True)
            published = await anna_conn.request(PublishKeys(anna_conn.ids.next(), otks, fallback))
            assert isinstance(published, KeysPublished) and published.one_time_key_count == 2
            again = await anna_conn.request(PublishKeys(anna_conn.ids.next(), otks[:1], None))
            assert isinstance(again, KeysPublished) and again.one_time_key_count == 2

            got = []
            for _ in range(3):
                reply = await jonas_conn.request(ClaimKeys(jonas_conn.ids.next(), ["WEBER-PC1"]))
                assert isinstance(reply, ClaimedKeys)
                got.append(reply.keys["WEBER-PC1"])
            assert {g.one_time_key for g in got[:2]} == set(otks)  # byte for byte
            assert got[2].one_time_key is None and all(g.fallback_key == fallback for g in got)
            assert all(g.certificate == anna.certificate for g in got)
            # A claimer checks each key against the certificate's Ed25519 key: it verifies.
            certified = read_device_certificate(got[0].certificate).ed25519_b64
            for g in got[:2]:
                assert g.one_time_key is not None
                assert keys.verify_signed_key(certified, _as_e2e(g.one_time_key, False))
            assert got[2].fallback_key is not None
            assert keys.verify_signed_key(certified, _as_e2e(got[2].fallback_key, True))
            count = await anna_conn.request(PublishKeys(anna_conn.ids.next(), [], None))
            assert isinstance(count, KeysPublished) and count.one_time_key_count == 0

    asyncio.run(scenario())


async def _send(
    client: WireClient, envelope_id: str, recipients: list[str], payload: bytes
) -> object:
    return await client.request(
        SendEnvelope(
            client.ids.next(),
            envelope_id,  # type: ignore[arg-type]
            recipients,  # type: ignore[arg-type]
            payload,
            {r: b"olm:" + r.encode() for r in recipients},  # type: ignore[misc]
        )
    )


async def _three(relay: LiveRelay) -> tuple[WireClient, Device, Device, Device]:
    anna_conn, anna = await relay.enrolled("weber.anna", "WEBER-PC1")
    c1, jonas1 = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
    c2, jonas2 = await relay.enrolled("mueller.jonas", "MUELLER-LAPTOP")
    await c1.close()
    await c2.close()
    return anna_conn, anna, jonas1, jonas2


def test_envelope_to_two_devices_is_delivered_acked_and_not_redelivered(
    relay_root: Path,
) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna_conn, _, jonas1, jonas2 = await _three(relay)
            accepted = await _send(anna_conn, "E1", ["MUELLER-PC1", "MUELLER-LAPTOP"], b"ct-1")
            assert isinstance(accepted, EnvelopeAccepted) and accepted.envelope_id == "E1"
            resent = await _send(anna_conn, "E1", ["MUELLER-PC1", "MUELLER-LAPTOP"], b"ct-1")
            assert isinstance(resent, EnvelopeAccepted)  # idempotent, stored once

            for device in (jonas1, jonas2):
                conn = await relay.client()
                reply = await conn.login(device)
                assert reply.pending == 1  # type: ignore[union-attr]
                (deliver,) = await conn.wait_deliveries(1)
                assert (deliver.envelope_id, deliver.sender_uid, deliver.sender_device) == (
                    "E1",
                    "weber.anna",
                    "WEBER-PC1",
                )
                assert deliver.payload == b"ct-1"
                assert deliver.device_payload == b"olm:" + device.device_id.encode()
                acked = await conn.request(AckDelivery(conn.ids.next(), [("WEBER-PC1", "E1")]))  # type: ignore[list-item]
                assert isinstance(acked, Acked) and acked.count == 1
                assert await conn.quiet(0.3) == []  # the resend was not stored twice
                await conn.close()
                # Reconnect: nothing is delivered again.
                back = await relay.logged_in(device)
                assert back.delivered == [] and await back.quiet(0.3) == []
                await back.close()

    asyncio.run(scenario())


def test_unacked_mail_is_redelivered_and_late_mail_is_pushed_live(relay_root: Path) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna_conn, _, jonas1, _ = await _three(relay)
            jonas_conn = await relay.logged_in(jonas1)
            for i in range(3):
                reply = await _send(anna_conn, f"E{i}", ["MUELLER-PC1"], f"ct-{i}".encode())
                assert isinstance(reply, EnvelopeAccepted)
            live = await jonas_conn.wait_deliveries(3)
            assert [d.envelope_id for d in live] == ["E0", "E1", "E2"]
            acked = await jonas_conn.request(
                AckDelivery(jonas_conn.ids.next(), [("WEBER-PC1", "E1")])
            )  # type: ignore[list-item]
            assert isinstance(acked, Acked) and acked.count == 1
            await jonas_conn.close()  # E0 and E2 never acknowledged

            again = await relay.logged_in(jonas1)
            redelivered = await again.wait_deliveries(2)
            assert [d.envelope_id for d in redelivered] == ["E0", "E2"]
            assert [d.payload for d in redelivered] == [b"ct-0", b"ct-2"]
            await again.close()

    asyncio.run(scenario())


def test_revoked_or_unknown_recipient_refuses_the_whole_envelope(relay_root: Path) -> None:
    async def scenario() -> tuple[object, object]:
        async with live_relay(relay_root) as relay:
            anna_conn, _, jonas1, _ = await _three(relay)
            await asyncio.to_thread(revoke, relay_root, "MUELLER-LAPTOP", ADMIN)
            revoked = await _send(anna_conn, "E1", ["MUELLER-PC1", "MUELLER-LAPTOP"], b"x")
            unknown = await _send(anna_conn, "E2", ["MUELLER-PC1", "GHOST"], b"x")
            ping = await anna_conn.request(Ping(anna_conn.ids.next()))
            assert isinstance(ping, Pong)  # non-fatal: the connection goes on
            jonas = await relay.logged_in(jonas1)
            assert jonas.delivered == [] and await jonas.quiet(0.3) == []  # all or nothing
            return revoked, unknown

    revoked, unknown = asyncio.run(scenario())
    assert isinstance(revoked, Error) and revoked.code is ErrorCode.DEVICE_REVOKED
    assert not revoked.fatal and "MUELLER-LAPTOP" in revoked.message
    assert isinstance(unknown, Error) and unknown.code is ErrorCode.UNKNOWN_DEVICE
    assert "GHOST" in unknown.message


def test_malformed_frame_closes_only_that_connection(relay_root: Path) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna_conn, _, jonas1, _ = await _three(relay)
            jonas_conn = await relay.logged_in(jonas1)

            await anna_conn.send_raw(msgspec.msgpack.encode({"t": "send_envelope", "req_id": 9}))
            error = await anna_conn.next_frame()
            assert isinstance(error, Error) and error.fatal
            assert error.code is ErrorCode.BAD_FRAME
            try:
                await anna_conn.next_frame(5)
                raise AssertionError("the connection should have closed")
            except Closed:
                pass

            text_client = await relay.client()
            await text_client.send_raw("hello as text")
            text_error = await text_client.next_frame()
            assert isinstance(text_error, Error) and text_error.code is ErrorCode.BAD_FRAME

            pong = await jonas_conn.request(Ping(jonas_conn.ids.next()))
            assert isinstance(pong, Pong)  # the other client is unaffected
            fresh = await relay.client()
            assert (await fresh.login(jonas1)).device_id == "MUELLER-PC1"  # type: ignore[union-attr]

    asyncio.run(scenario())
    events = [e["event"] for e in _entries(relay_root)]
    assert events.count("protocol_error") == 2


def _entries(root: Path) -> list[dict[str, object]]:
    return RelayDataDir(root).audit().entries()


def test_a_connection_that_does_not_log_in_is_closed(relay_root: Path) -> None:
    async def scenario() -> Error | None:
        async with live_relay(relay_root) as relay:
            relay.runner.server.handshake_timeout_s = 0.3
            idle = await relay.client()  # Hello/Welcome, then nothing
            with pytest.raises(Closed):
                while True:
                    await idle.next_frame(5)
            return idle.fatal

    fatal = asyncio.run(scenario())
    assert fatal is not None and fatal.code is ErrorCode.UNAUTHENTICATED


def test_pipelined_envelopes_are_group_committed_and_delivered_in_order(relay_root: Path) -> None:
    count = 120

    async def scenario() -> tuple[list[str], list[str]]:
        async with live_relay(relay_root) as relay:
            anna_conn, _, jonas1, _ = await _three(relay)
            for i in range(count):  # all sent before any reply is read
                await anna_conn.send(
                    SendEnvelope(anna_conn.ids.next(), f"P{i:03d}", ["MUELLER-PC1"], b"ct", {})  # type: ignore[arg-type, list-item]
                )
            accepted = []
            while len(accepted) < count:
                frame = await anna_conn.next_frame()
                assert isinstance(frame, EnvelopeAccepted), frame
                accepted.append(frame.envelope_id)
            jonas = await relay.logged_in(jonas1)
            delivered = [d.envelope_id for d in await jonas.wait_deliveries(count)]
            return accepted, delivered

    accepted, delivered = asyncio.run(scenario())
    expected = [f"P{i:03d}" for i in range(count)]
    assert sorted(accepted) == expected
    assert delivered == expected  # stored, and so delivered, in the order sent


@pytest.mark.parametrize("envelope_id", ["E1\nrelay: login of weber.anna refused", "E1\u202e"])
def test_an_envelope_id_with_a_line_break_or_bidi_control_is_not_stored(
    relay_root: Path, envelope_id: str
) -> None:
    """Attack: a colleague's modified client sends an envelope whose id (the sender's
    choice, logged by every recipient) holds a line break or a bidi control. Before, the
    relay stored and delivered it; now the frame is malformed (nothing stored, the
    connection closed) and Jonas gets only what was sent properly."""

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna_conn, anna, jonas1, _ = await _three(relay)
            frame = {
                "t": "send_envelope",
                "req_id": 9,
                "envelope_id": envelope_id,
                "recipients": ["MUELLER-PC1"],
                "payload": b"ct",
                "per_device": {},
                "blob_ids": [],
            }
            await anna_conn.send_raw(msgspec.msgpack.encode(frame))  # past the client's check
            error = await anna_conn.next_frame()
            assert isinstance(error, Error) and error.code is ErrorCode.BAD_FRAME
            honest = await relay.logged_in(anna)
            assert isinstance(await _send(honest, "E2", ["MUELLER-PC1"], b"ct-2"), EnvelopeAccepted)
            jonas = await relay.client()
            await jonas.login(jonas1)
            delivered = await jonas.wait_deliveries(1)
            assert [d.envelope_id for d in delivered] == ["E2"]
            assert await jonas.quiet(0.3) == []

    asyncio.run(scenario())

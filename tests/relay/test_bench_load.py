"""The relay's TLS read buffer, and ``bench load``'s machinery at tiny scale so it cannot rot.

asyncio gives each TLS connection a 256 KiB read buffer; the relay lowers it for its
process (relay/server.py ``RELAY_TLS_READ_BUFFER``), which cut a logged-in connection
from ~307 to ~78 KiB (docs/relay.md, Load). The largest frame must still arrive whole.
No timings are asserted here; the figures live in bench/bench_load.py.
"""

from __future__ import annotations

import asyncio
import asyncio.sslproto
from pathlib import Path

import pytest

from bench.bench_load import LoadConfig, report, run_load
from desktop_app.domain.ids import DeviceId, EnvelopeId
from desktop_app.protocol import Error, ErrorCode, SendEnvelope
from desktop_app.protocol.codec import encode
from desktop_app.protocol.limits import (
    MAX_DEVICE_PAYLOAD_BYTES,
    MAX_FRAME_BYTES,
    MAX_PAYLOAD_BYTES,
    KiB,
)
from desktop_app.relay.server import RELAY_TLS_READ_BUFFER
from tests.relay.conftest import live_relay

GHOSTS = 51  # x 16 KiB Olm parts + 256 KiB payload: just under MAX_FRAME_BYTES


def _largest_envelope(req_id: int) -> SendEnvelope:
    ghosts = [DeviceId(f"GHOST-PC{i:02d}") for i in range(GHOSTS)]
    return SendEnvelope(
        req_id,
        EnvelopeId("E-largest"),
        ghosts,
        b"p" * MAX_PAYLOAD_BYTES,
        {g: b"o" * MAX_DEVICE_PAYLOAD_BYTES for g in ghosts},
    )


def test_the_relay_reads_tls_in_small_buffers_and_still_gets_the_largest_frame(
    relay_root: Path,
) -> None:
    frame = _largest_envelope(1)
    size = len(encode(frame))
    assert MAX_FRAME_BYTES - 64 * KiB < size <= MAX_FRAME_BYTES

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            assert asyncio.sslproto.SSLProtocol.max_size == RELAY_TLS_READ_BUFFER < 256 * KiB
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            reply = await anna.request(_largest_envelope(anna.ids.next()))
            # Read whole and decoded: refused for its (unknown) recipients, not as a frame.
            assert isinstance(reply, Error), reply
            assert reply.code is ErrorCode.UNKNOWN_DEVICE and not reply.fatal
            assert "GHOST-PC" in reply.message

    asyncio.run(scenario())


@pytest.mark.slow
def test_load_bench_machinery_at_tiny_scale(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    cfg = LoadConfig(
        devices=20,
        workers=2,
        seconds=2.0,
        flood_payload=16 * KiB,
        limits={"mailbox_max_bytes_per_sender": 256 * KiB},
    )
    res = run_load(cfg, tmp_path)

    assert res.connections == 21 and res.closed_peers == 0
    assert res.rss_idle_kib > 0 and res.rss_ready_kib > 0
    for phase in res.phases.values():
        assert phase.sent == 40, phase.name  # 20 msg/s for 2 s
        assert len(phase.latencies) == phase.sent, phase.name  # every one delivered
        assert not phase.send_errors
    flood = res.abuse.flood
    assert 1 <= flood["accepted"] <= 16  # 256 KiB of 16 KiB envelopes, then the quota
    assert flood["refused: quota_exceeded"] >= 1
    # 64 tries from one address against the shipped cap of 32 not logged in.
    assert 1 <= res.abuse.unauth_peak <= 32
    assert res.abuse.unauth["refused before Welcome"] >= 1
    claims = res.abuse.claims
    assert claims["one-time key"] <= 2 * 20  # two per pair, then only fallback keys
    assert claims["fallback key only"] >= 20

    report(cfg, res)
    out = capsys.readouterr().out
    assert "what Mallory got" in out and "per logged-in connection" in out

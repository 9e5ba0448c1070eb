"""One host fills the relay's audit log with refusals worded by itself (found in an
audit of the relay's LAN side, 2026-12-07).

Refusals are coalesced per event, address and reason, so a host that is refused again
and again costs one line a minute. But some reasons quote what the host sent (a frame's
invalid value, a protocol version, another organisation's fingerprint in a code), so a
host that changed that value each time opened a new window, a whole audit line, every
time: up to MAX_WINDOWS (4,096) lines a minute from one address, each kept for the
audit log's retention. Now each address has at most MAX_REASONS_PER_HOST reasons of its
own per event and window; the rest share one window per address. Through a real relay."""

from __future__ import annotations

import asyncio
from pathlib import Path

import msgspec

from desktop_app.relay.audit import MAX_REASONS_PER_HOST
from desktop_app.relay.data_dir import RelayDataDir
from tests.relay.conftest import live_relay
from tests.relay.wire_client import Closed

ATTEMPTS = 60


def test_a_host_cannot_write_an_audit_line_per_refusal_by_varying_what_it_sends(
    relay_root: Path,
) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            for n in range(ATTEMPTS):
                client = await relay.client()
                frame = msgspec.msgpack.encode({"t": f"made-up-{n}", "req_id": n})
                await client.send_raw(frame)
                try:
                    while True:
                        await client.next_frame(5)
                except Closed:
                    pass

    asyncio.run(scenario())
    entries = RelayDataDir(relay_root).audit().entries()
    errors = [e for e in entries if e["event"] == "protocol_error"]
    reasons = {str(e.get("reason")) for e in errors}
    assert len(reasons) > 1, reasons  # the reasons do quote what was sent
    written = [e for e in errors if "repeated" not in e]
    assert len(written) <= MAX_REASONS_PER_HOST + 1, len(written)
    counted = sum(int(str(e["repeated"])) for e in errors if "repeated" in e)
    assert len(written) + counted == ATTEMPTS  # every refusal is still counted

"""The relay's Prometheus endpoint (issue 15, metrics for IT): counts and times, no content.

Real relay on 127.0.0.1, real clients; the endpoint is scraped over HTTP as Prometheus
would and parsed with prometheus-client's own parser.
"""

from __future__ import annotations

import asyncio
import urllib.request
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from desktop_app.protocol import Error, ErrorCode
from desktop_app.relay.metrics import MetricsAddress
from tests.relay.conftest import live_relay
from tests.relay.wire_client import Device
from tests.services.conftest import Ward

SECRET = "Kalium 6,1 bei Herrn Zimmer 12"


def scrape(port: int) -> tuple[str, dict[str, float]]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as reply:
        text = reply.read().decode("utf-8")
    samples: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            key = s.name + "".join(f"{{{k}={v}}}" for k, v in sorted(s.labels.items()))
            samples[key] = s.value
    return text, samples


def total(samples: dict[str, float], prefix: str) -> float:
    return sum(v for k, v in samples.items() if k.startswith(prefix))


def test_metrics_count_messages_deliveries_devices_and_errors_without_content(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> dict[str, Any]:
        where = MetricsAddress("127.0.0.1", 0)
        async with live_relay(relay_dir, metrics=where) as relay:
            endpoint = relay.runner.metrics_endpoint
            assert endpoint is not None and endpoint.bound is not None
            port = endpoint.bound[1]
            _, before = await asyncio.to_thread(scrape, port)
            w = Ward(relay, tmp_path, {})
            try:
                anna = await w.person("weber.anna")
                jonas = await w.person("mueller.jonas")
                for i in range(5):
                    await anna.messenger.send_text("mueller.jonas", f"{SECRET} ({i})")
                got = await jonas.messenger.sync()
                assert len(got) >= 5
                # An unknown device's login: one error frame with a code, nothing else.
                stranger = await relay.client()
                refused = await stranger.login(Device("weber.anna", "GHOST-PC"))
                assert isinstance(refused, Error) and refused.code is ErrorCode.UNKNOWN_DEVICE
                await stranger.close()
                text, after = await asyncio.to_thread(scrape, port)
                ids = [p.session.identity.device_id for p in (anna, jonas)]
                recent = jonas.session.container.conversations.recent()
                ids += [c.conversation.conversation_id for c in recent]
            finally:
                await w.close()
            return {"before": before, "after": after, "text": text, "ids": ids}

    out = asyncio.run(scenario())
    before, after, text = out["before"], out["after"], out["text"]
    assert before["wardlink_relay_envelopes_accepted_total"] == 0
    assert after["wardlink_relay_envelopes_accepted_total"] >= 5
    delivered = after["wardlink_relay_envelopes_delivered_total"]
    assert delivered >= 5
    assert after["wardlink_relay_delivery_seconds_count"] == delivered
    assert after["wardlink_relay_devices_connected"] == 2
    assert after["wardlink_relay_connections"] >= 2
    assert after["wardlink_relay_errors_total{code=unknown_device}"] == 1
    assert total(after, "wardlink_relay_database_seconds_count{operation=") > 0
    # Content-free: no uid, device, conversation or text ends up in a name or label.
    assert len(out["ids"]) == 3  # two devices, one conversation
    for secret in ("weber", "mueller", "GHOST", "Kalium", "Zimmer", *out["ids"]):
        assert secret not in text, secret

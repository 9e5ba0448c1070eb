"""`wardlink client … sync` finds a moved relay by itself; `relays` lists trusted/refused."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from zeroconf import IPVersion, ServiceInfo, Zeroconf

from desktop_app.crypto.org import create_org
from desktop_app.crypto.relay_descriptor import sign_descriptor, txt_properties
from desktop_app.relay.advertise import SERVICE_TYPE
from tests.conftest import PASSPHRASE
from tests.discovery.conftest import LOOPBACK, enrolled_client
from tests.relay.conftest import relay_process

pytestmark = pytest.mark.usefixtures("zeroconf_on_loopback")
LOOPBACK_ONLY = ("--discovery-interface", LOOPBACK)


def client(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env["WARDLINK_PASSPHRASE"] = PASSPHRASE
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "client", "--profile", str(profile), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def forged_advert(zc: Zeroconf, port: int) -> None:
    """An advert of a self-made organisation, as a laptop on the LAN could send it."""
    other = create_org("Klinikum Nord")
    blob = sign_descriptor(other.issuer, "laptop", port, bytes(32), datetime.now(UTC))
    zc.register_service(
        ServiceInfo(
            SERVICE_TYPE,
            f"laptop.{SERVICE_TYPE}",
            port=port,
            properties=txt_properties("laptop", blob),
            server="laptop.local.",
            parsed_addresses=[LOOPBACK],
        )
    )


def test_sync_finds_the_moved_relay_and_relays_lists_verdicts(
    relay_dir: Path, tmp_path: Path
) -> None:
    with relay_process(relay_dir) as first:
        old_port = first.port

        async def setup() -> None:
            anna = await enrolled_client(relay_dir, old_port, tmp_path, "weber.anna")
            jonas = await enrolled_client(relay_dir, old_port, tmp_path, "mueller.jonas")
            try:
                await anna.session.connect((LOOPBACK, old_port))
                await anna.messenger.send_text("mueller.jonas", "Labor ist fertig")
                await jonas.session.connect((LOOPBACK, old_port))  # remembers this address
            finally:
                await anna.close()
                await jonas.close()

        asyncio.run(setup())
        assert first.stop() == 0
    jonas = tmp_path / "profiles" / "mueller.jonas"
    zc = Zeroconf(interfaces=[LOOPBACK], ip_version=IPVersion.V4Only)
    try:
        with relay_process(relay_dir) as moved:
            assert moved.port != old_port
            done = client(jonas, *LOOPBACK_ONLY, "sync", "--json")
            assert done.returncode == 0, done.stderr
            got = [json.loads(line) for line in done.stdout.splitlines()]
            assert [g["text"] for g in got] == ["Labor ist fertig"]

            forged_advert(zc, moved.port)
            # --wait: long enough for both adverts on a loaded machine (1.5 s was not once)
            listed = client(jonas, *LOOPBACK_ONLY, "relays", "--wait", "4")
            assert listed.returncode == 0, listed.stderr
            # Only what this test advertised (the moved relay and the forgery share its
            # port); other relays on a shared machine's loopback are not ours to count.
            lines = [ln for ln in listed.stdout.splitlines() if f":{moved.port} " in ln]
            assert len(lines) == 2, listed.stdout
            assert lines[0].split()[1:3] == [f"127.0.0.1:{moved.port}", "trusted"]
            assert lines[1].startswith("laptop")
            assert "refused: descriptor is not signed by your organisation" in lines[1]
            assert moved.stop() == 0

        gone = client(jonas, *LOOPBACK_ONLY, "--discovery-timeout", "2.5", "sync")
        assert gone.returncode == 1
        *warnings, line = gone.stderr.strip().splitlines()
        assert warnings == [  # logged once, although the advert answered several queries
            f"wardlink: ignoring relay advert laptop.{SERVICE_TYPE}: 127.0.0.1:{moved.port}: "
            "descriptor is not signed by your organisation"
        ]
        assert line.startswith("wardlink: No relay of your organisation answered"), line
        assert "Refused 1 advert(s): descriptor is not signed by your organisation" in line
    finally:
        zc.close()

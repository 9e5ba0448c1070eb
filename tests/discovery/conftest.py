"""Discovery fixtures: real zeroconf on 127.0.0.1 only, real relays, real containers.

Multicast on loopback: Linux routes a socket's multicast to ``lo`` when the socket's
multicast interface is 127.0.0.1 (python-zeroconf sets IP_MULTICAST_IF from the
``interfaces`` list), which works out of the box on the CI kernel. If a kernel refuses,
``zeroconf_on_loopback`` tries ``ip link set lo multicast on`` (root only), restores the
flag afterwards, and otherwise skips with the reason. Nothing here ever sends on any
interface but loopback: every AsyncZeroconf gets ``interfaces=["127.0.0.1"]``.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from zeroconf import IPVersion, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.advertise import SERVICE_TYPE, AdvertiseConfig
from desktop_app.relay.runner import RelayRunner
from desktop_app.services.discovery import RelayDiscovery
from desktop_app.services.enrollment import enroll
from desktop_app.services.identity import RELAY_KEY
from desktop_app.services.messenger import Messenger
from desktop_app.services.relay_locator import RelayLocator
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import (  # the PostgreSQL fixtures: relay nodes advertising
    ADMIN,
    ORG,
    pg_relay_root,  # noqa: F401
    pg_server,  # noqa: F401
)
from tests.relay.wire_client import org_of

LOOPBACK = "127.0.0.1"
PROBE_TIMEOUT_S = 3.0


async def _loopback_round_trip() -> bool:
    """Register a throwaway service and see it from a second zeroconf instance."""
    probe = f"probe-{uuid.uuid4().hex[:8]}.{SERVICE_TYPE}"
    a = AsyncZeroconf(interfaces=[LOOPBACK], ip_version=IPVersion.V4Only)
    b = AsyncZeroconf(interfaces=[LOOPBACK], ip_version=IPVersion.V4Only)
    seen = asyncio.Event()

    def on_change(
        zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:  # zeroconf passes these by keyword
        if name == probe:
            seen.set()

    browser = AsyncServiceBrowser(b.zeroconf, SERVICE_TYPE, handlers=[on_change])
    try:
        info = AsyncServiceInfo(
            SERVICE_TYPE, probe, port=9, parsed_addresses=[LOOPBACK], properties={}
        )
        await a.async_register_service(info)
        await asyncio.wait_for(seen.wait(), PROBE_TIMEOUT_S)
        return True
    except (TimeoutError, OSError):
        return False
    finally:
        await browser.async_cancel()
        await a.async_close()
        await b.async_close()


def _lo_has_multicast() -> bool:
    out = subprocess.run(["ip", "link", "show", "lo"], capture_output=True, text=True, check=False)
    return "MULTICAST" in out.stdout


@pytest.fixture(scope="session")
def zeroconf_on_loopback() -> Iterator[None]:
    if asyncio.run(_loopback_round_trip()):
        yield
        return
    if shutil.which("ip") is None or _lo_has_multicast():
        pytest.skip("zeroconf on 127.0.0.1 does not work here (no multicast on loopback)")
    done = subprocess.run(["ip", "link", "set", "lo", "multicast", "on"], check=False)
    if done.returncode != 0:
        pytest.skip("zeroconf on 127.0.0.1 needs 'ip link set lo multicast on' (run as root)")
    try:
        if not asyncio.run(_loopback_round_trip()):
            pytest.skip("zeroconf on 127.0.0.1 does not work even with lo multicast on")
        yield
    finally:
        subprocess.run(["ip", "link", "set", "lo", "multicast", "off"], check=False)


@pytest.fixture
def relay_dir(tmp_path: Path) -> Path:
    root = tmp_path / "relay"
    init_relay(root, ORG, ADMIN, [LOOPBACK, "127.0.0.2", "localhost"], kdf=FAST_KDF)
    return root


@asynccontextmanager
async def advertised_relay(
    root: Path, lifetime: timedelta | None = None
) -> AsyncIterator[RelayRunner]:
    """The real runner on 127.0.0.1, port 0, advertising on loopback only."""
    runner = RelayRunner.load(root, ADMIN)
    config = AdvertiseConfig(interfaces=(LOOPBACK,))
    if lifetime is not None:
        config = AdvertiseConfig(interfaces=(LOOPBACK,), lifetime=lifetime)
    await runner.start(LOOPBACK, 0, config)
    try:
        yield runner
    finally:
        await runner.stop()


def port_of(runner: RelayRunner) -> int:
    assert runner.address is not None
    return runner.address[1]


def loopback_discovery(root: Path) -> RelayDiscovery:
    return RelayDiscovery(org_of(root), [LOOPBACK])


@dataclass
class Client:
    uid: str
    container: Container
    session: ClientSession
    messenger: Messenger
    locator: RelayLocator

    async def close(self) -> None:
        await self.locator.close()
        await self.session.close()
        self.container.close()


async def enrolled_client(
    root: Path, port: int, tmp: Path, uid: str, *, forget_address: bool = True
) -> Client:
    """Enroll by address (enrollment always needs one), then forget it unless told not to."""
    container = Container.create(tmp / "profiles" / uid, PASSPHRASE, Owner(uid), kdf=FAST_KDF)
    await enroll(container, (LOOPBACK, port), issue_code(root, uid).code, f"PC of {uid}")
    if forget_address:
        container.settings.delete(RELAY_KEY)
    session = ClientSession(container)
    messenger = Messenger(session)
    locator = RelayLocator(
        messenger,
        discovery=lambda: RelayDiscovery(session.org, [LOOPBACK]),
        discovery_timeout=8.0,
    )
    return Client(uid, container, session, messenger, locator)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])

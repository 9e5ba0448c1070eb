"""Real zeroconf on 127.0.0.1: find the relay, refuse rogues, follow a move, time out."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from zeroconf import IPVersion
from zeroconf.asyncio import AsyncServiceInfo, AsyncZeroconf

from desktop_app.crypto.certificates import issue_relay_certificate
from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.domain.model import MessageState
from desktop_app.relay.admin import init_relay
from desktop_app.relay.advertise import SERVICE_TYPE
from desktop_app.relay.tls_server import relay_server_context
from desktop_app.services.discovery import MAX_ADVERTS, DiscoveryTimeout
from desktop_app.services.relay_locator import RelayLocator
from tests.conftest import FAST_KDF
from tests.discovery.conftest import (
    LOOPBACK,
    advertised_relay,
    enrolled_client,
    loopback_discovery,
    port_of,
)
from tests.relay.conftest import ADMIN

pytestmark = pytest.mark.usefixtures("zeroconf_on_loopback")
FOLLOW_WITHIN_S = 5.0


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def _wait_for(predicate: Any, timeout: float, what: str) -> float:
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        await asyncio.sleep(0.05)
    return time.monotonic() - start


def test_client_finds_relay_and_exchanges_messages(relay_dir: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with advertised_relay(relay_dir) as relay:
            port = port_of(relay)
            anna = await enrolled_client(relay_dir, port, tmp_path, "weber.anna")
            jonas = await enrolled_client(relay_dir, port, tmp_path, "mueller.jonas")
            try:
                for c in (anna, jonas):
                    assert c.container.settings.get("relay.last_address") is None
                    found = await c.locator.connect()
                    assert found.source == "discovery"
                    assert found.address == (LOOPBACK, port)
                    assert found.relay_id == relay.settings.relay_id
                    # the relay that worked is remembered for next time
                    assert c.container.settings.get("relay.last_address") == f"127.0.0.1:{port}"
                sent = await anna.messenger.send_text("mueller.jonas", "Befund ist da")
                assert sent.state is MessageState.SENT
                got = await jonas.messenger.sync()
                assert [m.body for m in got] == ["Befund ist da"]
            finally:
                await anna.close()
                await jonas.close()

    run(scenario())


async def _register(zc: AsyncZeroconf, name: str, port: int, props: dict[bytes, bytes]) -> None:
    info = AsyncServiceInfo(
        SERVICE_TYPE,
        f"{name}.{SERVICE_TYPE}",
        port=port,
        properties=props,
        server=f"{name}.local.",
        parsed_addresses=["127.0.0.2"],
    )
    await (await zc.async_register_service(info))


def test_rogue_relays_are_refused_and_the_real_one_is_used(relay_dir: Path, tmp_path: Path) -> None:
    """Rogue 1: its own self-made org. Rogue 2: replays the real advert, other TLS key.

    Rogue 2's certificate even chains to the real org (a leaked or old relay
    certificate) and names the same relay id: only the SPKI check stops it. Both sort
    before the real relay, so the client meets them first.
    """
    rogue_root = tmp_path / "rogue"
    init_relay(rogue_root, "Klinikum Nord", ADMIN, [LOOPBACK], kdf=FAST_KDF)
    received: list[bytes] = []
    connections: list[int] = []

    async def rogue_handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)  # the TLS handshake completed
        try:
            received.append(await asyncio.wait_for(reader.read(4096), 5))
        except (OSError, TimeoutError):
            received.append(b"?")
        finally:
            writer.close()

    async def scenario() -> None:
        async with advertised_relay(relay_dir) as relay:
            port = port_of(relay)
            real_id = relay.settings.relay_id
            issuer = load_issuing_authority(relay_dir, ADMIN)
            stolen = issue_relay_certificate(issuer, real_id, ["127.0.0.2"])
            zc = AsyncZeroconf(interfaces=[LOOPBACK], ip_version=IPVersion.V4Only)
            anna = await enrolled_client(relay_dir, port, tmp_path, "weber.anna")
            try:
                replayer = await asyncio.start_server(
                    rogue_handler, "127.0.0.2", port, ssl=relay_server_context(stolen)
                )
                async with replayer, advertised_relay(rogue_root) as own_org_rogue:
                    assert relay.advertiser is not None and relay.advertiser._info is not None
                    real_txt = relay.advertiser._info.properties
                    await _register(zc, "0-replay", port, dict(real_txt))  # type: ignore[arg-type]
                    discovery = await anna.locator.discovery()
                    await _wait_for(lambda: len(discovery.adverts()) == 3, 10, "three adverts")
                    assert len(discovery.trusted()) == 2  # the replay's signature is genuine
                    found = await anna.locator.connect()
                    assert found.address == (LOOPBACK, port) and found.relay_id == real_id
                    await _wait_for(lambda: len(received) == len(connections), 5, "rogue")
                    # The client did TLS with the replayer (that is how it saw the wrong
                    # key) and sent not one byte above it, not even the websocket upgrade
                    # request. Whether the replayer's side of the handshake completed
                    # before the client hung up varies; either way it read nothing.
                    assert set(received) <= {b""}
                    verdicts = {a.name.split(".")[0]: a.refusal for a in discovery.adverts()}
                    assert verdicts[real_id] is None
                    assert verdicts["0-replay"] is not None
                    assert "TLS key is not the one its signed advert names" in verdicts["0-replay"]
                    rogue_id = own_org_rogue.settings.relay_id
                    assert verdicts[rogue_id] == "descriptor is not signed by your organisation"
                assert anna.session.link is not None
                assert anna.session.link.welcome.relay_id == real_id
                assert anna.session.link.conn.state.name == "READY"  # logged in at the real one
            finally:
                await anna.close()
                await zc.async_close()

    run(scenario())


def test_client_follows_relay_to_another_port_and_delivers_outbox(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        stop = asyncio.Event()
        async with advertised_relay(relay_dir) as first:
            old_port = port_of(first)
            anna = await enrolled_client(relay_dir, old_port, tmp_path, "weber.anna")
            jonas = await enrolled_client(relay_dir, old_port, tmp_path, "mueller.jonas")
        keeper = asyncio.create_task(anna.locator.keep_connected(stop))
        try:
            async with advertised_relay(relay_dir) as again:
                await _wait_for(lambda: anna.session.link is not None, 10, "first connect")
                # Jonas must exist for Anna: a first message creates the conversation.
                first_msg = await anna.messenger.send_text("mueller.jonas", "vorher")
                assert first_msg.state is MessageState.SENT
            # The relay is gone; Anna writes anyway: it waits in her container.
            await _wait_for(lambda: anna.session.link is None, 10, "noticing the relay left")
            queued = await anna.messenger.send_text("mueller.jonas", "nach dem Umzug")
            assert queued.state is MessageState.QUEUED
            async with advertised_relay(relay_dir) as moved:
                new_port = port_of(moved)
                assert new_port != port_of(again)
                took = await _wait_for(
                    lambda: (
                        anna.container.messages.get(queued.message_id).state  # type: ignore[union-attr]
                        is MessageState.SENT
                    ),
                    FOLLOW_WITHIN_S,
                    "delivering the outbox to the moved relay",
                )
                assert anna.locator.current is not None
                assert anna.locator.current.address == (LOOPBACK, new_port)
                assert took < FOLLOW_WITHIN_S
                await jonas.locator.connect()
                got = await jonas.messenger.sync()
                assert [m.body for m in got] == ["vorher", "nach dem Umzug"]
                stop.set()
                await asyncio.wait_for(keeper, 10)
        finally:
            stop.set()
            keeper.cancel()
            await asyncio.gather(keeper, return_exceptions=True)
            await anna.close()
            await jonas.close()

    run(scenario())


def test_discovery_times_out_cleanly_without_a_relay(relay_dir: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with advertised_relay(relay_dir) as relay:
            anna = await enrolled_client(relay_dir, port_of(relay), tmp_path, "weber.anna")
        locator = RelayLocator(
            anna.messenger,
            discovery=lambda: loopback_discovery(relay_dir),
            discovery_timeout=1.5,
        )
        start = time.monotonic()
        try:
            with pytest.raises(DiscoveryTimeout) as caught:
                await locator.connect()
            assert time.monotonic() - start > 1.4  # waited for the timeout, did not give up at once
            text = str(caught.value)
            assert text.startswith("No relay of your organisation answered on the local network")
            assert "--relay HOST:PORT" in text and "\n" not in text
            assert anna.session.link is None
        finally:
            await locator.close()
            await anna.close()

    run(scenario())


def test_advert_is_refreshed_before_expiry_and_withdrawn_on_stop(relay_dir: Path) -> None:
    async def scenario() -> None:
        async with loopback_discovery(relay_dir) as discovery:
            async with advertised_relay(relay_dir, lifetime=timedelta(seconds=2)) as relay:
                (first,) = await discovery.wait_trusted(5)
                assert first.port == port_of(relay) and first.descriptor is not None
                expires = first.descriptor.expires

                def refreshed() -> bool:
                    now = discovery.trusted()
                    d = now[0].descriptor if now else None
                    return d is not None and d.expires > expires

                await _wait_for(refreshed, 4, "re-signing the descriptor")
            took = await _wait_for(lambda: not discovery.adverts(), 3, "withdrawing the advert")
            assert took < 3

    run(scenario())


FAKE_ADVERTS = 80  # more than MAX_ADVERTS (64), all refused


def test_a_flood_of_refused_adverts_does_not_hide_the_real_relay(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Issue 16 #12: 80 bogus adverts seen first used to fill the cap of 64, and the real
    relay, advertised after them, was never even resolved."""

    async def scenario() -> None:
        async with advertised_relay(relay_dir) as first:
            anna = await enrolled_client(relay_dir, port_of(first), tmp_path, "weber.anna")
        zc = AsyncZeroconf(interfaces=[LOOPBACK], ip_version=IPVersion.V4Only)
        try:
            fake = {b"v": b"1", b"d": bytes(103)}
            await asyncio.gather(
                *(
                    _register(zc, f"fake-{i:03d}", 9000 + i, {**fake, b"id": b"fake-%03d" % i})
                    for i in range(FAKE_ADVERTS)
                )
            )
            discovery = await anna.locator.discovery()
            await _wait_for(  # more refused adverts than the old shared cap held
                lambda: len(discovery.adverts()) > MAX_ADVERTS, 30, "the fake adverts seen"
            )
            assert discovery.trusted() == []
            async with advertised_relay(relay_dir) as real:
                found = await anna.locator.connect()
                assert found.source == "discovery"
                assert found.address == (LOOPBACK, port_of(real))
                assert found.relay_id == real.settings.relay_id
                # remembered, so a later discovery tries this relay first
                assert anna.container.settings.get("relay.last_id") == found.relay_id
        finally:
            await anna.close()
            await zc.async_close()

    run(scenario())

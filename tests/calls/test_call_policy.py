"""Machine policies on calls, through a real relay over loopback: ``calls_allowed`` off
(no call placed, an incoming call declined at once without ringing) and
``call_udp_ports`` (media sockets only on the ports IT opened in the firewall)."""

from __future__ import annotations

import asyncio
import logging
import re
import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiortc import RTCPeerConnection

from desktop_app.domain.call_state import CallState
from desktop_app.services.call_media import CallMedia, CallRefused
from desktop_app.services.call_network import CallNetwork, gather_restricted
from tests.calls.conftest import LOOPBACK, Phone, tone

PORTS = 4


def candidates(sdp: str) -> list[tuple[str, int, str]]:
    return [
        (host, int(port), kind)
        for host, port, kind in re.findall(
            r"a=candidate:\S+ \d+ udp \d+ (\S+) (\d+) typ (\w+)", sdp
        )
    ]


def free_range(count: int) -> tuple[int, int]:
    """``count`` consecutive UDP ports free on 127.0.0.1 right now."""
    for base in range(41_000, 60_000, 97):
        with ExitStack() as held:
            try:
                for port in range(base, base + count):
                    s = held.enter_context(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
                    s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return base, base + count - 1
    raise RuntimeError("no free UDP port range on 127.0.0.1")


@contextmanager
def occupied(ports: tuple[int, int]) -> Iterator[None]:
    with ExitStack() as held:
        for port in range(ports[0], ports[1] + 1):
            s = held.enter_context(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
            s.bind(("127.0.0.1", port))
        yield


def test_calls_switched_off_place_nothing_and_decline_without_ringing(
    make_ward: Any, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas_person = await w.person("mueller.jonas")
            jonas = Phone(jonas_person)
            jonas.calls.calls_allowed = False  # as Calls(calls_allowed=...) from the policy
            try:
                media = CallMedia(tone(tmp_path / "a.wav", 440), tmp_path / "heard.wav")
                with pytest.raises(CallRefused, match="switched off on this PC"):
                    await jonas.calls.place("weber.anna", media)
                assert jonas.calls.calls == {}  # nothing was signalled
                call_id = await anna.calls.place("mueller.jonas", media)
                assert await anna.calls.wait_end(call_id, 15) is CallState.ENDED
                assert anna.calls.calls[call_id].call.end_reason.value == "declined"  # type: ignore[union-attr]
                assert "incoming" not in jonas.kinds()  # never rang
                assert jonas.calls.incoming.empty()
            finally:
                await anna.close()
                await jonas.close()

    asyncio.run(scenario())


def test_call_media_binds_only_to_the_policy_port_range(make_ward: Any, tmp_path: Path) -> None:
    low, high = free_range(2 * PORTS)
    anna_ports, jonas_ports = (low, low + PORTS - 1), (low + PORTS, high)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(
                await w.person("weber.anna"), CallNetwork(("127.0.0.1",), udp_ports=anna_ports)
            )
            jonas = Phone(
                await w.person("mueller.jonas"),
                CallNetwork(("127.0.0.1",), udp_ports=jonas_ports),
            )
            try:
                call_id = await anna.calls.place(
                    "mueller.jonas",
                    CallMedia(tone(tmp_path / "a.wav", 440), tmp_path / "anna_hears.wav"),
                )
                assert await jonas.calls.next_incoming(15) == call_id
                offer = jonas.calls.calls[call_id].offer
                assert offer is not None
                offered = candidates(offer.sdp)
                assert offered and all(h == "127.0.0.1" and k == "host" for h, _p, k in offered)
                assert all(anna_ports[0] <= p <= anna_ports[1] for _h, p, _k in offered)
                accepted = asyncio.create_task(
                    jonas.calls.accept(
                        call_id,
                        CallMedia(tone(tmp_path / "j.wav", 880), tmp_path / "jonas_hears.wav"),
                    )
                )
                assert await anna.calls.wait_answer(call_id, 15) is CallState.ACTIVE
                assert await accepted is CallState.ACTIVE
                pc = anna.calls.calls[call_id].pc
                assert pc is not None and pc.remoteDescription is not None
                answered = candidates(pc.remoteDescription.sdp)
                assert answered and all(
                    jonas_ports[0] <= p <= jonas_ports[1] for _h, p, _k in answered
                )
                await anna.calls.hangup(call_id)
            finally:
                await anna.close()
                await jonas.close()

    asyncio.run(scenario())


def test_a_full_port_range_offers_no_host_candidate_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ports = free_range(PORTS)

    async def gather() -> list[tuple[str, int, str]]:
        pc = RTCPeerConnection(CallNetwork(("127.0.0.1",), udp_ports=ports).configuration())
        try:
            pc.addTransceiver("audio")
            await gather_restricted(pc, CallNetwork(("127.0.0.1",), udp_ports=ports))
            await pc.setLocalDescription(await pc.createOffer())
            return candidates(pc.localDescription.sdp)
        finally:
            await pc.close()

    with occupied(ports), caplog.at_level(logging.WARNING, logger="wardlink.calls"):
        found = asyncio.run(gather())
    assert found == []  # nothing on a port the firewall does not open, nothing elsewhere
    assert f"no free UDP port in {ports[0]}-{ports[1]} on 127.0.0.1" in caplog.text
    assert LOOPBACK.udp_ports is None  # the default: the system picks

"""Where a call's media may go: host candidates only on the allowed local addresses,
no public STUN, TURN only when IT configured it.

aioice (under aiortc) gathers a host candidate on every non-loopback address of the PC
and aiortc adds Google's public STUN server when no ICE servers are given. Hospital PCs
often sit on a clinical and an office network, and the tests must never put media
beyond loopback, so ``gather_restricted`` does the gathering itself, before aiortc
would, on exactly ``CallNetwork.interfaces``: aioice's own ``gather_candidates`` then
finds the work done and adds nothing (aioice 0.13, checked by
tests/calls/test_call_path.py::test_offer_names_only_allowed_addresses).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from aiortc import RTCConfiguration, RTCIceServer, RTCIceTransportPolicy, RTCPeerConnection

from desktop_app.services import policy as machine


@dataclass(frozen=True, slots=True)
class TurnServer:
    url: str  # turn:HOST:PORT?transport=udp
    username: str
    credential: str


@dataclass(frozen=True, slots=True)
class CallNetwork:
    """``interfaces``: local IP addresses calls may use (policy ``call_interfaces``);
    empty means every address aioice finds (loopback excluded). ``turn_servers``:
    policy ``turn_servers``; there is never a default STUN server. ``relay_only``: only
    relayed (TURN) candidates, no host candidate is offered or paired, so media always
    passes the TURN server (wards on VLANs that cannot reach each other; tests)."""

    interfaces: tuple[str, ...] = ()
    turn_servers: tuple[TurnServer, ...] = ()
    relay_only: bool = False

    def __post_init__(self) -> None:
        for address in self.interfaces:
            ipaddress.ip_address(address)  # ValueError names the bad one

    def configuration(self) -> RTCConfiguration:
        servers = [RTCIceServer(t.url, t.username, t.credential) for t in self.turn_servers]
        policy = RTCIceTransportPolicy.RELAY if self.relay_only else RTCIceTransportPolicy.ALL
        # iceServers [] (not None): no public STUN
        return RTCConfiguration(iceServers=servers, iceTransportPolicy=policy)


def from_policy(rules: machine.Policy) -> CallNetwork:
    """The network of calls as the machine policy sets it (``call_interfaces``,
    ``turn_servers``, ``turn_only``)."""
    return CallNetwork(
        machine.call_interfaces(rules),
        tuple(TurnServer(*server) for server in machine.turn_servers(rules)),
        relay_only=machine.turn_only(rules),
    )


async def gather_restricted(pc: RTCPeerConnection, network: CallNetwork) -> None:
    """Gather host (and TURN) candidates only on ``network.interfaces``; call before
    ``setLocalDescription``. Without configured interfaces aioice's default applies
    (relay only: aioice gathers no host candidate either)."""
    if not network.interfaces:
        return
    addresses = [] if network.relay_only else list(network.interfaces)
    for transceiver in pc.getTransceivers():
        connection = transceiver.sender.transport.transport.iceGatherer._connection
        if connection._local_candidates_start:
            continue
        connection._local_candidates_start = True
        for component in sorted(connection._components):
            connection._local_candidates += await connection.get_component_candidates(
                component=component, addresses=addresses
            )
        connection._local_candidates_end = True

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

import asyncio
import ipaddress
import logging
import socket
from dataclasses import dataclass

from aioice import turn
from aioice.candidate import Candidate, candidate_foundation, candidate_priority
from aioice.ice import Connection, StunProtocol, get_host_addresses
from aiortc import RTCConfiguration, RTCIceServer, RTCIceTransportPolicy, RTCPeerConnection

from desktop_app.services import policy as machine

log = logging.getLogger("wardlink.calls")


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
    udp_ports: tuple[int, int] | None = None  # policy call_udp_ports: (lowest, highest)

    def __post_init__(self) -> None:
        for address in self.interfaces:
            ipaddress.ip_address(address)  # ValueError names the bad one
        if self.udp_ports is not None and not 0 < self.udp_ports[0] <= self.udp_ports[1]:
            raise ValueError(f"not a port range: {self.udp_ports}")

    def configuration(self) -> RTCConfiguration:
        servers = [RTCIceServer(t.url, t.username, t.credential) for t in self.turn_servers]
        policy = RTCIceTransportPolicy.RELAY if self.relay_only else RTCIceTransportPolicy.ALL
        # iceServers [] (not None): no public STUN
        return RTCConfiguration(iceServers=servers, iceTransportPolicy=policy)


def from_policy(rules: machine.Policy) -> CallNetwork:
    """The network of calls as the machine policy sets it (``call_interfaces``,
    ``turn_servers``, ``turn_only``, ``call_udp_ports``)."""
    return CallNetwork(
        machine.call_interfaces(rules),
        tuple(TurnServer(*server) for server in machine.turn_servers(rules)),
        relay_only=machine.turn_only(rules),
        udp_ports=machine.call_udp_ports(rules),
    )


async def gather_restricted(pc: RTCPeerConnection, network: CallNetwork) -> None:
    """Gather host (and TURN) candidates only on ``network.interfaces``, on a port of
    ``network.udp_ports`` if IT set a range; call before ``setLocalDescription``.
    Without configured interfaces or ports aioice's default applies (relay only: aioice
    gathers no host candidate either)."""
    if not network.interfaces and network.udp_ports is None:
        return
    addresses = list(network.interfaces) or _every_address()
    if network.relay_only:
        addresses = []
    for transceiver in pc.getTransceivers():
        connection = transceiver.sender.transport.transport.iceGatherer._connection
        if connection._local_candidates_start:
            continue
        connection._local_candidates_start = True
        for component in sorted(connection._components):
            if network.udp_ports is not None:
                connection._local_candidates += await _hosts_in_range(
                    connection, component, addresses, network.udp_ports
                )
                addresses_left: list[str] = []  # the hosts are made; aioice adds TURN only
            else:
                addresses_left = addresses
            connection._local_candidates += await connection.get_component_candidates(
                component=component, addresses=addresses_left
            )
        connection._local_candidates_end = True


def _every_address() -> list[str]:
    """What aioice itself would gather on: every non-loopback address of the PC."""
    return list(get_host_addresses(use_ipv4=True, use_ipv6=True))


async def _hosts_in_range(
    connection: Connection, component: int, addresses: list[str], ports: tuple[int, int]
) -> list[Candidate]:
    """A host candidate per address, bound to the first free port of the range: the
    same socket and candidate aioice makes, only not on a port of the system's choice.
    An address whose ports are all taken offers no host candidate (logged)."""
    loop = asyncio.get_running_loop()
    candidates = []
    for address in addresses:
        for port in range(ports[0], ports[1] + 1):
            try:
                transport, protocol = await loop.create_datagram_endpoint(
                    lambda: StunProtocol(connection), local_addr=(address, port)
                )
            except OSError:
                continue  # in use (another call) or not bindable: the next one
            break
        else:
            log.warning("no free UDP port in %d-%d on %s for a call", *ports, address)
            continue
        sock = transport.get_extra_info("socket")
        if sock is not None:  # as aioice does for its own host sockets
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, turn.UDP_SOCKET_BUFFER_SIZE)
        host, bound = transport.get_extra_info("sockname")[:2]
        protocol.local_candidate = Candidate(
            foundation=candidate_foundation("host", "udp", host),
            component=component,
            transport="udp",
            priority=candidate_priority(component, "host"),
            host=host,
            port=bound,
            type="host",
        )
        connection._protocols.append(protocol)
        candidates.append(protocol.local_candidate)
    return candidates

"""Protocol-level clients for ``bench load``: many logged-in devices per process, and Mallory.

Each worker process enrolls its share of devices through the real relay (``WireClient``:
real TLS pinned to the org root, real vodozemac signatures), publishes a few one-time
keys for each, and holds the connections. On command it sends its part of a paced
schedule of 1 KB envelopes; every recipient device, in whichever worker it lives,
stamps the arrival, acknowledges, and reports the delay. Send and arrival times are
``time.monotonic()`` (CLOCK_MONOTONIC, one clock for every process on Linux).

The abusive client (``abuser``) is one enrolled device that, during the abuse phase,
floods an offline colleague's mailbox, keeps opening connections that never log in
from its own address, and claims every colleague's one-time keys over and over. It
counts what the relay answered to each.

Processes talk to the bench over a ``multiprocessing`` pipe: a command tuple in, one
reply tuple out. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Pipe
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.org_files import load_org_certificates
from desktop_app.domain.ids import DeviceId, EnvelopeId
from desktop_app.protocol import (
    NEED_DATA,
    PROTOCOL_VERSION,
    AckDelivery,
    ClaimedKeys,
    ClaimKeys,
    Connection,
    ConnectionClosed,
    Deliver,
    Enrolled,
    EnvelopeAccepted,
    Error,
    Frame,
    Hello,
    PublishKeys,
    Role,
    SendEnvelope,
    SignedKey,
    Welcome,
)
from desktop_app.protocol.limits import MAX_DEVICES_PER_CLAIM, MAX_FRAME_BYTES
from desktop_app.services.tls_client import client_context
from tests.relay.wire_client import Closed, Device, WireClient

REPLY_TIMEOUT_S = 30.0
CONNECT_TRIES = 20
RETRY_PAUSE_S = 0.25
ONE_TIME_KEYS = 3
MESSAGE_BYTES = 1024
STAMP = struct.Struct("<1sd")  # phase letter, monotonic send time
FLOOD_WINDOW = 16
"""Envelopes Mallory keeps in flight: enough to keep the relay's queue full."""
UNAUTH_SLOTS = 64
"""Connections Mallory tries to hold open without logging in (twice the shipped cap)."""
UNAUTH_RETRY_S = 0.5
CLAIM_ROUNDS = 3
"""Times Mallory claims every colleague's key in one abuse phase."""

DeviceSpec = tuple[str, str, str]  # uid, device id, enrollment code
Send = tuple[float, int, str, str]  # offset s, local sender index, recipient id, envelope id


def _signed_key(device: Device, n: int) -> SignedKey:
    """Keys the relay hands out without reading them, signed (it checks that)."""
    return device.signed_key(f"k{n}", f"{device.device_id}-key-{n}", fallback=n == 999)


class Peer:
    """One logged-in connection: a reader task that resolves replies by req_id."""

    def __init__(self, client: WireClient, device_id: str) -> None:
        self.client = client
        self.device_id = device_id
        self.waiting: dict[int, asyncio.Future[Frame]] = {}
        self.reader: asyncio.Task[None] | None = None
        self.closed: str | None = None

    def start(self, on_deliver: Any) -> None:
        self.reader = asyncio.create_task(self._read(on_deliver))

    async def _read(self, on_deliver: Any) -> None:
        try:
            while True:
                frame = await self.client.next_frame(timeout=3600)
                if isinstance(frame, Deliver):
                    on_deliver(self, frame)
                    continue
                future = self.waiting.pop(int(getattr(frame, "req_id", 0)), None)
                if future is not None and not future.done():
                    future.set_result(frame)
                elif isinstance(frame, Error) and frame.fatal:
                    self.closed = frame.code.value
        except (Closed, TimeoutError, WebSocketException, OSError) as exc:
            self.closed = self.closed or type(exc).__name__
        for future in self.waiting.values():
            if not future.done():
                future.set_exception(ConnectionError(f"{self.device_id} closed"))

    async def request(self, frame: Frame) -> Frame:
        future: asyncio.Future[Frame] = asyncio.get_running_loop().create_future()
        self.waiting[int(getattr(frame, "req_id", 0))] = future
        await self.client.send(frame)
        return await asyncio.wait_for(future, REPLY_TIMEOUT_S)

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.reader
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.client.close(), 5)


async def enroll_one(port: int, org: OrgCertificates, spec: DeviceSpec, keys: int) -> WireClient:
    """Connect (retrying while the relay's per-address caps refuse), enroll, publish keys."""
    uid, device_id, code = spec
    last: BaseException | None = None
    for _ in range(CONNECT_TRIES):
        try:
            client = await WireClient.connect(port, org)
        except (OSError, TimeoutError, WebSocketException, Closed) as exc:
            last = exc  # refused at accept: too many handshakes from 127.0.0.1 right now
            await asyncio.sleep(RETRY_PAUSE_S)
            continue
        device = Device(uid, device_id)
        reply = await client.enroll(device, code, f"Lastplatz {device_id}")
        if not isinstance(reply, Enrolled):
            raise RuntimeError(f"{device_id} not enrolled: {reply}")
        if keys:
            published = await client.request(
                PublishKeys(
                    client.ids.next(),
                    [_signed_key(device, n) for n in range(keys)],
                    _signed_key(device, 999),
                )
            )
            if isinstance(published, Error):
                raise RuntimeError(f"{device_id} could not publish keys: {published}")
        return client
    raise RuntimeError(f"{device_id} could not connect: {last}")


# ---- well-behaved workers ---------------------------------------------------------------


@dataclass
class WorkerState:
    peers: list[Peer] = field(default_factory=list)
    latencies: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    """Per phase letter: (send time, delivery delay in ms)."""
    accept_ms: dict[str, list[float]] = field(default_factory=dict)
    send_errors: Counter[str] = field(default_factory=Counter)
    acks: set[asyncio.Task[Frame]] = field(default_factory=set)

    def delivered(self, peer: Peer, frame: Deliver) -> None:
        now = time.monotonic()
        phase, sent = STAMP.unpack_from(frame.payload)
        self.latencies.setdefault(phase.decode(), []).append((sent, (now - sent) * 1000))
        ack = AckDelivery(peer.client.ids.next(), [(frame.sender_device, frame.envelope_id)])
        task = asyncio.create_task(peer.request(ack))
        self.acks.add(task)
        task.add_done_callback(self._ack_done)

    def _ack_done(self, task: asyncio.Task[Frame]) -> None:
        """An acknowledgement that failed (a relay fallen tens of seconds behind) is
        counted with the send errors, not left as an unretrieved task exception."""
        self.acks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            self.send_errors[f"ack {type(exc).__name__}"] += 1


async def _send_one(state: WorkerState, peer: Peer, phase: str, to: str, envelope: str) -> None:
    sent = time.monotonic()
    payload = STAMP.pack(phase.encode(), sent).ljust(MESSAGE_BYTES, b"x")
    frame = SendEnvelope(peer.client.ids.next(), EnvelopeId(envelope), [DeviceId(to)], payload, {})
    try:
        reply = await peer.request(frame)
    except (ConnectionError, TimeoutError, WebSocketException) as exc:
        state.send_errors[type(exc).__name__] += 1
        return
    if isinstance(reply, EnvelopeAccepted):
        state.accept_ms.setdefault(phase, []).append((time.monotonic() - sent) * 1000)
    else:
        state.send_errors[getattr(getattr(reply, "code", None), "value", "other")] += 1


async def _run_schedule(state: WorkerState, phase: str, t0: float, sends: list[Send]) -> int:
    tasks: list[asyncio.Task[None]] = []
    for offset, index, to, envelope in sorted(sends):
        delay = t0 + offset - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(_send_one(state, state.peers[index], phase, to, envelope)))
    await asyncio.gather(*tasks)
    return len(tasks)


async def _worker_main(pipe: Pipe, port: int, root: str, devices: list[DeviceSpec], width: int):
    org = load_org_certificates(Path(root))
    state = WorkerState()
    gate = asyncio.Semaphore(width)
    loop = asyncio.get_running_loop()

    async def one(spec: DeviceSpec) -> Peer:
        async with gate:
            client = await enroll_one(port, org, spec, ONE_TIME_KEYS)
        return Peer(client, spec[1])

    started = time.monotonic()
    try:
        state.peers = list(await asyncio.gather(*(one(d) for d in devices)))
    except Exception as exc:
        pipe.send(("failed", repr(exc)))
        return
    for peer in state.peers:
        peer.start(state.delivered)
    pipe.send(("ready", len(state.peers), time.monotonic() - started))
    while True:
        command = await loop.run_in_executor(None, pipe.recv)
        if command[0] == "phase":
            _, phase, t0, sends = command
            sent = await _run_schedule(state, phase, t0, sends)
            pipe.send(("sent", sent))
        elif command[0] == "collect":
            await asyncio.sleep(0)
            pipe.send(
                (
                    "results",
                    state.latencies,
                    state.accept_ms,
                    dict(state.send_errors),
                    sum(p.closed is not None for p in state.peers),
                )
            )
        else:  # stop
            await asyncio.gather(*(p.close() for p in state.peers))
            pipe.send(("stopped",))
            return


def worker(pipe: Pipe, port: int, root: str, devices: list[DeviceSpec], width: int) -> None:
    """Process entry point: enroll ``devices``, then obey commands until "stop"."""
    asyncio.run(_worker_main(pipe, port, root, devices, width))


# ---- Mallory --------------------------------------------------------------------------


@dataclass
class AbuseCounts:
    flood: Counter[str] = field(default_factory=Counter)
    flood_bytes: int = 0
    unauth: Counter[str] = field(default_factory=Counter)
    unauth_peak: int = 0
    claims: Counter[str] = field(default_factory=Counter)
    first_refusal_s: float | None = None
    """Seconds into the phase of the flood's first quota_exceeded."""


async def _flood(
    peer: Peer, victim: str, t0: float, until: float, payload: int, counts: AbuseCounts
) -> None:
    """Envelopes to an offline mailbox, FLOOD_WINDOW in flight, until ``until``."""
    body = b"\xee" * payload
    seq = 0

    async def lane(lane_no: int) -> None:
        nonlocal seq
        while time.monotonic() < until:
            seq += 1
            frame = SendEnvelope(
                peer.client.ids.next(),
                EnvelopeId(f"flood-{lane_no}-{seq}"),
                [DeviceId(victim)],
                body,
                {},
            )
            try:
                reply = await peer.request(frame)
            except (ConnectionError, TimeoutError, WebSocketException) as exc:
                counts.flood[f"no reply ({type(exc).__name__})"] += 1
                return
            counts.flood_bytes += payload
            if isinstance(reply, EnvelopeAccepted):
                counts.flood["accepted"] += 1
            elif isinstance(reply, Error):
                counts.flood[f"refused: {reply.code.value}"] += 1
                if counts.first_refusal_s is None:
                    counts.first_refusal_s = time.monotonic() - t0
            else:
                counts.flood[type(reply).__name__] += 1

    await asyncio.gather(*(lane(n) for n in range(FLOOD_WINDOW)))


async def _unauthenticated(port: int, org: OrgCertificates, source: str, until: float, c):
    """Keep UNAUTH_SLOTS connections open from ``source`` that never log in."""
    counts: AbuseCounts = c
    held = 0

    async def slot() -> None:
        nonlocal held
        while time.monotonic() < until:
            counts.unauth["attempted"] += 1
            ws: ClientConnection | None = None
            try:
                ws = await connect(
                    f"wss://127.0.0.1:{port}/",
                    ssl=client_context(org.root_pem()),
                    max_size=MAX_FRAME_BYTES,
                    compression=None,
                    open_timeout=10,
                    local_addr=(source, 0),
                    ping_interval=None,
                )
                conn = Connection(Role.CLIENT)
                await ws.send(conn.send(Hello(PROTOCOL_VERSION, "not a device")))
                conn.receive_data(await asyncio.wait_for(ws.recv(), 10))
                if not isinstance(conn.next_event(), Welcome):
                    raise ConnectionError("no Welcome")
            except (OSError, TimeoutError, WebSocketException, ConnectionError):
                counts.unauth["refused before Welcome"] += 1
                if ws is not None:
                    with contextlib.suppress(Exception):
                        await ws.close()
                await asyncio.sleep(UNAUTH_RETRY_S)
                continue
            counts.unauth["admitted (got Welcome)"] += 1
            held += 1
            counts.unauth_peak = max(counts.unauth_peak, held)
            why = await _held_until_closed(ws, conn, until)
            held -= 1
            counts.unauth[why] += 1

    await asyncio.gather(*(slot() for _ in range(UNAUTH_SLOTS)))


async def _held_until_closed(ws: ClientConnection, conn: Connection, until: float) -> str:
    """Sit on a connection without logging in; how it ended."""
    try:
        while True:
            left = until - time.monotonic()
            if left <= 0:
                await ws.close()
                return "still open at the end (closed by Mallory)"
            try:
                data = await asyncio.wait_for(ws.recv(), left)
            except WebSocketException:
                conn.receive_data(b"")
            else:
                conn.receive_data(data)
            while (event := conn.next_event()) is not NEED_DATA:
                if isinstance(event, Error):
                    return f"closed by the relay: {event.code.value}"
                if isinstance(event, ConnectionClosed):
                    return "closed by the relay (no error frame)"
    except (TimeoutError, WebSocketException, OSError):
        with contextlib.suppress(Exception):
            await ws.close()
        return "still open at the end (closed by Mallory)"


async def _claims(peer: Peer, targets: list[str], counts: AbuseCounts) -> None:
    for _ in range(CLAIM_ROUNDS):
        for first in range(0, len(targets), MAX_DEVICES_PER_CLAIM):
            chunk = [DeviceId(t) for t in targets[first : first + MAX_DEVICES_PER_CLAIM]]
            reply = await peer.request(ClaimKeys(peer.client.ids.next(), chunk))
            if not isinstance(reply, ClaimedKeys):
                counts.claims[f"refused: {getattr(reply, 'code', reply)}"] += len(chunk)
                continue
            for key in reply.keys.values():
                if key.one_time_key is not None:
                    counts.claims["one-time key"] += 1
                elif key.fallback_key is not None:
                    counts.claims["fallback key only"] += 1
                else:
                    counts.claims["no key"] += 1


async def _abuser_main(
    pipe: Pipe, port: int, root: str, me: DeviceSpec, victim: DeviceSpec, source: str
) -> None:
    org = load_org_certificates(Path(root))
    loop = asyncio.get_running_loop()
    try:
        offline = await enroll_one(port, org, victim, 0)
        await offline.close()  # off shift: the mailbox only fills
        peer = Peer(await enroll_one(port, org, me, 0), me[1])
    except Exception as exc:
        pipe.send(("failed", repr(exc)))
        return
    peer.start(lambda _p, _f: None)
    pipe.send(("ready", 1, 0.0))
    while True:
        command = await loop.run_in_executor(None, pipe.recv)
        if command[0] != "abuse":
            await peer.close()
            pipe.send(("stopped",))
            return
        _, t0, seconds, payload, targets = command
        await asyncio.sleep(max(0.0, t0 - time.monotonic()))
        until = t0 + seconds
        counts = AbuseCounts()
        await asyncio.gather(
            _flood(peer, victim[1], t0, until, payload, counts),
            _unauthenticated(port, org, source, until, counts),
            _claims(peer, targets, counts),
        )
        pipe.send(("abused", counts))


def abuser(
    pipe: Pipe, port: int, root: str, me: DeviceSpec, victim: DeviceSpec, source: str
) -> None:
    """Process entry point for Mallory."""
    asyncio.run(_abuser_main(pipe, port, root, me, victim, source))

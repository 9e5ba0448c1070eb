"""The end-to-end message path against raw vodozemac, measured in the same run.

What is measured, and how (issue 3, section "Benchmark"):

1. **Raw vodozemac**: Megolm encrypt + decrypt of 1 KB plaintexts, a ``GroupSession`` and
   an ``InboundGroupSession`` in memory, nothing else. The baseline for 2. and 4.
2. **Delivered messages/s**: a real relay (``python -m desktop_app relay serve`` as a
   child process, real TLS, its own GIL) on 127.0.0.1 and N real clients in this
   process (SQLCipher container, ``ClientSession``, ``Messenger``): N/2 senders each
   write 1 KB texts with ``Messenger.send_text`` to a partner as fast as they can,
   while the partners receive concurrently (the loop of ``Messenger.sync``: frame ->
   ``Incoming.handle`` -> ``AckDelivery``). Delivered/s is messages decrypted and
   stored by the recipients divided by the time from the first send to the last receipt.
   The same burst then runs again with the pairs spread over child processes
   (``--processes=N``, default 2, 0: off; bench/message_path_procs.py), as ward PCs each
   have their own CPU: one process caps the first figure at one core's client CPU.
3. **Latency** at a paced aggregate rate: the same senders, each on its own schedule;
   from just before ``send_text`` to the moment the recipient's ``Incoming.handle``
   returns the message (both ends in this process, ``time.perf_counter``). A sender
   that falls behind its schedule starts its next send late; that lag is reported as
   a separate figure (time from the scheduled moment).
4. **Fan-out to a group of 500 devices**: enrolling 500 real devices (500 containers,
   500 TLS logins) is too slow for a shared box, so this measures the client-side
   crypto fan-out with the product's own classes on a real SQLCipher container
   (``MegolmOutbound.prepare``, ``sharing.share_room_key`` over ``OlmSessions``,
   ``mark_shared``, one ``MegolmOutbound.encrypt``, and the outbox writes
   ``Outgoing.queue_content`` makes), against 500 real vodozemac accounts; no relay
   round trips (device refresh, key claim, send). Four cases: a first message (Olm
   sessions opened from claimed one-time keys), the same with its key shared while the
   person types (services/key_ahead.py; Send and the share before it, apart), a new
   Megolm session over existing Olm sessions (rotation), and a message whose key is
   already shared. Beside it: the same
   vodozemac work done raw in memory, and the real path through the relay with a
   group of all N clients (``create_group`` + ``send_text``).
5. **Attachment**: a file of 500 MB of random bytes through ``send_file`` (encrypt
   into the sender's container, upload, envelope) and the recipient's ``sync``
   (download, verify, register); MB/s of the whole trip and of each half, and peak
   RSS growth (``VmHWM`` after minus ``VmRSS`` before, peak reset through
   ``/proc/PID/clear_refs``) of this process (the clients) and of the relay process.

Context rows, measured in the same run: fsync latency of the work disk (every durable
commit pays at least that; on a shared VM it swings from 0.2 to several ms), the CPU
time per delivered message of this process and of the relay during the burst (from
/proc/PID/stat, so the one-process client figure can be told from a relay limit), and
the latency of one message at a time on an otherwise idle path (the floor).

Every loop is bounded in count and time; the relay child is killed in ``finally``.
Goals from the issue are printed beside the figures; nothing is asserted.

Usage: python -m bench message_path [--quick] [--profile]
  --quick: 10 clients, paced at 50 msg/s, a 50 MB file (the fan-out stays at 500).
  --profile: run the throughput phase under cProfile and print where the time goes.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import vodozemac as vz

from bench.table import print_table

if TYPE_CHECKING:
    from bench.message_path_procs import SpreadResult
from desktop_app.crypto.e2e.account import DeviceAccount
from desktop_app.crypto.e2e.megolm_outbound import MegolmOutbound
from desktop_app.crypto.e2e.olm_sessions import OlmSessions
from desktop_app.crypto.e2e.payloads import RoomKey, encode_payload
from desktop_app.crypto.e2e.rotation import MemberDevice
from desktop_app.crypto.e2e.sharing import share_room_key
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.domain.ids import ConversationId, DeviceId, EnvelopeId, new_envelope_id
from desktop_app.domain.model import Message
from desktop_app.protocol import Deliver, Revocations
from desktop_app.protocol import content as wire
from desktop_app.protocol.limits import MAX_ACK_BATCH
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.child import wait_until_listening
from desktop_app.services import incoming_batch
from desktop_app.services.enrollment import enroll
from desktop_app.services.incoming_batch import NO_FRAME, handle_batch, linger, take_delivers
from desktop_app.services.messenger import Messenger
from desktop_app.services.outgoing import QueuedEnvelope
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner

# Only the Argon2id cost is lowered (containers and relay keys); everything else is real.
BENCH_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
PASSPHRASE = "bench passphrase, not a secret"
ADMIN = "bench admin passphrase"
ORG = "Klinikum Bench"
HOST = "127.0.0.1"
TEXT_BYTES = 1024
READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
RAW_SECONDS = 1.0
UNLOADED_MESSAGES = 30
FSYNC_SAMPLES = 50
MB = 1024 * 1024
RELAY_COMMAND = (sys.executable, "-m", "desktop_app", "relay", "serve")

GOAL_DELIVERED = 1000.0  # issue 15: bench message_path with real E2E clients
GOAL_CLIENT_CPU_MS = 1.0  # issue 15: client CPU per delivered message
GOAL_RATIO = 0.30
GOAL_P50_MS = 5.0
GOAL_P99_MS = 25.0
GOAL_FANOUT_MS = 50.0
GOAL_MB_S = 200.0
GOAL_RSS_MB = 100.0


@dataclass(frozen=True)
class Config:
    clients: int
    burst_per_sender: int
    burst_seconds: float
    paced_rate: float
    paced_seconds: float
    fanout_devices: int
    file_mb: int
    drain_seconds: float

    @classmethod
    def of(cls, argv: list[str]) -> Config:
        if "--quick" in argv:
            return cls(10, 150, 6.0, 50.0, 3.0, 500, 50, 20.0)
        return cls(50, 200, 25.0, 200.0, 10.0, 500, 500, 60.0)


# ---- process memory -------------------------------------------------------------------


def proc_status_kib(pid: int | str, field_name: str) -> int:
    """A ``VmRSS``/``VmHWM`` figure of /proc/PID/status in KiB (0 where unavailable)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def reset_peak_rss(pid: int | str) -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to clear_refs); False if refused."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc/PID/stat (0 if unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- the relay as a child process -----------------------------------------------------


@dataclass
class RelayProcess:
    proc: subprocess.Popen[str]
    port: int

    @property
    def pid(self) -> int:
        return self.proc.pid


@contextmanager
def relay_process(root: Path, command: tuple[str, ...] = RELAY_COMMAND) -> Iterator[RelayProcess]:
    """``wardlink relay serve --data root --port 0`` on 127.0.0.1; always killed and reaped.

    ``command`` is what runs ``wardlink`` (bench load passes a variant)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env["WARDLINK_ADMIN_PASSPHRASE"] = ADMIN
    log = root.parent / "relay-stderr.log"
    with log.open("a") as err:
        proc = subprocess.Popen(
            [*command, "--data", str(root), "--host", HOST, "--port", "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=env,
        )
    try:
        _host, port = wait_until_listening(proc, READY_TIMEOUT_S)
        yield RelayProcess(proc, port)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
        proc.wait(STOP_TIMEOUT_S)
        if proc.stdout is not None:
            proc.stdout.close()


# ---- clients --------------------------------------------------------------------------


@dataclass
class Client:
    uid: str
    container: Container
    messenger: Messenger

    @property
    def session(self) -> ClientSession:
        return self.messenger.s

    async def close(self) -> None:
        await self.session.close()
        self.container.close()


async def new_client(relay_root: Path, work: Path, uid: str, port: int) -> Client:
    container = Container.create(work / "profiles" / uid, PASSPHRASE, Owner(uid), kdf=BENCH_KDF)
    code = issue_code(relay_root, uid).code
    await enroll(container, (HOST, port), code, f"bench PC of {uid}")
    messenger = Messenger(ClientSession(container))
    await messenger.connect((HOST, port))
    return Client(uid, container, messenger)


def body_for(tag: str) -> str:
    head = f"{tag}|"
    return head + "x" * (TEXT_BYTES - len(head))


def tag_of(message: Message) -> str:
    return message.body.split("|", 1)[0]


@dataclass
class Receipts:
    """Who got what when: tag -> perf_counter at ``Incoming.handle`` return."""

    at: dict[str, float] = field(default_factory=dict)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    waiting_for: int = 0

    def got(self, message: Message, now: float) -> None:
        self.at.setdefault(tag_of(message), now)
        if self.waiting_for and len(self.at) >= self.waiting_for:
            self.arrived.set()

    def expect(self, count: int) -> None:
        self.waiting_for = count
        self.arrived.clear()
        if len(self.at) >= count:
            self.arrived.set()


async def receive_loop(client: Client, receipts: Receipts, stop: asyncio.Event) -> None:
    """``Messenger.sync``'s loop without its idle exit: what has arrived is one batch
    (``incoming_batch.handle_batch``), stored, made durable, then acknowledged."""
    link = client.session.require_link()
    incoming = client.messenger.incoming
    to_ack: list[tuple[str, str]] = []
    after: object = NO_FRAME
    while not stop.is_set():
        if after is NO_FRAME and to_ack:  # as the product: one ack for what comes together
            after = await linger(link.incoming)
            if after is NO_FRAME:
                await incoming.acknowledge(to_ack)
                to_ack = []
                continue
        if after is not NO_FRAME:
            frame, after = after, NO_FRAME
        else:
            try:
                frame = await asyncio.wait_for(link.incoming.get(), 0.1)
            except TimeoutError:
                if to_ack:
                    await incoming.acknowledge(to_ack)
                    to_ack = []
                continue
        if frame is None:
            break
        if isinstance(frame, Revocations):
            client.session.peers.accept_revocations(frame.crl)
            continue
        assert isinstance(frame, Deliver)
        frames, after = take_delivers(frame, link.incoming, MAX_ACK_BATCH - len(to_ack))
        batch = await handle_batch(incoming, frames)
        now = time.perf_counter()
        for message in batch.messages:
            receipts.got(message, now)
        to_ack += batch.handled
        if len(to_ack) >= MAX_ACK_BATCH:
            await incoming.acknowledge(to_ack)
            to_ack = []
    if to_ack:
        with contextlib.suppress(Exception):
            await incoming.acknowledge(to_ack)


def percentile(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


# ---- 1. raw vodozemac -----------------------------------------------------------------


def raw_megolm_per_s(seconds: float = RAW_SECONDS, max_messages: int = 200_000) -> float:
    """Megolm encrypt + decrypt of 1 KB in memory; messages per second."""
    outbound = vz.GroupSession()
    inbound = vz.InboundGroupSession(outbound.session_key)
    plaintext = os.urandom(TEXT_BYTES)
    done = 0
    start = time.perf_counter()
    deadline = start + seconds
    while done < max_messages:
        for _ in range(100):
            decrypted = inbound.decrypt(outbound.encrypt(plaintext))
            assert decrypted.plaintext == plaintext
        done += 100
        if time.perf_counter() >= deadline:
            break
    return done / (time.perf_counter() - start)


def fsync_ms(directory: Path, count: int = FSYNC_SAMPLES) -> tuple[float, float]:
    """p50 / p90 of fsync after a 4 KB append in ``directory``: what one durable commit
    costs at least on this disk right now (shared machines swing a lot)."""
    path = directory / "fsync-probe"
    samples: list[float] = []
    with path.open("ab") as fh:
        for _ in range(count):
            fh.write(b"\0" * 4096)
            fh.flush()
            start = time.perf_counter()
            os.fsync(fh.fileno())
            samples.append((time.perf_counter() - start) * 1000)
    path.unlink()
    return percentile(samples, 50), percentile(samples, 90)


# ---- 4. fan-out: product crypto layer on a real container, and raw vodozemac -----------


@dataclass(frozen=True)
class FanoutResult:
    devices: int
    first_ms: float  # Olm sessions opened from claimed keys
    rotate_ms: float  # new Megolm session over existing Olm sessions
    steady_ms: float  # key already shared: one Megolm encrypt + outbox write
    raw_first_ms: float
    raw_rotate_ms: float
    share_bytes: int
    ahead_share_ms: float  # a first message's key shared while typing (off the Send path)
    ahead_send_ms: float  # ... and then Send: prepare finds it shared, one Megolm step


def _peer_devices(
    count: int, name: str = "fanout"
) -> tuple[list[MemberDevice], dict[str, str], list[vz.Account]]:
    members: list[MemberDevice] = []
    claimed: dict[str, str] = {}
    accounts: list[vz.Account] = []
    for i in range(count):
        account = vz.Account()
        account.generate_one_time_keys(1)
        device_id = f"{name}-device-{i:04d}"
        members.append(
            MemberDevice(
                device_id, account.curve25519_key.to_base64(), account.ed25519_key.to_base64()
            )
        )
        claimed[device_id] = next(iter(account.one_time_keys.values())).to_base64()
        accounts.append(account)
    return members, claimed, accounts


def fanout(work: Path, count: int) -> FanoutResult:
    members, claimed, _accounts = _peer_devices(count)
    container = Container.create(work / "fanout", PASSPHRASE, Owner("fanout"), kdf=BENCH_KDF)
    encoder = msgspec.msgpack.Encoder()
    try:
        key = container.pickle_key
        account = DeviceAccount.load_or_create(container.pickles, key)
        olm = OlmSessions(account, container.pickles, key)
        outbound = MegolmOutbound(
            container.pickles,
            key,
            own_device_id="fanout-sender",
            own_ed25519=account.identity_keys.ed25519,
        )
        content = wire.encode(wire.ChatMessage(1, "m" * 16, 0, body_for("fanout"), False, []))
        now = datetime.now(UTC)
        share_bytes = 0

        def enqueue(ids: tuple[str, ...], payload: bytes, parts: dict[str, bytes]) -> None:
            container.outbox.enqueue(
                EnvelopeId(new_envelope_id()),
                tuple(DeviceId(d) for d in ids),
                encoder.encode(QueuedEnvelope(payload, parts)),
                None,
                now,
            )

        def share(conversation: str, keys: dict[str, str] | None, to: list[MemberDevice]) -> None:
            """The room key part of ``Outgoing.queue_content`` (what key_ahead does while
            the person types), without its relay round trips."""
            nonlocal share_bytes
            plan = outbound.prepare(conversation, frozenset(to), now)
            if plan.pending:
                olm.preload((d.device_id, d.curve25519) for d in plan.pending)
                # One commit for the ratchet steps, the envelope and the marks, as
                # Outgoing._share; ONE_COMMIT_PER_SHARE = False: the same-run baseline.
                with container.database.atomic() if ONE_COMMIT_PER_SHARE else _nothing():
                    shared = share_room_key(
                        olm, plan, own_device_id="fanout-sender", claimed_keys=keys
                    )
                    assert not shared.needs_one_time_key
                    parts = {
                        device: wire.encode(wire.OlmPart(1, ct.message_type, ct.body))
                        for device, ct in shared.ciphertexts.items()
                    }
                    share_bytes = sum(len(p) for p in parts.values())
                    enqueue(tuple(parts), b"", parts)
                    outbound.mark_shared(conversation, plan.session_id, shared.ciphertexts)

        def encrypt(conversation: str, to: list[MemberDevice]) -> None:
            """The message itself: one Megolm step and its envelope."""
            megolm = outbound.encrypt(conversation, content, now)
            body = wire.encode(wire.EnvelopeBody(1, conversation, megolm.session_id, megolm.body))
            enqueue(tuple(sorted(m.device_id for m in to)), body, {})

        def send_one(conversation: str, keys: dict[str, str] | None) -> float:
            """``Outgoing.queue_content`` without its relay round trips; ms."""
            start = time.perf_counter()
            share(conversation, keys, members)
            encrypt(conversation, members)
            return (time.perf_counter() - start) * 1000

        first = send_one("fanout-conv-1", claimed)
        steady = statistics.median(send_one("fanout-conv-1", None) for _ in range(5))
        rotate = send_one("fanout-conv-2", None)
        # The first message to 500 other devices (no Olm sessions yet) once more, with its
        # key shared while the person types (services/key_ahead.py): Send is the rest.
        fresh, fresh_claimed, _fresh_accounts = _peer_devices(count, "ahead")
        start = time.perf_counter()
        share("fanout-conv-3", fresh_claimed, fresh)
        ahead_share = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        plan = outbound.prepare("fanout-conv-3", frozenset(fresh), now)
        assert not plan.pending  # what queue_content finds at Send: nothing to share
        encrypt("fanout-conv-3", fresh)
        ahead_send = (time.perf_counter() - start) * 1000
    finally:
        container.close()
    raw_first, raw_rotate = _raw_fanout(count)
    return FanoutResult(
        count, first, rotate, steady, raw_first, raw_rotate, share_bytes, ahead_share, ahead_send
    )


ONE_COMMIT_PER_SHARE = True  # fanout(): False = one commit per Olm session (baseline)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _raw_fanout(count: int) -> tuple[float, float]:
    """The same vodozemac calls in memory: sessions from one-time keys (first) or existing
    sessions (rotation), each encrypting a room-key-sized payload, plus one Megolm encrypt."""
    members, claimed, _ = _peer_devices(count)
    sender = vz.Account()
    group = vz.GroupSession()
    plaintext = encode_payload_like(members[0], group)
    content = os.urandom(TEXT_BYTES)
    start = time.perf_counter()
    sessions = []
    for m in members:
        session = sender.create_outbound_session(
            vz.Curve25519PublicKey.from_base64(m.curve25519),
            vz.Curve25519PublicKey.from_base64(claimed[m.device_id]),
        )
        session.encrypt(plaintext)
        sessions.append(session)
    group.encrypt(content)
    first = (time.perf_counter() - start) * 1000
    group = vz.GroupSession()
    start = time.perf_counter()
    for session in sessions:
        session.encrypt(plaintext)
    group.encrypt(content)
    rotate = (time.perf_counter() - start) * 1000
    return first, rotate


def encode_payload_like(member: MemberDevice, group: vz.GroupSession) -> bytes:
    """A room-key payload of the real size, to give raw Olm the same plaintext length."""
    room_key = RoomKey(
        "fanout-conv", group.session_id, group.session_key.to_base64(), member.ed25519
    )
    return encode_payload(
        room_key,
        sender_device_id="fanout-sender",
        recipient_device_id=member.device_id,
        recipient_ed25519=member.ed25519,
    )


# ---- 2., 3., real group fan-out, 5.: clients through the relay -------------------------


@dataclass
class PathResults:
    setup_s: float = 0.0
    burst_sent: int = 0
    burst_delivered: int = 0
    burst_seconds: float = 0.0
    paced_target: float = 0.0
    paced_sent: int = 0
    paced_delivered: int = 0
    paced_rate: float = 0.0
    lat_ms: list[float] = field(default_factory=list)
    lag_ms: list[float] = field(default_factory=list)
    send_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    group_devices: int = 0
    group_create_ms: float = 0.0
    group_send_ms: float = 0.0
    file_bytes: int = 0
    upload_s: float = 0.0
    download_s: float = 0.0
    client_rss_kib: int = 0
    relay_rss_kib: int = 0
    relay_rss_reset: bool = False
    burst_cpu_clients: float = 0.0
    burst_cpu_relay: float = 0.0
    base_cpu_clients: float = 0.0  # the same burst with incoming_batch.BATCHED = False
    base_cpu_relay: float = 0.0
    base_delivered: int = 0
    base_seconds: float = 0.0
    disk_after_burst: tuple[float, float] = (0.0, 0.0)
    profile: str = ""


async def burst(
    pairs: list[tuple[Client, Client, ConversationId]],
    receipts: Receipts,
    per_sender: int,
    seconds: float,
    drain_s: float,
    res: PathResults,
    prefix: str = "b",
) -> None:
    """Every sender sends as fast as it can; receivers run meanwhile."""
    sent: list[str] = []
    start = time.perf_counter()
    deadline = start + seconds

    async def sender(index: int, client: Client, cid: ConversationId) -> None:
        for seq in range(per_sender):
            if time.perf_counter() >= deadline:
                return
            tag = f"{prefix}{index}.{seq}"
            await client.messenger.send_text(cid, body_for(tag))
            sent.append(tag)

    await asyncio.gather(*(sender(i, s, cid) for i, (s, _r, cid) in enumerate(pairs)))
    wanted = set(sent)
    end = time.monotonic() + drain_s
    while time.monotonic() < end and not wanted <= receipts.at.keys():
        await asyncio.sleep(0.05)
    got = [receipts.at[t] for t in wanted if t in receipts.at]
    res.burst_sent = len(wanted)
    res.burst_delivered = len(got)
    res.burst_seconds = (max(got) - start) if got else float("nan")


async def paced(
    pairs: list[tuple[Client, Client, ConversationId]],
    receipts: Receipts,
    rate: float,
    seconds: float,
    drain_s: float,
    res: PathResults,
) -> None:
    """Each sender on its own schedule, together ``rate`` messages per second.

    A sender that falls behind sends late; after twice the planned time it stops."""
    senders = len(pairs)
    total = int(rate * seconds)
    started: dict[str, float] = {}
    scheduled: dict[str, float] = {}
    send_ms: list[float] = []
    t0 = time.perf_counter() + 0.05
    hard_stop = t0 + 2 * seconds

    async def sender(index: int, client: Client, cid: ConversationId) -> None:
        for k in range(index, total, senders):
            if time.perf_counter() >= hard_stop:
                return
            due = t0 + k / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tag = f"p{index}.{k}"
            scheduled[tag] = due
            begin = time.perf_counter()
            started[tag] = begin
            await client.messenger.send_text(cid, body_for(tag))
            send_ms.append((time.perf_counter() - begin) * 1000)

    await asyncio.gather(*(sender(i, s, cid) for i, (s, _r, cid) in enumerate(pairs)))
    elapsed = time.perf_counter() - t0
    end = time.monotonic() + drain_s
    while time.monotonic() < end and not started.keys() <= receipts.at.keys():
        await asyncio.sleep(0.05)
    res.paced_target = rate
    res.paced_sent = len(started)
    res.paced_rate = len(started) / elapsed
    res.lat_ms = [(receipts.at[t] - started[t]) * 1000 for t in started if t in receipts.at]
    res.lag_ms = [(receipts.at[t] - scheduled[t]) * 1000 for t in started if t in receipts.at]
    res.paced_delivered = len(res.lat_ms)
    res.send_ms = send_ms


async def unloaded(
    pair: tuple[Client, Client, ConversationId], receipts: Receipts, count: int
) -> list[float]:
    """One message at a time on an otherwise idle path: the latency floor."""
    sender, _receiver, cid = pair
    out: list[float] = []
    for i in range(count):
        tag = f"u{i}"
        begin = time.perf_counter()
        await sender.messenger.send_text(cid, body_for(tag))
        end = time.monotonic() + 5.0
        while tag not in receipts.at and time.monotonic() < end:
            await asyncio.sleep(0.0005)
        if tag in receipts.at:
            out.append((receipts.at[tag] - begin) * 1000)
        await asyncio.sleep(0.02)
    return out


async def message_path(cfg: Config, work: Path, profile: bool) -> PathResults:
    res = PathResults()
    relay_root = work / "relay"
    init_relay(relay_root, ORG, ADMIN, [HOST], kdf=BENCH_KDF)
    clients: list[Client] = []
    stop = asyncio.Event()
    loops: list[asyncio.Task[None]] = []
    with relay_process(relay_root) as relay:
        try:
            t = time.perf_counter()
            for i in range(cfg.clients):
                clients.append(await new_client(relay_root, work, f"bench.user{i:03d}", relay.port))
            half = cfg.clients // 2
            senders, receivers = clients[:half], clients[half:]
            receipts = Receipts()
            loops = [asyncio.create_task(receive_loop(r, receipts, stop)) for r in receivers]
            pairs: list[tuple[Client, Client, ConversationId]] = []
            for i, (s, r) in enumerate(zip(senders, receivers, strict=True)):
                first = await s.messenger.send_text(r.uid, body_for(f"w{i}"))
                pairs.append((s, r, first.conversation_id))
            receipts.expect(len(pairs))
            await asyncio.wait_for(receipts.arrived.wait(), cfg.drain_seconds)
            res.setup_s = time.perf_counter() - t

            # Same-run baseline for the clients' CPU: received envelopes one transaction
            # per step (several commits each) instead of one per batch.
            base = PathResults()
            incoming_batch.BATCHED = False
            cpu_self, cpu_relay = time.process_time(), cpu_seconds(relay.pid)
            try:
                await burst(
                    pairs,
                    receipts,
                    cfg.burst_per_sender,
                    cfg.burst_seconds,
                    cfg.drain_seconds,
                    base,
                    prefix="a",
                )
            finally:
                incoming_batch.BATCHED = True
            res.base_cpu_clients = time.process_time() - cpu_self
            res.base_cpu_relay = cpu_seconds(relay.pid) - cpu_relay
            res.base_delivered = base.burst_delivered
            res.base_seconds = base.burst_seconds

            profiler = cProfile.Profile() if profile else None
            if profiler is not None:
                profiler.enable()
            cpu_self, cpu_relay = time.process_time(), cpu_seconds(relay.pid)
            await burst(
                pairs, receipts, cfg.burst_per_sender, cfg.burst_seconds, cfg.drain_seconds, res
            )
            res.burst_cpu_clients = time.process_time() - cpu_self
            res.burst_cpu_relay = cpu_seconds(relay.pid) - cpu_relay
            res.disk_after_burst = fsync_ms(work)
            if profiler is not None:
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
                res.profile = out.getvalue()
            await paced(pairs, receipts, cfg.paced_rate, cfg.paced_seconds, cfg.drain_seconds, res)
            res.floor_ms = await unloaded(pairs[0], receipts, UNLOADED_MESSAGES)
            stop.set()
            await asyncio.gather(*loops, return_exceptions=True)
            loops = []

            # The real path to a group of every client's device.
            owner = clients[0]
            others = [c.uid for c in clients[1:]]
            res.group_devices = len(others)
            t = time.perf_counter()
            cid = await owner.messenger.create_group("Bench-Station", others)
            res.group_create_ms = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            await owner.messenger.send_text(cid, body_for("g"))
            res.group_send_ms = (time.perf_counter() - t) * 1000

            # Attachment: close everyone but one pair so the RSS figures are theirs.
            sender, receiver, _ = pairs[0]
            for c in clients:
                if c is not sender and c is not receiver:
                    await c.close()
            clients = [sender, receiver]
            await receiver.messenger.sync()  # drain group traffic first
            await attachment(sender, receiver, work, cfg.file_mb, relay.pid, res)
        finally:
            stop.set()
            for task in loops:
                task.cancel()
            await asyncio.gather(*loops, return_exceptions=True)
            for c in clients:
                with contextlib.suppress(Exception):
                    await c.close()
    return res


async def attachment(
    sender: Client, receiver: Client, work: Path, size_mb: int, relay_pid: int, res: PathResults
) -> None:
    source = work / "scan.bin"
    with source.open("wb") as fh:
        for _ in range(size_mb):
            fh.write(os.urandom(MB))
    res.file_bytes = size_mb * MB
    before_client = proc_status_kib("self", "VmRSS")
    before_relay = proc_status_kib(relay_pid, "VmRSS")
    reset_peak_rss("self")
    res.relay_rss_reset = reset_peak_rss(relay_pid)
    t = time.perf_counter()
    await sender.messenger.send_file(receiver.uid, source, "bench attachment")
    res.upload_s = time.perf_counter() - t
    got: list[float] = []
    t = time.perf_counter()
    await receiver.messenger.sync(on_message=lambda _m: got.append(time.perf_counter()))
    res.download_s = (got[0] if got else time.perf_counter()) - t
    res.client_rss_kib = proc_status_kib("self", "VmHWM") - before_client
    res.relay_rss_kib = proc_status_kib(relay_pid, "VmHWM") - before_relay
    source.unlink()


# ---- the table ------------------------------------------------------------------------


def _ok(good: bool) -> str:
    return "yes" if good else "MISSED"


def report(
    cfg: Config,
    raw: float,
    fan: FanoutResult,
    res: PathResults,
    disk: tuple[float, float],
    fan_base: FanoutResult,
    spread: SpreadResult | None = None,
) -> None:
    delivered_s = res.burst_delivered / res.burst_seconds if res.burst_seconds else 0.0
    ratio = delivered_s / raw
    p50 = percentile(res.lat_ms, 50)
    p99 = percentile(res.lat_ms, 99)
    mb = res.file_bytes / MB
    trip_s = res.upload_s + res.download_s
    mb_s = mb / trip_s if trip_s else 0.0
    rss_mb = max(res.client_rss_kib, res.relay_rss_kib) / 1024
    senders = cfg.clients // 2
    per_msg = 1000 / res.burst_delivered if res.burst_delivered else 0.0
    cpu_clients_ms = res.burst_cpu_clients * per_msg
    cpu_relay_ms = res.burst_cpu_relay * per_msg
    per_base = 1000 / res.base_delivered if res.base_delivered else 0.0
    base_clients_ms = res.base_cpu_clients * per_base
    base_s = res.base_delivered / res.base_seconds if res.base_seconds else 0.0
    rows: list[list[object]] = [
        ["raw vodozemac Megolm encrypt+decrypt, 1 KB (msg/s)", f"{raw:,.0f}", "baseline", "-"],
        [
            "disk: fsync of a 4 KB append p50 / p90 (ms), at start; after the burst",
            f"{disk[0]:.2f} / {disk[1]:.2f}; "
            f"{res.disk_after_burst[0]:.2f} / {res.disk_after_burst[1]:.2f}",
            "baseline",
            "-",
        ],
        [
            f"delivered 1 KB msg/s, {cfg.clients} clients ({senders} senders -> partners)",
            f"{delivered_s:,.0f}",
            f">= {GOAL_DELIVERED:,.0f}",
            _ok(delivered_s >= GOAL_DELIVERED),
        ],
        [
            "  ratio to raw vodozemac",
            f"{ratio:.2%}",
            f">= {GOAL_RATIO:.0%}",
            _ok(ratio >= GOAL_RATIO),
        ],
        [
            f"  delivered / sent in the burst ({res.burst_seconds:.1f} s)",
            f"{res.burst_delivered}/{res.burst_sent}",
            "all",
            _ok(res.burst_delivered == res.burst_sent),
        ],
        [
            "  CPU per delivered message: clients (this process) / relay (ms)",
            f"{cpu_clients_ms:.2f} / {cpu_relay_ms:.2f}",
            f"<= {GOAL_CLIENT_CPU_MS:.0f} / -",
            _ok(cpu_clients_ms <= GOAL_CLIENT_CPU_MS),
        ],
        [
            "  same burst before it, receiving one commit per step: clients CPU (ms); msg/s",
            f"{base_clients_ms:.2f}; {base_s:,.0f}",
            "baseline",
            "-",
        ],
        [
            "  clients CPU per message, now / that baseline",
            f"{cpu_clients_ms / base_clients_ms if base_clients_ms else 0:.2f}",
            "-",
            "-",
        ],
        [
            "  ceiling if CPU-bound on one core: clients / relay (msg/s)",
            f"{1000 / cpu_clients_ms if cpu_clients_ms else 0:,.0f} / "
            f"{1000 / cpu_relay_ms if cpu_relay_ms else 0:,.0f}",
            "-",
            "-",
        ],
        *_spread_rows(spread),
        [
            f"send->decrypted p50 (ms), paced {res.paced_target:.0f} msg/s",
            f"{p50:.1f}",
            f"<= {GOAL_P50_MS:.0f}",
            _ok(p50 <= GOAL_P50_MS),
        ],
        [
            f"send->decrypted p99 (ms), paced {res.paced_target:.0f} msg/s",
            f"{p99:.1f}",
            f"<= {GOAL_P99_MS:.0f}",
            _ok(p99 <= GOAL_P99_MS),
        ],
        [
            "  achieved rate (msg/s); delivered/sent",
            f"{res.paced_rate:.0f}; {res.paced_delivered}/{res.paced_sent}",
            f"{res.paced_target:.0f}",
            _ok(res.paced_rate >= 0.95 * res.paced_target),
        ],
        [
            "  p50 / p99 from the scheduled moment (ms)",
            f"{percentile(res.lag_ms, 50):.1f} / {percentile(res.lag_ms, 99):.1f}",
            "-",
            "-",
        ],
        [
            "  sender's send_text until EnvelopeAccepted p50 / p99 (ms)",
            f"{percentile(res.send_ms, 50):.1f} / {percentile(res.send_ms, 99):.1f}",
            "-",
            "-",
        ],
        [
            "  one pair, one message at a time, idle system p50 / p99 (ms)",
            f"{percentile(res.floor_ms, 50):.1f} / {percentile(res.floor_ms, 99):.1f}",
            "-",
            "-",
        ],
        [
            f"fan-out to {fan.devices} devices, crypto layer + outbox, first msg (ms) [a]",
            f"{fan.first_ms:.0f}",
            f"<= {GOAL_FANOUT_MS:.0f}",
            _ok(fan.first_ms <= GOAL_FANOUT_MS),
        ],
        [
            "  same, key shared while typing (key_ahead): Send (ms) [a]",
            f"{fan.ahead_send_ms:.1f}",
            f"<= {GOAL_FANOUT_MS:.0f}",
            _ok(fan.ahead_send_ms <= GOAL_FANOUT_MS),
        ],
        [
            "    the share while typing, before Send (ms) [a]",
            f"{fan.ahead_share_ms:.0f}",
            "-",
            "-",
        ],
        [
            "  same, new Megolm session over existing Olm sessions (ms) [a]",
            f"{fan.rotate_ms:.0f}",
            f"<= {GOAL_FANOUT_MS:.0f}",
            _ok(fan.rotate_ms <= GOAL_FANOUT_MS),
        ],
        [
            "  same, key already shared: 1 Megolm encrypt + outbox (ms) [a]",
            f"{fan.steady_ms:.1f}",
            f"<= {GOAL_FANOUT_MS:.0f}",
            _ok(fan.steady_ms <= GOAL_FANOUT_MS),
        ],
        [
            "  same two, one commit per Olm session as before (ms) [a]",
            f"{fan_base.first_ms:.0f} / {fan_base.rotate_ms:.0f}",
            "baseline",
            "-",
        ],
        [
            "  raw vodozemac, first msg / over existing sessions (ms)",
            f"{fan.raw_first_ms:.0f} / {fan.raw_rotate_ms:.0f}",
            "baseline",
            "-",
        ],
        [
            "  Olm parts of one room-key share (KB)",
            f"{fan.share_bytes / 1024:.0f}",
            "-",
            "-",
        ],
        [
            f"real path, group of {res.group_devices} devices: create_group (ms) [b]",
            f"{res.group_create_ms:.0f}",
            "-",
            "-",
        ],
        [
            f"real path, group of {res.group_devices} devices: send_text (ms) [b]",
            f"{res.group_send_ms:.0f}",
            "-",
            "-",
        ],
        [
            f"attachment {mb:.0f} MB, send_file + sync (MB/s)",
            f"{mb_s:.1f}",
            f">= {GOAL_MB_S:.0f}",
            _ok(mb_s >= GOAL_MB_S),
        ],
        [
            "  send_file (encrypt into container + upload) / sync (download + verify) (s)",
            f"{res.upload_s:.1f} / {res.download_s:.1f}",
            "-",
            "-",
        ],
        [
            "  peak RSS growth, clients (this process) (MB)",
            f"{res.client_rss_kib / 1024:.0f}",
            f"<= {GOAL_RSS_MB:.0f}",
            _ok(res.client_rss_kib / 1024 <= GOAL_RSS_MB),
        ],
        [
            "  peak RSS growth, relay process (MB)"
            + ("" if res.relay_rss_reset else " (peak not reset)"),
            f"{res.relay_rss_kib / 1024:.0f}",
            f"<= {GOAL_RSS_MB:.0f}",
            _ok(rss_mb <= GOAL_RSS_MB),
        ],
    ]
    print_table(["message path", "measured", "goal", "met"], rows)
    print(
        f"\nSetup of {cfg.clients} clients (enroll, login, first message each): "
        f"{res.setup_s:.1f} s. Relay: child process on {HOST}, real TLS; clients: this "
        "process, one event loop.\n"
        "[a] not through the relay: MegolmOutbound/share_room_key/OlmSessions on a real "
        f"SQLCipher container to {fan.devices} real vodozemac accounts, no device refresh, "
        "key claim or send.\n"
        "[b] through the relay, every step (device refresh, key claim, Olm share, outbox, "
        "EnvelopeAccepted)."
        + (
            ""
            if spread is None
            else "\n[c] the burst's pairs spread over child processes, as PCs each have "
            "their own CPU; same relay command, its own relay (bench/message_path_procs.py)."
        )
    )
    if res.profile:
        print("\ncProfile of the throughput phase (bench process: clients):\n")
        print(res.profile)


def _spread_rows(spread: SpreadResult | None) -> list[list[object]]:
    if spread is None:
        return []
    rate = spread.delivered_per_s
    return [
        [
            f"delivered 1 KB msg/s, {spread.clients} clients in {spread.processes} processes [c]",
            f"{rate:,.0f}",
            f">= {GOAL_DELIVERED:,.0f}",
            _ok(rate >= GOAL_DELIVERED),
        ],
        [
            "  delivered / sent; CPU per delivered message: clients / relay (ms) [c]",
            f"{spread.delivered}/{spread.sent}; {spread.cpu_ms(spread.cpu_clients):.2f} / "
            f"{spread.cpu_ms(spread.cpu_relay):.2f}",
            "all; -",
            _ok(spread.delivered == spread.sent),
        ],
    ]


def processes_of(argv: list[str], default: int = 2) -> int:
    """``--processes=N`` (0: no spread burst)."""
    for arg in argv:
        if arg.startswith("--processes="):
            return int(arg.split("=", 1)[1])
    return default


def main(argv: list[str]) -> None:
    cfg = Config.of(argv)
    processes = processes_of(argv)
    work = Path(tempfile.mkdtemp(prefix="wardlink-bench-msg-"))
    try:
        raw = raw_megolm_per_s()
        disk = fsync_ms(work)
        global ONE_COMMIT_PER_SHARE
        ONE_COMMIT_PER_SHARE = False  # same-run baseline: one commit per Olm session
        try:
            fan_base = fanout(work / "base", cfg.fanout_devices)
        finally:
            ONE_COMMIT_PER_SHARE = True
        fan = fanout(work, cfg.fanout_devices)
        res = asyncio.run(message_path(cfg, work, "--profile" in argv))
        spread = None
        if processes > 0:
            from bench.message_path_procs import spread_burst  # imports this module

            senders = cfg.clients // 2
            spread = spread_burst(
                work / "spread",
                processes,
                -(-senders // processes),
                cfg.burst_per_sender,
                cfg.burst_seconds,
                cfg.drain_seconds,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(cfg, raw, fan, res, disk, fan_base, spread)


if __name__ == "__main__":
    main(sys.argv[1:])

"""A relay holding 1,000 logged-in devices at a hospital's peak, with and without Mallory.

Issue 16 ("Then harden", Load). One relay child (``wardlink relay serve``, real TLS,
127.0.0.1) and protocol-level clients in ``workers`` processes (bench/load_clients.py):
every device is enrolled with its own code (4 devices per person, below the relay's
16), publishes 3 one-time keys and stays connected. Then, in the same run:

1. **quiet**: ``rate`` envelopes of 1 KB per second in total, each from a random device to
   another random device, for ``seconds``; the delay from just before SendEnvelope to
   the recipient's decoded Deliver (both stamped with CLOCK_MONOTONIC) is the delivery
   latency. This is the baseline.
2. **abuse**: the same load, while one more enrolled device (Mallory) floods an offline
   colleague's mailbox with 64 KB envelopes until quota_exceeded and on, keeps 64
   connections from 127.0.0.2 opening that never log in (the shipped per-address caps
   apply: the bench keeps relay.json's "connections" at their defaults, and the
   well-behaved devices enroll a few at a time so they stay under them), and claims
   every colleague's one-time key three times (3,000 claims against a limit of 1,000
   per claimer and 2 per pair).

Relay memory is VmRSS of the relay process: idle (listening, nothing connected), with
every device logged in, and after each phase; per connection is the growth over idle
divided by the connections held. ``--stock-tls-buffer`` runs the relay with asyncio's
own 256 KiB TLS read buffer per connection (what the relay used before it set its own,
relay/server.py) for a before/after comparison.

Nothing is asserted (tests/relay/test_bench_load.py runs this at tiny scale).
Usage: python -m bench load [--quick] [--stock-tls-buffer]
"""

from __future__ import annotations

import json
import multiprocessing as mp
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Pipe
from pathlib import Path
from typing import Any

from bench.bench_message_path import (
    ADMIN,
    BENCH_KDF,
    HOST,
    ORG,
    RELAY_COMMAND,
    cpu_seconds,
    percentile,
    proc_status_kib,
    relay_process,
)
from bench.load_clients import AbuseCounts, DeviceSpec, Send, abuser, worker
from bench.table import print_table
from desktop_app.crypto.enrollment import new_code
from desktop_app.crypto.org_files import load_org_certificates
from desktop_app.protocol.limits import KiB
from desktop_app.relay.admin import init_relay, now_ms
from desktop_app.relay.data_dir import RelayDataDir

DEVICES_PER_PERSON = 4
ABUSER_SOURCE = "127.0.0.2"
SETTLE_S = 1.0
DRAIN_S = 3.0
PIPE_TIMEOUT_S = 300.0
CODE_TTL_MS = 3_600_000
GOAL_P99_MS = 50.0
GOAL_KB_PER_CONN = 150.0
STOCK_TLS_BUFFER = (
    "import asyncio.sslproto, sys; import desktop_app.relay.server as s; "
    "s.RELAY_TLS_READ_BUFFER = asyncio.sslproto.SSLProtocol.max_size; "
    "from desktop_app.cli import main; sys.exit(main())"
)


@dataclass(frozen=True)
class LoadConfig:
    devices: int = 1000
    workers: int = 4
    enroll_width: int = 3
    """Enrollments in flight per worker: 4 x 3 stays below the 16 handshakes per address."""
    rate: float = 20.0
    seconds: float = 30.0
    flood_payload: int = 64 * KiB
    limits: dict[str, int] = field(default_factory=dict)
    """Overrides for relay.json "limits" (the test uses small quotas)."""
    connections: dict[str, float] = field(default_factory=dict)
    stock_tls_buffer: bool = False

    @classmethod
    def of(cls, argv: list[str]) -> LoadConfig:
        stock = "--stock-tls-buffer" in argv
        if "--quick" in argv:
            return cls(devices=200, workers=2, seconds=10.0, stock_tls_buffer=stock)
        return cls(stock_tls_buffer=stock)


WINDOW_S = 5.0
"""Delivery p99 is also shown per window of the phase, to see when the slow ones were."""


@dataclass
class Phase:
    name: str
    t0: float = 0.0
    sent: int = 0
    timed: list[tuple[float, float]] = field(default_factory=list)
    """(send time, delivery delay ms) of every delivered message."""
    accept_ms: list[float] = field(default_factory=list)
    send_errors: Counter[str] = field(default_factory=Counter)
    relay_cpu_s: float = 0.0
    rss_after_kib: int = 0

    @property
    def latencies(self) -> list[float]:
        return [ms for _, ms in self.timed]

    def p99_by_window(self) -> list[float]:
        windows: dict[int, list[float]] = {}
        for sent, ms in self.timed:
            windows.setdefault(int((sent - self.t0) // WINDOW_S), []).append(ms)
        return [percentile(windows[k], 99) for k in sorted(windows)]


@dataclass
class LoadResult:
    devices: int
    setup_s: float = 0.0
    rss_idle_kib: int = 0
    rss_ready_kib: int = 0
    hwm_kib: int = 0
    connections: int = 0
    phases: dict[str, Phase] = field(default_factory=dict)
    abuse: AbuseCounts = field(default_factory=AbuseCounts)
    closed_peers: int = 0

    @property
    def kib_per_connection(self) -> float:
        return (self.rss_ready_kib - self.rss_idle_kib) / max(1, self.connections)


def _device(i: int) -> tuple[str, str]:
    return f"load.u{i // DEVICES_PER_PERSON:04d}", f"LOAD-{i:05d}"


def _prepare(
    root: Path, cfg: LoadConfig, database: str = "", password_file: str = ""
) -> tuple[list[DeviceSpec], DeviceSpec, DeviceSpec]:
    """Relay dir, relay.json settings, and every enrollment code (one store open).

    ``database``: a PostgreSQL URL for the store (bench relay), else relay.db."""
    init_relay(
        root,
        ORG,
        ADMIN,
        [HOST],
        kdf=BENCH_KDF,
        database=database,
        database_password_file=password_file,
    )
    path = root / "relay.json"
    doc = json.loads(path.read_text())
    if cfg.limits:
        doc["limits"] = cfg.limits
    if cfg.connections:
        doc["connections"] = cfg.connections
    path.write_text(json.dumps(doc))
    fingerprint = load_org_certificates(root).fingerprint
    store = RelayDataDir(root).open_store()
    now = now_ms()

    def code(uid: str) -> str:
        text, secret_hash = new_code(fingerprint)
        store.add_enrollment_code(secret_hash, uid, now, now + CODE_TTL_MS)
        return text

    try:
        devices = [(uid, dev, code(uid)) for uid, dev in map(_device, range(cfg.devices))]
        mallory = ("load.mallory", "MALLORY-PC1", code("load.mallory"))
        victim = ("load.offshift", "OFFSHIFT-PC1", code("load.offshift"))
    finally:
        store.close()
    return devices, mallory, victim


def _expect(pipe: Pipe, what: str) -> tuple[Any, ...]:
    if not pipe.poll(PIPE_TIMEOUT_S):
        raise TimeoutError(f"no {what!r} from a client process within {PIPE_TIMEOUT_S:.0f} s")
    reply = pipe.recv()
    if reply[0] != what:
        raise RuntimeError(f"a client process answered {reply!r}, expected {what!r}")
    return tuple(reply)


def _schedule(cfg: LoadConfig, phase: str, rng: random.Random) -> list[list[Send]]:
    """Per worker: (offset, local sender index, recipient, envelope id) at ``rate``/s."""
    per_worker: list[list[Send]] = [[] for _ in range(cfg.workers)]
    for k in range(int(cfg.rate * cfg.seconds)):
        sender = rng.randrange(cfg.devices)
        recipient = rng.randrange(cfg.devices - 1)
        recipient += recipient >= sender
        w = sender % cfg.workers
        per_worker[w].append(
            (k / cfg.rate, sender // cfg.workers, _device(recipient)[1], f"{phase}{k}")
        )
    return per_worker


def _run_phase(
    cfg: LoadConfig,
    name: str,
    pipes: list[Pipe],
    relay_pid: int,
    rng: random.Random,
    mallory: Pipe | None,
    targets: list[str],
) -> tuple[Phase, AbuseCounts | None]:
    t0 = time.monotonic() + 1.0
    phase = Phase(name, t0)
    cpu = cpu_seconds(relay_pid)
    for pipe, sends in zip(pipes, _schedule(cfg, name[0], rng), strict=True):
        pipe.send(("phase", name[0], t0, sends))
    if mallory is not None:
        mallory.send(("abuse", t0, cfg.seconds, cfg.flood_payload, targets))
    phase.sent = sum(_expect(p, "sent")[1] for p in pipes)
    counts = _expect(mallory, "abused")[1] if mallory is not None else None
    time.sleep(DRAIN_S)
    phase.relay_cpu_s = cpu_seconds(relay_pid) - cpu
    phase.rss_after_kib = proc_status_kib(relay_pid, "VmRSS")
    return phase, counts


def _collect(pipes: list[Pipe], result: LoadResult) -> None:
    for pipe in pipes:
        pipe.send(("collect",))
    for pipe in pipes:
        _, latencies, accept_ms, errors, closed = _expect(pipe, "results")
        result.closed_peers += closed
        for phase in result.phases.values():
            phase.timed += latencies.get(phase.name[0], [])
            phase.accept_ms += accept_ms.get(phase.name[0], [])
            phase.send_errors.update(errors)  # not per phase; errors should be none at all


def run_load(cfg: LoadConfig, work: Path) -> LoadResult:
    """Set up, run both phases, gather figures; every process is ended in ``finally``."""
    root = work / "relay"
    devices, mallory_spec, victim_spec = _prepare(root, cfg)
    result = LoadResult(cfg.devices)
    ctx = mp.get_context("spawn")
    procs: list[Any] = []
    pipes: list[Pipe] = []
    command = (
        (sys.executable, "-c", STOCK_TLS_BUFFER, "relay", "serve")
        if cfg.stock_tls_buffer
        else RELAY_COMMAND
    )
    rng = random.Random(16)
    with relay_process(root, command) as relay:
        try:
            time.sleep(SETTLE_S)
            result.rss_idle_kib = proc_status_kib(relay.pid, "VmRSS")
            started = time.monotonic()
            for w in range(cfg.workers):
                mine, theirs = ctx.Pipe()
                share = devices[w :: cfg.workers]
                proc = ctx.Process(
                    target=worker,
                    args=(theirs, relay.port, str(root), share, cfg.enroll_width),
                    daemon=True,
                )
                proc.start()
                procs.append(proc)
                pipes.append(mine)
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(
                target=abuser,
                args=(theirs, relay.port, str(root), mallory_spec, victim_spec, ABUSER_SOURCE),
                daemon=True,
            )
            proc.start()
            procs.append(proc)
            for pipe in [*pipes, mine]:
                _expect(pipe, "ready")
            result.setup_s = time.monotonic() - started
            result.connections = cfg.devices + 1  # and Mallory
            time.sleep(SETTLE_S)
            result.rss_ready_kib = proc_status_kib(relay.pid, "VmRSS")
            targets = [d[1] for d in devices]
            quiet, _ = _run_phase(cfg, "quiet", pipes, relay.pid, rng, None, targets)
            abuse, counts = _run_phase(cfg, "abuse", pipes, relay.pid, rng, mine, targets)
            result.phases = {"quiet": quiet, "abuse": abuse}
            result.abuse = counts or AbuseCounts()
            _collect(pipes, result)
            result.hwm_kib = proc_status_kib(relay.pid, "VmHWM")
            for pipe in [*pipes, mine]:
                pipe.send(("stop",))
            for pipe in [*pipes, mine]:
                _expect(pipe, "stopped")
        finally:
            for proc in procs:
                proc.join(10)
                if proc.is_alive():
                    proc.kill()
                    proc.join(5)
    return result


# ---- the table ------------------------------------------------------------------------


def _max(samples: list[float]) -> float:
    return max(samples, default=float("nan"))


def _ok(good: bool) -> str:
    return "yes" if good else "MISSED"


def report(cfg: LoadConfig, res: LoadResult) -> None:
    quiet, abuse = res.phases["quiet"], res.phases["abuse"]
    per_conn = res.kib_per_connection
    buffer = "asyncio's stock 256 KiB" if cfg.stock_tls_buffer else "the relay's own"
    rows: list[list[object]] = [
        [
            "relay RSS idle, nothing connected (MiB)",
            f"{res.rss_idle_kib / 1024:.1f}",
            "baseline",
            "-",
        ],
        [
            f"relay RSS, {res.connections} devices logged in (MiB)",
            f"{res.rss_ready_kib / 1024:.1f}",
            "-",
            "-",
        ],
        [
            f"  per logged-in connection (KiB), TLS read buffer: {buffer}",
            f"{per_conn:.0f}",
            f"<= {GOAL_KB_PER_CONN * 1000 / 1024:.0f}",
            _ok(per_conn <= GOAL_KB_PER_CONN * 1000 / 1024),
        ],
        [
            "  after the quiet / abuse phase; peak (MiB)",
            f"{quiet.rss_after_kib / 1024:.0f} / {abuse.rss_after_kib / 1024:.0f}; "
            f"{res.hwm_kib / 1024:.0f}",
            "-",
            "-",
        ],
    ]
    for phase, label in ((quiet, "without Mallory (baseline)"), (abuse, "while Mallory abuses")):
        p50, p99 = percentile(phase.latencies, 50), percentile(phase.latencies, 99)
        goal = "-" if phase is quiet else f"<= {GOAL_P99_MS:.0f}"
        rows += [
            [
                f"delivery p50 / p99 (ms), {label}",
                f"{p50:.1f} / {p99:.1f}",
                goal,
                "-" if phase is quiet else _ok(p99 <= GOAL_P99_MS),
            ],
            [
                "  delivered / sent; max (ms)",
                f"{len(phase.latencies)}/{phase.sent}; {_max(phase.latencies):.0f}",
                "all",
                _ok(len(phase.latencies) == phase.sent),
            ],
            [
                f"  p99 per {WINDOW_S:.0f} s of the phase (ms)",
                " ".join(f"{v:.0f}" for v in phase.p99_by_window()),
                "-",
                "-",
            ],
            [
                "  SendEnvelope -> EnvelopeAccepted p50 / p99 (ms)",
                f"{percentile(phase.accept_ms, 50):.1f} / {percentile(phase.accept_ms, 99):.1f}",
                "-",
                "-",
            ],
            ["  relay CPU during the phase (s)", f"{phase.relay_cpu_s:.1f}", "-", "-"],
        ]
    print_table(["load", "measured", "goal", "met"], rows)
    errors = quiet.send_errors + abuse.send_errors
    print(
        f"\n{res.devices} devices in {cfg.workers} processes, {cfg.rate:.0f} msg/s of 1 KB "
        f"for {cfg.seconds:.0f} s per phase; setup (enroll + 3 keys each) {res.setup_s:.0f} s; "
        f"well-behaved send errors: {dict(errors) or 'none'}; connections the relay "
        f"closed on them: {res.closed_peers}.\n"
    )
    a = res.abuse
    rows = [["flood: 64 KB envelopes to an offline mailbox", "", ""]]
    rows += [[f"  {k}", v, ""] for k, v in sorted(a.flood.items())]
    rows += [["  MB sent", f"{a.flood_bytes / 1e6:.0f}", ""]]
    first = "-" if a.first_refusal_s is None else f"{a.first_refusal_s:.1f}"
    rows += [["  first quota_exceeded, s into the phase", first, ""]]
    rows += [["connections from 127.0.0.2 that never log in", "", ""]]
    rows += [[f"  {k}", v, ""] for k, v in sorted(a.unauth.items())]
    rows += [["  most held at once", a.unauth_peak, "shipped cap: 32"]]
    rows += [["key claims (3 x every colleague)", "", ""]]
    rows += [[f"  {k}", v, ""] for k, v in sorted(a.claims.items())]
    print_table(["what Mallory got", "count", "note"], rows)


def main(argv: list[str]) -> None:
    cfg = LoadConfig.of(argv)
    work = Path(tempfile.mkdtemp(prefix="wardlink-bench-load-"))
    try:
        res = run_load(cfg, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(cfg, res)


if __name__ == "__main__":
    main(sys.argv[1:])

"""The relay's own cost: delivered msg/s, RSS per device, latency and CPU per message.

Issue 15 ("Cheaper message path", "Benchmark"). Protocol-level clients in ``workers``
processes (bench/load_clients.py, the machinery of ``bench load``: real TLS, real device
certificates, every device enrolled with its own code) send pre-made 1 KB envelopes, so
no client-side crypto is measured; each recipient acknowledges what it gets. Scenarios,
each on a fresh relay:

- **burst** (max delivered msg/s): ``burst_rate`` envelopes/s offered for ``burst_s``
  between random pairs; delivered msg/s is delivered envelopes over first send → last
  delivery. Relay CPU per delivered message is the relay processes' user+system CPU
  (/proc/PID/stat) during the phase, over delivered envelopes; also split by thread
  (the event loop, the database thread).
- **paced** (SQLite, current path): 200 msg/s; p50/p99 send → deliver (CLOCK_MONOTONIC
  in every process), with ``devices`` logged in.
- **connected**: RSS growth over the idle relay per logged-in device, in that run.

Backends: SQLite (relay.db), PostgreSQL 1 node, PostgreSQL 2 nodes (half of the devices
at each node; tests/pg_server.py starts a private server with fsync on). The baseline
row of each backend is the same relay in the same run with the old session path
(``session.LEAN_DELIVERY = False``: one database job and one commit per AckDelivery,
and a mailbox read per acknowledgement); the store's set-based statements
(relay/store_acks.py, relay/store_batch_checks.py) are in both, so the baseline is
somewhat cheaper than the relay before issue 15's changes. With ``--baseline=DIR`` the
baseline is instead the relay of another tree (e.g. a worktree of main: its code, its
current path; the load clients and this bench are the same for both), the way to
compare two versions in one run. The load clients share the two
cores with the relay, so max msg/s is also shown as the ceiling the relay's CPU per
message allows on one core. ``--profile`` writes cProfile files of the relay (event
loop and database thread apart) and prints the top functions.

Nothing is asserted (tests/relay/test_bench_relay.py runs this at tiny scale).
Usage: python -m bench relay [--quick] [--profile] [--sqlite-only]
    [--backends=sqlite,postgresql,"postgresql x2"] [--burst-rate=N] [--burst-devices=N]
    [--baseline=DIR]
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection as Pipe
from pathlib import Path
from typing import Any

from bench.bench_load import SETTLE_S, LoadConfig, _expect, _prepare, _schedule
from bench.bench_message_path import ADMIN, BENCH_KDF, HOST, percentile, proc_status_kib
from bench.bench_message_path import relay_process as _relay_process
from bench.load_clients import DeviceSpec, worker
from bench.table import print_table
from desktop_app.relay.nodes import init_node

GOAL_MSG_S = 3000.0
GOAL_KB_PER_DEVICE = 150.0
GOAL_P99_MS = 25.0
GOAL_CPU_MS = 0.3
PACED_RATE = 200.0
DRAIN_S = 2.0
RELAY_SCRIPT = (
    "import sys, desktop_app.relay.session as s; s.LEAN_DELIVERY = {lean!r}\n"
    "prof = {profile!r}\n"
    "if prof:\n"
    "    import cProfile, desktop_app.relay.server as srv\n"
    "    loop_p, db_p = cProfile.Profile(), cProfile.Profile()\n"
    "    timed = srv.RelayServer._timed\n"
    "    srv.RelayServer._timed = lambda self, fn, a: db_p.runcall(timed, self, fn, a)\n"
    "    loop_p.enable()\n"
    "from desktop_app.cli import main\n"
    "try:\n"
    "    code = main()\n"
    "finally:\n"
    "    if prof:\n"
    "        loop_p.disable(); loop_p.dump_stats(prof + '.loop'); db_p.dump_stats(prof + '.db')\n"
    "sys.exit(code)\n"
)


@dataclass(frozen=True)
class RelayBenchConfig:
    devices: int = 1000
    """Logged in during the connected/paced run (SQLite, current path)."""
    burst_devices: int = 100
    workers: int = 2
    burst_rate: float = 2500.0
    """Offered, above what this machine delivers; the baseline on PostgreSQL falls
    behind by tens of seconds at more (its acks then time out in the clients)."""
    burst_s: float = 3.0
    paced_s: float = 15.0
    backends: tuple[str, ...] = ("sqlite", "postgresql", "postgresql x2")
    profile: bool = False
    baseline_path: str = ""
    """``--baseline=DIR``: the baseline relay is the code in DIR (e.g. a worktree of main)
    with its current path, instead of this code with ``LEAN_DELIVERY`` off."""

    @classmethod
    def of(cls, argv: list[str]) -> RelayBenchConfig:
        base = next((a.split("=", 1)[1] for a in argv if a.startswith("--baseline=")), "")
        cfg = cls(profile="--profile" in argv, baseline_path=base)
        if "--quick" in argv:
            cfg = replace(cfg, devices=100, burst_devices=40, burst_rate=1500.0, paced_s=5.0)
        if "--sqlite-only" in argv:
            cfg = replace(cfg, backends=("sqlite",))
        for arg in argv:  # e.g. --backends=sqlite,postgresql --burst-rate=3000
            name, _, value = arg.partition("=")
            if name == "--backends":
                cfg = replace(cfg, backends=tuple(value.split(",")))
            elif name == "--burst-rate":
                cfg = replace(cfg, burst_rate=float(value))
            elif name == "--burst-devices":
                cfg = replace(cfg, burst_devices=int(value))
        return cfg


@dataclass
class Run:
    """One relay (one or two nodes), one message path, its figures."""

    backend: str
    lean: bool
    devices: int
    sent: int = 0
    delivered: int = 0
    msg_s: float = 0.0
    cpu_s: float = 0.0
    cpu_by_thread: dict[str, float] = field(default_factory=dict)
    server_cpu_s: float = float("nan")  # PostgreSQL's processes, on its backends
    rss_idle_kib: int = 0
    rss_ready_kib: int = 0
    paced: list[float] = field(default_factory=list)
    paced_sent: int = 0

    @property
    def cpu_ms_per_msg(self) -> float:
        return self.cpu_s * 1000 / max(1, self.delivered)

    @property
    def server_ms_per_msg(self) -> float:
        return self.server_cpu_s * 1000 / max(1, self.delivered)

    @property
    def kib_per_device(self) -> float:
        return (self.rss_ready_kib - self.rss_idle_kib) / max(1, self.devices)


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds so far: the main thread (the event loop) and the others ("database":
    the store thread, on PostgreSQL also the node bus listener, which idles)."""
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").glob("*"):
        name = "event loop" if task.name == str(pid) else "database"
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def _sum_cpu(pids: list[int]) -> dict[str, float]:
    total: dict[str, float] = {}
    for pid in pids:
        for name, s in thread_cpu(pid).items():
            total[name] = total.get(name, 0.0) + s
    return total


def server_cpu(data: Path | None) -> float:
    """CPU seconds so far of the PostgreSQL server in ``data`` (its postmaster and every
    process it started: the relays' backends, the WAL writer, ...); NaN on SQLite."""
    if data is None:
        return float("nan")
    postmaster = (data / "postmaster.pid").read_text().split()[0]
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid = stat.parent.name
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if pid == postmaster or fields[1] == postmaster:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _phase(pipes: list[Pipe], load: LoadConfig, letter: str, rng: random.Random) -> int:
    t0 = time.monotonic() + 1.0
    for pipe, sends in zip(pipes, _schedule(load, letter, rng), strict=True):
        pipe.send(("phase", letter, t0, sends))
    sent = sum(int(_expect(p, "sent")[1]) for p in pipes)
    time.sleep(DRAIN_S)
    return sent


def _relay_dirs(
    stack: ExitStack, work: Path, backend: str, load: LoadConfig
) -> tuple[list[Path], list[DeviceSpec], Path | None]:
    """Data directories (one per node), every device with its enrollment code, and the
    PostgreSQL server's data directory (None on SQLite)."""
    root = work / "relay"
    database, password_file = "", ""
    server_data: Path | None = None
    if backend != "sqlite":
        from tests.pg_server import private_postgres

        server = stack.enter_context(private_postgres(fsync=True))
        server_data = server.root / "data"
        target = server.database()
        pw = work / "db-password"
        pw.touch(mode=0o600)
        pw.write_text(target.password or "")
        database, password_file = target.url, str(pw)
    roots = [root]
    specs, _, _ = _prepare(root, load, database, password_file)
    if backend.endswith("x2"):
        roots.append(work / "node2")
        init_node(roots[1], root, ADMIN, [HOST], kdf=BENCH_KDF)
    return roots, specs, server_data


def run_relay(cfg: RelayBenchConfig, work: Path, backend: str, lean: bool, *, paced: bool) -> Run:
    """One relay (``lean``: the current message path), its burst and, if ``paced``, the
    200 msg/s phase with ``cfg.devices`` logged in; every process is ended in ``finally``."""
    devices = cfg.devices if paced else cfg.burst_devices
    load = LoadConfig(devices=devices, workers=cfg.workers, enroll_width=3)
    run = Run(backend, lean, devices)
    ctx = mp.get_context("spawn")
    rng = random.Random(15)
    procs: list[Any] = []
    pipes: list[Pipe] = []
    tag = f"{backend.replace(' ', '')}-{'new' if lean else 'old'}"
    profile = str(work / f"relay-{tag}.prof") if cfg.profile else ""
    script = RELAY_SCRIPT.format(lean=lean, profile=profile)
    if cfg.baseline_path and not lean:  # the other tree's relay, its own current path
        script = RELAY_SCRIPT.format(lean=True, profile=profile)
        script = f"import sys; sys.path.insert(0, {cfg.baseline_path!r})\n{script}"
    command = (sys.executable, "-c", script)
    with ExitStack() as stack:
        roots, specs, server_data = _relay_dirs(stack, work, backend, load)
        relays = [
            stack.enter_context(_relay_process(r, (*command, "relay", "serve"))) for r in roots
        ]
        pids = [r.pid for r in relays]
        try:
            time.sleep(SETTLE_S)
            run.rss_idle_kib = sum(proc_status_kib(p, "VmRSS") for p in pids)
            for w in range(cfg.workers):
                mine, theirs = ctx.Pipe()
                relay = relays[w % len(relays)]
                share = specs[w :: cfg.workers]
                args = (theirs, relay.port, str(roots[0]), share, load.enroll_width)
                proc = ctx.Process(target=worker, args=args, daemon=True)
                proc.start()
                procs.append(proc)
                pipes.append(mine)
            for pipe in pipes:
                _expect(pipe, "ready")
            time.sleep(SETTLE_S)
            run.rss_ready_kib = sum(proc_status_kib(p, "VmRSS") for p in pids)
            before, server_before = _sum_cpu(pids), server_cpu(server_data)
            burst = replace(load, rate=cfg.burst_rate, seconds=cfg.burst_s)
            run.sent = _phase(pipes, burst, "b", rng)
            after = _sum_cpu(pids)
            run.server_cpu_s = server_cpu(server_data) - server_before
            run.cpu_by_thread = {k: v - before.get(k, 0.0) for k, v in after.items()}
            run.cpu_s = sum(run.cpu_by_thread.values())
            if paced:
                run.paced_sent = _phase(
                    pipes, replace(load, rate=PACED_RATE, seconds=cfg.paced_s), "p", rng
                )
            _collect_into(pipes, run)
            for pipe in pipes:
                pipe.send(("stop",))
            for pipe in pipes:
                _expect(pipe, "stopped")
        finally:
            for proc in procs:
                proc.join(10)
                if proc.is_alive():
                    proc.kill()
                    proc.join(5)
    return run


def _collect_into(pipes: list[Pipe], run: Run) -> None:
    """Delivered counts, delivered msg/s of the burst, latencies of the paced phase."""
    burst: list[tuple[float, float]] = []
    for pipe in pipes:
        pipe.send(("collect",))
    for pipe in pipes:
        _, latencies, _accept, errors, closed = _expect(pipe, "results")
        if errors or closed:
            print(f"  ({run.backend}: send errors {errors}, connections closed {closed})")
        burst += latencies.get("b", [])
        run.paced += [ms for _, ms in latencies.get("p", [])]
    run.delivered = len(burst)
    if burst:
        first = min(sent for sent, _ in burst)
        last = max(sent + ms / 1000 for sent, ms in burst)
        run.msg_s = len(burst) / max(1e-9, last - first)


def _split(run: Run) -> str:
    """CPU ms per delivered message by thread, largest first."""
    return ", ".join(
        f"{name} {s * 1000 / max(1, run.delivered):.3f}"
        for name, s in sorted(run.cpu_by_thread.items(), key=lambda kv: -kv[1])
        if s > 0
    )


def _ok(good: bool) -> str:
    return "yes" if good else "MISSED"


def report(cfg: RelayBenchConfig, runs: list[Run]) -> None:
    rows: list[list[object]] = []
    by = {(r.backend, r.lean): r for r in runs}
    for backend in cfg.backends:
        new, old = by.get((backend, True)), by.get((backend, False))
        if new is None:
            continue
        base = old.msg_s if old is not None else float("nan")
        rows.append(
            [
                f"max delivered msg/s, {backend} ({new.delivered}/{new.sent})",
                f"{new.msg_s:.0f}",
                f"{base:.0f}",
                f">= {GOAL_MSG_S:.0f}",
                _ok(new.msg_s >= GOAL_MSG_S),
            ]
        )
        base_cpu = old.cpu_ms_per_msg if old is not None else float("nan")
        rows.append(
            [
                f"  relay CPU ms per delivered message, {backend}",
                f"{new.cpu_ms_per_msg:.3f}",
                f"{base_cpu:.3f}",
                f"<= {GOAL_CPU_MS}",
                _ok(new.cpu_ms_per_msg <= GOAL_CPU_MS),
            ]
        )
        ceiling = 1000 / max(1e-9, new.cpu_ms_per_msg)
        base_ceiling = 1000 / old.cpu_ms_per_msg if old is not None else float("nan")
        rows.append(
            [
                f"  ceiling on one core from the relay's CPU, {backend} (msg/s)",
                f"{ceiling:.0f}",
                f"{base_ceiling:.0f}",
                f">= {GOAL_MSG_S:.0f}",
                _ok(ceiling >= GOAL_MSG_S),
            ]
        )
        if backend != "sqlite":
            base_server = old.server_ms_per_msg if old is not None else float("nan")
            rows.append(
                [
                    f"  PostgreSQL server CPU ms per delivered message, {backend}",
                    f"{new.server_ms_per_msg:.3f}",
                    f"{base_server:.3f}",
                    "",
                    "",
                ]
            )
        split = _split(new)
        base_split = _split(old) if old is not None else "-"
        rows.append([f"    by thread (ms/msg): {split}", "", base_split, "", ""])
    paced = next((r for r in runs if r.paced_sent and r.lean), None)
    paced_base = next((r for r in runs if r.paced_sent and not r.lean), None)
    if paced is not None:
        p50, p99 = percentile(paced.paced, 50), percentile(paced.paced, 99)
        base_p = "-"
        if paced_base is not None:
            b50, b99 = percentile(paced_base.paced, 50), percentile(paced_base.paced, 99)
            base_p = f"{b50:.1f} / {b99:.1f}"
        rows += [
            [
                f"send->deliver p50 / p99 at {PACED_RATE:.0f} msg/s, {paced.backend} (ms)",
                f"{p50:.1f} / {p99:.1f}",
                base_p,
                f"p99 <= {GOAL_P99_MS:.0f}",
                _ok(p99 <= GOAL_P99_MS and len(paced.paced) == paced.paced_sent),
            ],
            [
                f"  delivered / sent at {PACED_RATE:.0f} msg/s",
                f"{len(paced.paced)}/{paced.paced_sent}",
                "-",
                "all",
                _ok(len(paced.paced) == paced.paced_sent),
            ],
            [
                f"RSS per connected device, {paced.devices} devices (KB)",
                f"{paced.kib_per_device * 1.024:.0f}",
                f"idle {paced.rss_idle_kib / 1024:.0f} MiB",
                f"<= {GOAL_KB_PER_DEVICE:.0f}",
                _ok(paced.kib_per_device * 1.024 <= GOAL_KB_PER_DEVICE),
            ],
        ]
    baseline = (
        f"the relay of {cfg.baseline_path}"
        if cfg.baseline_path
        else "the same relay with LEAN_DELIVERY off (one commit and one\n"
        "mailbox read per AckDelivery; the set-based store statements in both)"
    )
    label = "baseline (other tree)" if cfg.baseline_path else "baseline (old path)"
    print_table(["relay", "measured", label, "goal", "met"], rows)
    print(
        f"\n1 KB envelopes offered at {cfg.burst_rate:.0f}/s for {cfg.burst_s:.0f} s by "
        f"{cfg.burst_devices} devices in {cfg.workers} client processes on the same "
        f"2 cores; baseline: {baseline}.\n"
        "Ceiling: 1,000 ms / relay CPU ms per message.\n"
    )


def print_profiles(work: Path) -> None:
    for path in sorted(work.glob("relay-*.prof.*")):
        print(f"\n--- {path.name} (cumulative, top 25)")
        pstats.Stats(str(path)).sort_stats("tottime").print_stats(25)


def run_all(cfg: RelayBenchConfig, work: Path) -> list[Run]:
    runs: list[Run] = []
    for backend in cfg.backends:
        for lean in (False, True):
            paced = backend == "sqlite" and (lean or bool(cfg.baseline_path))
            where = work / f"{backend.replace(' ', '')}-{lean}"
            where.mkdir()
            runs.append(run_relay(cfg, where, backend, lean, paced=paced))
    return runs


def main(argv: list[str]) -> None:
    cfg = RelayBenchConfig.of(argv)
    work = Path(tempfile.mkdtemp(prefix="wardlink-bench-relay-"))
    try:
        runs = run_all(cfg, work)
        report(cfg, runs)
        if cfg.profile:
            for where in work.iterdir():
                print_profiles(where)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])

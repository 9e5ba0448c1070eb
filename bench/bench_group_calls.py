"""A 6-way group call (full mesh, 15 legs) on loopback, against a 1:1 call in the same run.

Six enrolled people (real SQLCipher containers, vodozemac, a real relay in this process
on 127.0.0.1) with the product's ``Calls`` + ``GroupCalls`` (aiortc, ICE on 127.0.0.1
only, DTLS-SRTP, Opus): the first starts a group call in their group conversation, the
other five accept the ringing invitation, and the mesh legs between them form by
themselves. Figures:

* **setup**: ``start`` called -> every participant has a connected leg to each of the
  other five (15 legs: signalling through the relay, then ICE/DTLS per leg);
* **CPU**: seconds of this process per call second, divided by the participants in it
  (all six run here, in one Python process, so this is the mean per participant; a real
  ward PC runs one of them, with its own event loop);
* **loss**: packets lost of those sent, over every leg's inbound RTP (RTCP statistics);
* the same for a 1:1 call (2 participants) measured in the same run: the baseline, and
  the ratio per participant (a mesh PC encodes and sends 5 streams, receives 5).
* with ``--video``: the group call again with every leg also sending 320x240 at 15 fps.
* with ``--processes``: the same 6-way audio call and 1:1 baseline with every participant
  a ``wardlink client`` process of its own (as on six PCs, sharing this box's cores):
  CPU seconds of each process per call second from /proc, mean and highest.

Nothing is asserted. Usage: python -m bench group_calls [--quick] [--video] [--processes]
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Final

import numpy as np
from aiortc import MediaStreamTrack
from aiortc.mediastreams import AudioStreamTrack
from aiortc.stats import RTCInboundRtpStreamStats

from bench.bench_calls import ADMIN, BENCH_KDF, LOOPBACK, PASSPHRASE, PatternTrack, person
from bench.table import print_table
from desktop_app.domain.call_state import CallState
from desktop_app.domain.ids import ConversationId
from desktop_app.relay.admin import init_relay
from desktop_app.relay.runner import RelayRunner
from desktop_app.services import call_pump
from desktop_app.services.call_media import CallMedia
from desktop_app.services.calls import Calls
from desktop_app.services.group_calls import GroupCalls
from desktop_app.services.messenger import Messenger

PEOPLE: Final = 6
TALK_S: Final = 8.0
SETUP_WAIT_S: Final = 120.0
SMALL_VIDEO: Final = (320, 240)


class SmallPattern(PatternTrack):
    """The moving bars of bench_calls, 320x240 at 15 fps (a ward huddle's tile)."""

    def __init__(self) -> None:
        super().__init__()
        self.frames = [f[:: 480 // SMALL_VIDEO[1], :: 640 // SMALL_VIDEO[0]] for f in self.frames]
        self.skip = False

    async def recv(self):  # type: ignore[no-untyped-def]
        frame = await super().recv()
        self.skip = not self.skip
        if self.skip:  # every other frame: 15 fps
            frame = await super().recv()
        return frame


class Drain:
    """Reads what arrives (as a speaker or a tile would) so it is decoded."""

    def __init__(self) -> None:
        self.tasks: list[asyncio.Task[None]] = []
        self.video_frames = 0  # decoded, over every tile of every participant

    def attach(self, track: MediaStreamTrack) -> None:
        self.tasks.append(asyncio.create_task(self._read(track)))

    async def _read(self, track: MediaStreamTrack) -> None:
        with contextlib.suppress(Exception):
            while True:
                await track.recv()
                if track.kind == "video":
                    self.video_frames += 1

    def stop(self) -> None:
        for task in self.tasks:
            task.cancel()


def _media(drain: Drain, video: bool) -> CallMedia:
    if not video:
        return CallMedia(track=AudioStreamTrack(), on_track=drain.attach)
    return CallMedia(
        track=AudioStreamTrack(),
        on_track=drain.attach,
        video_track=SmallPattern(),
        on_video=drain.attach,
    )


async def _loss(calls: list[Calls]) -> float:
    lost = received = 0
    for c in calls:
        for live in c.calls.values():
            if live.pc is None or live.call.state is not CallState.ACTIVE:
                continue
            for s in (await live.pc.getStats()).values():
                if isinstance(s, RTCInboundRtpStreamStats):
                    lost += max(s.packetsLost, 0)
                    received += s.packetsReceived
    return 100.0 * lost / (lost + received) if lost + received else 0.0


async def group_round(people: list[Messenger], cid: str, video: bool) -> tuple[float, float, float]:
    """Setup ms, CPU s per call second per participant, loss %."""
    drain = Drain()
    calls = [Calls(m, LOOPBACK) for m in people]
    groups = [GroupCalls(c, lambda _peer: _media(drain, video)) for c in calls]
    pumps = [asyncio.create_task(c.pump()) for c in calls]
    try:
        start = time.perf_counter()
        gid = await groups[0].start(cid)

        async def take(g: GroupCalls) -> None:
            call_id = await g.calls.next_incoming(60)
            assert call_id is not None
            await g.accept(call_id)

        await asyncio.gather(*(take(g) for g in groups[1:]))
        deadline = time.perf_counter() + SETUP_WAIT_S
        while not all(len(g.connected(gid)) == PEOPLE - 1 for g in groups):
            if time.perf_counter() > deadline:
                print("  (the mesh did not complete in time)")
                break
            await asyncio.sleep(0.05)
        setup_ms = (time.perf_counter() - start) * 1000
        await asyncio.sleep(1.0)  # bitrate and keyframes settle
        cpu0, t0, frames0 = time.process_time(), time.perf_counter(), drain.video_frames
        await asyncio.sleep(TALK_S)
        cpu, elapsed = time.process_time() - cpu0, time.perf_counter() - t0
        if video:  # 6 x 5 tiles
            tile_fps = (drain.video_frames - frames0) / elapsed / (PEOPLE * (PEOPLE - 1))
            print(f"  video: {tile_fps:.1f} decoded frames per second per tile (sent: 15)")
        loss = await _loss(calls)
        for g in groups:
            await g.leave(gid)
    finally:
        for g in groups:
            await g.close()
        for c in calls:
            await c.close()
        for p in pumps:
            p.cancel()
        drain.stop()
    return setup_ms, cpu / elapsed / PEOPLE, loss


async def pair_round(anna_m: Messenger, jonas_m: Messenger) -> tuple[float, float, float]:
    """The 1:1 baseline: setup ms (place -> both connected), CPU per participant, loss."""
    drain = Drain()
    anna, jonas = Calls(anna_m, LOOPBACK), Calls(jonas_m, LOOPBACK)
    pumps = [asyncio.create_task(c.pump()) for c in (anna, jonas)]
    try:
        start = time.perf_counter()
        call_id = await anna.place(jonas_m.s.uid, _media(drain, False))
        assert await jonas.next_incoming(30) == call_id
        await jonas.accept(call_id, _media(drain, False))
        await anna.wait_answer(call_id, 30)
        setup_ms = (time.perf_counter() - start) * 1000
        await asyncio.sleep(1.0)
        cpu0, t0 = time.process_time(), time.perf_counter()
        await asyncio.sleep(TALK_S)
        cpu, elapsed = time.process_time() - cpu0, time.perf_counter() - t0
        loss = await _loss([anna, jonas])
        await anna.hangup(call_id)
        await jonas.wait_end(call_id, 10)
    finally:
        for c in (anna, jonas):
            await c.close()
        for p in pumps:
            p.cancel()
        drain.stop()
    return setup_ms, cpu / elapsed / 2, loss


async def _until_known(people: list[Messenger], cid: str) -> None:
    lock = asyncio.Lock()
    pumps = [asyncio.create_task(call_pump.pump(m, lock)) for m in people]
    try:
        while any(m.s.container.conversations.state(ConversationId(cid)) is None for m in people):
            await asyncio.sleep(0.05)
    finally:
        for p in pumps:
            p.cancel()
        await asyncio.gather(*pumps, return_exceptions=True)


async def run(work: Path, rounds: int, video: bool) -> list[list[object]]:
    root = work / "relay"
    init_relay(root, "Klinikum Bench", ADMIN, ["127.0.0.1"], kdf=BENCH_KDF)
    runner = RelayRunner.load(root, ADMIN)
    _, port = await runner.start("127.0.0.1", 0)
    try:
        people = [await person(root, work, f"bench.p{i}", port) for i in range(PEOPLE)]
        cid = str(await people[0].create_group("Bench huddle", [m.s.uid for m in people[1:]]))
        await _until_known(people[1:], cid)  # everyone knows the group before it rings
        pairs = [await pair_round(people[0], people[1]) for _ in range(rounds)]
        groups = [await group_round(people, cid, False) for _ in range(rounds)]
        videos = [await group_round(people, cid, True) for _ in range(rounds)] if video else []
        for m in people:
            await m.s.close()
            m.s.container.close()
    finally:
        await runner.stop()
    rows: list[list[object]] = []
    base_cpu = min(p[1] for p in pairs)
    for label, n, results in (
        ("1:1 audio (baseline)", 2, pairs),
        (f"{PEOPLE}-way mesh audio", PEOPLE, groups),
        (f"{PEOPLE}-way mesh audio + 320x240@15 video", PEOPLE, videos),
    ):
        if not results:
            continue
        setup = min(r[0] for r in results)
        cpu = min(r[1] for r in results)
        loss = max(r[2] for r in results)
        ratio = f"{cpu / base_cpu:.1f}x"
        total = f"{cpu * n:.2f}"
        rows.append([label, n, f"{setup:.0f}", f"{cpu:.3f}", ratio, total, f"{loss:.2f}"])
    return rows


def _tone(path: Path, seconds: float) -> Path:
    """A 440 Hz tone to send (a file player stops sending when its file ends)."""
    t = np.arange(int(48_000 * seconds)) / 48_000
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(48_000)
        w.writeframes((0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes())
    return path


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _cli(profile: Path, port: int, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "desktop_app", "client", "--profile", str(profile),
        "--relay", f"127.0.0.1:{port}", *args, "--call-interface", "127.0.0.1", "--json",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        stdin=asyncio.subprocess.DEVNULL, env=os.environ | {"WARDLINK_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip


async def _processes_round(
    profiles: list[Path], port: int, target: str, wav: Path
) -> tuple[float, float] | None:
    """Everyone a process: CPU s per call second, mean and highest over the processes."""
    n = len(profiles)
    hold = ("--seconds", "90", "--send", str(wav))
    procs = [await _cli(p, port, "answer", "--wait", "90", *hold) for p in profiles[1:]]
    await asyncio.sleep(3)  # the answering processes are up (not a measurement)
    procs.insert(0, await _cli(profiles[0], port, "call", target, *hold))
    connected = [0] * n

    async def watch(i: int, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        while line := await proc.stdout.readline():
            with contextlib.suppress(ValueError):
                event = json.loads(line)
                if event.get("event") == "participants":
                    connected[i] = len(event.get("connected", []))
                elif event.get("event") == "connected" and n == 2:
                    connected[i] = 1

    watchers = [asyncio.create_task(watch(i, p)) for i, p in enumerate(procs)]
    try:
        deadline = time.perf_counter() + SETUP_WAIT_S
        while min(connected) < n - 1:
            if time.perf_counter() > deadline:
                return None
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)
        before, t0 = [_cpu_s(p.pid) for p in procs], time.perf_counter()
        await asyncio.sleep(TALK_S)
        after, elapsed = [_cpu_s(p.pid) for p in procs], time.perf_counter() - t0
        per = [(b - a) / elapsed for a, b in zip(before, after, strict=True)]
        return sum(per) / n, max(per)
    finally:
        for p in procs:
            with contextlib.suppress(ProcessLookupError):
                p.terminate()
        for p in procs:
            await p.wait()
        for w in watchers:
            w.cancel()


async def run_processes(work: Path) -> list[list[object]]:
    root = work / "relay"
    init_relay(root, "Klinikum Bench", ADMIN, ["127.0.0.1"], kdf=BENCH_KDF)
    runner = RelayRunner.load(root, ADMIN)
    _, port = await runner.start("127.0.0.1", 0)
    rows: list[list[object]] = []
    try:
        people = [await person(root, work, f"bench.p{i}", port) for i in range(PEOPLE)]
        cid = str(await people[0].create_group("Bench huddle", [m.s.uid for m in people[1:]]))
        await _until_known(people[1:], cid)
        for m in people:  # the processes open the containers themselves
            await m.s.close()
            m.s.container.close()
        profiles = [work / f"bench.p{i}" for i in range(PEOPLE)]
        wav = _tone(work / "tone.wav", 120)
        pair = await _processes_round(profiles[:2], port, "bench.p1", wav)
        mesh = await _processes_round(profiles, port, cid, wav)
    finally:
        await runner.stop()
    for label, n, result in (
        ("1:1 audio (baseline)", 2, pair),
        (f"{PEOPLE}-way mesh audio", PEOPLE, mesh),
    ):
        if result is None:
            rows.append([label, n, "did not connect", "-", "-"])
            continue
        ratio = f"{result[0] / pair[0]:.1f}x" if pair else "-"
        rows.append([label, n, f"{result[0]:.3f}", f"{result[1]:.3f}", ratio])
    return rows


def main(flags: list[str]) -> None:
    rounds = 1 if "--quick" in flags else 2
    video = "--video" in flags
    if "--processes" in flags:
        with tempfile.TemporaryDirectory(prefix="wardlink-bench-group-procs-") as tmp:
            rows = asyncio.run(run_processes(Path(tmp)))
        print(f"one process per participant, CPU over {TALK_S:g} s of call")
        print_table(["call", "processes", "CPU s / call s, mean", "highest", "vs 1:1"], rows)
        return
    with tempfile.TemporaryDirectory(prefix="wardlink-bench-group-calls-") as tmp:
        rows = asyncio.run(run(Path(tmp), rounds, video))
    print(f"{rounds} round(s) of {TALK_S:g} s each, best round; all participants in this process")
    print("(process CPU near or above 1 s/s: this one event loop is saturated, so setup and")
    print(" loss then show the bench's limit, not a ward PC's, which runs one participant)")
    print_table(
        [
            "call",
            "people",
            "setup to all connected (ms)",
            "CPU s / call s / participant",
            "vs 1:1",
            "process CPU s/s",
            "loss %",
        ],
        rows,
    )

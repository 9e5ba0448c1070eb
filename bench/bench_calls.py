"""1:1 audio calls on loopback: ring time, call setup, mouth-to-ear latency, CPU, memory.

Two enrolled people (real SQLCipher containers, vodozemac, a real relay in this process
on 127.0.0.1) call each other ``CALLS`` times with the product's ``Calls`` (aiortc, ICE
on 127.0.0.1 only, DTLS-SRTP, Opus). Per call:

* **ring**: ``place`` called -> the callee's ``incoming`` event (signalling through the
  relay: open the conversation, Olm, outbox, relay, Olm);
* **setup**: the callee's ``accept`` called -> the first decoded audio frame at the
  caller (ICE, DTLS, SRTP, Opus); goal <= 500 ms (issue 12);
* **mouth-to-ear**: the callee's microphone track puts a click into one 20 ms frame
  (time taken when aiortc pulls that frame to encode it); the caller's side reads the
  decoded frames and takes the time the click's loudness arrives; goal <= 150 ms. Both
  ends run in this process, so one clock measures both.
* CPU seconds of this process (both ends) per second of call, and RSS growth per call.
* **video**: one more call where both sides send 640x480 at 30 fps (a moving test
  pattern, VP8) besides audio for ``VIDEO_S``: CPU seconds per call second per side
  (this process runs both ends: half the total) and the frame rate each side decodes.

Nothing is asserted.

Usage: python -m bench calls [--quick]
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
from aiortc import MediaStreamTrack
from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack
from av import AudioFrame, VideoFrame

from bench.table import print_table
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.runner import RelayRunner
from desktop_app.services.call_media import CallMedia
from desktop_app.services.call_network import CallNetwork
from desktop_app.services.calls import EVENT_INCOMING, CallEvent, Calls
from desktop_app.services.enrollment import enroll
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner

BENCH_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
PASSPHRASE = "bench passphrase, not a secret"
ADMIN = "bench admin passphrase"
LOOPBACK = CallNetwork(interfaces=("127.0.0.1",))
CALLS = 5
TALK_S = 2.0
CLICK_AFTER_S = 1.0
LOUD = 8000  # |sample| above this is the click, not Opus noise on silence
GOAL_SETUP_MS = 500.0
GOAL_LATENCY_MS = 150.0
VIDEO_S = 6.0
VIDEO_SIZE = (640, 480)


class PatternTrack(VideoStreamTrack):
    """640x480 at 30 fps: bars that move every frame (a still picture would be too
    cheap for VP8 to say anything about a camera)."""

    def __init__(self) -> None:
        super().__init__()
        width, height = VIDEO_SIZE
        x = np.arange(width)
        self.frames = []
        for shift in range(30):
            row = ((x + shift * 8) // 40 % 2 * 200 + 30).astype(np.uint8)
            picture = np.repeat(np.repeat(row[None, :, None], height, 0), 3, 2)
            picture[:, :, 1] = np.arange(height)[:, None] * 255 // height
            self.frames.append(picture)
        self.n = 0

    async def recv(self) -> VideoFrame:
        pts, time_base = await self.next_timestamp()
        frame = VideoFrame.from_ndarray(self.frames[self.n % 30], format="rgb24")
        self.n += 1
        frame.pts, frame.time_base = pts, time_base
        return frame


class Eyes:
    """Counts the decoded frames of the peer's video."""

    def __init__(self) -> None:
        self.frames = 0
        self.task: asyncio.Task[None] | None = None

    def attach(self, track: MediaStreamTrack) -> None:
        self.task = asyncio.create_task(self._watch(track))

    async def _watch(self, track: MediaStreamTrack) -> None:
        with contextlib.suppress(Exception):
            while True:
                await track.recv()
                self.frames += 1


async def video_call(anna: Calls, jonas: Calls) -> tuple[float, float]:
    """CPU seconds per call second per side, and the decoded frame rate (lower side)."""
    anna_eyes, jonas_eyes = Eyes(), Eyes()
    call_id = await anna.place(
        "bench.jonas",
        CallMedia(on_track=lambda _t: None, video_track=PatternTrack(), on_video=anna_eyes.attach),
    )
    assert await jonas.next_incoming(30) == call_id
    media = CallMedia(
        on_track=lambda _t: None, video_track=PatternTrack(), on_video=jonas_eyes.attach
    )
    await jonas.accept(call_id, media)
    await anna.wait_answer(call_id, 30)
    await asyncio.sleep(1.0)  # keyframes and bitrate settle
    frames = (anna_eyes.frames, jonas_eyes.frames)
    before_cpu, start = time.process_time(), time.perf_counter()
    await asyncio.sleep(VIDEO_S)
    cpu, elapsed = time.process_time() - before_cpu, time.perf_counter() - start
    fps = min(anna_eyes.frames - frames[0], jonas_eyes.frames - frames[1]) / elapsed
    await anna.hangup(call_id)
    await jonas.wait_end(call_id, 10)
    for eyes in (anna_eyes, jonas_eyes):
        if eyes.task is not None:
            eyes.task.cancel()
    return cpu / elapsed / 2, fps


class ClickTrack(AudioStreamTrack):
    """Silence, with one loud 20 ms frame ``CLICK_AFTER_S`` after the first frame."""

    def __init__(self) -> None:
        super().__init__()
        self.first: float | None = None
        self.clicked_at: float | None = None

    async def recv(self) -> AudioFrame:
        frame = await super().recv()
        now = time.perf_counter()
        self.first = self.first or now
        if self.clicked_at is None and now - self.first >= CLICK_AFTER_S:
            samples = np.full((1, frame.samples), 20000, dtype="<i2")
            click = AudioFrame.from_ndarray(samples, format="s16", layout="mono")
            click.sample_rate, click.pts, click.time_base = (
                frame.sample_rate,
                frame.pts,
                Fraction(1, frame.sample_rate),
            )
            self.clicked_at = now
            return click
        return frame


class Ear:
    """Reads the caller's incoming track: first frame time and the click's arrival."""

    def __init__(self) -> None:
        self.first: float | None = None
        self.click: float | None = None
        self.task: asyncio.Task[None] | None = None

    def attach(self, track: MediaStreamTrack) -> None:
        self.task = asyncio.create_task(self._listen(track))

    async def _listen(self, track: MediaStreamTrack) -> None:
        with contextlib.suppress(Exception):
            while True:
                frame = await track.recv()
                now = time.perf_counter()
                self.first = self.first or now
                if self.click is None and np.abs(frame.to_ndarray()).max() > LOUD:
                    self.click = now


async def person(root: Path, work: Path, uid: str, port: int) -> Messenger:
    container = Container.create(work / uid, PASSPHRASE, Owner(uid), kdf=BENCH_KDF)
    await enroll(container, ("127.0.0.1", port), issue_code(root, uid).code, f"PC of {uid}")
    messenger = Messenger(ClientSession(container))
    await messenger.connect(("127.0.0.1", port))
    return messenger


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run(calls: int, work: Path) -> list[list[object]]:
    root = work / "relay"
    init_relay(root, "Klinikum Bench", ADMIN, ["127.0.0.1"], kdf=BENCH_KDF)
    runner = RelayRunner.load(root, ADMIN)
    _, port = await runner.start("127.0.0.1", 0)
    ring, setup, latency, cpu, rss = [], [], [], [], []
    try:
        anna_m = await person(root, work, "bench.anna", port)
        jonas_m = await person(root, work, "bench.jonas", port)
        rang: dict[str, float] = {}

        def heard(event: CallEvent) -> None:
            if event.kind == EVENT_INCOMING:
                rang[event.call_id] = time.perf_counter()

        anna = Calls(anna_m, LOOPBACK)
        jonas = Calls(jonas_m, LOOPBACK, on_event=heard)
        pumps = [asyncio.create_task(c.pump()) for c in (anna, jonas)]
        for _ in range(calls):
            ear, mouth = Ear(), ClickTrack()
            before_rss, before_cpu = rss_mb(), time.process_time()
            start = time.perf_counter()
            call_id = await anna.place("bench.jonas", CallMedia(on_track=ear.attach))
            assert await jonas.next_incoming(30) == call_id
            ring.append((rang[call_id] - start) * 1000)
            accepted = talking = time.perf_counter()
            await jonas.accept(call_id, CallMedia(track=mouth))
            await anna.wait_answer(call_id, 30)
            await asyncio.sleep(TALK_S)
            talking = time.perf_counter() - talking
            await anna.hangup(call_id)
            await jonas.wait_end(call_id, 10)
            if ear.first is not None:
                setup.append((ear.first - accepted) * 1000)
            if ear.click is not None and mouth.clicked_at is not None:
                latency.append((ear.click - mouth.clicked_at) * 1000)
            cpu.append((time.process_time() - before_cpu) / talking)
            rss.append(rss_mb() - before_rss)
            if ear.task is not None:
                ear.task.cancel()
        video_cpu, video_fps = await video_call(anna, jonas)
        for c in (anna, jonas):
            await c.close()
        for p in pumps:
            p.cancel()
        for m in (anna_m, jonas_m):
            await m.s.close()
            m.s.container.close()
    finally:
        await runner.stop()

    def med(values: list[float]) -> str:
        return f"{statistics.median(values):.0f}" if values else "none"

    return [
        ["ring: place -> callee rings (ms)", med(ring), "-"],
        ["setup: accept -> first decoded audio (ms)", med(setup), f"<= {GOAL_SETUP_MS:.0f}"],
        ["mouth-to-ear, loopback (ms)", med(latency), f"<= {GOAL_LATENCY_MS:.0f}"],
        ["CPU s per call second, both ends", f"{statistics.median(cpu):.2f}", "-"],
        ["RSS growth per call (MB)", f"{statistics.median(rss):.1f}", "-"],
        ["video 640x480@30: CPU s per call second, per side", f"{video_cpu:.2f}", "-"],
        ["video 640x480@30: decoded frames per second", f"{video_fps:.0f}", "30"],
    ]


def main(flags: list[str]) -> None:
    calls = 2 if "--quick" in flags else CALLS
    with tempfile.TemporaryDirectory(prefix="wardlink-bench-calls-") as tmp:
        rows = asyncio.run(run(calls, Path(tmp)))
    print(f"{calls} audio calls of {TALK_S:g} s, median per call")
    print_table(["figure", "measured", "goal"], rows)

"""Decode frames in a worker process so the UI thread never waits for a codec.

Most codecs hold the GIL for the whole decode (GDCM 240 ms on a 3000x3000 JPEG
lossless frame), and a hostile file may even crash a C library; in a separate process
neither can freeze or kill the UI. The caller creates one DecodeWorker at start-up,
passes it to whoever needs it, and closes it at exit -- there is no global pool.

Request flow (state per source token, in the parent):

    unseen --decode(source)--> sent with bytes --worker caches LoadedImage--> known
    known  --decode(frame k)--> sent as token only (no re-pickling of the file)
    known  --worker answers _NeedSource (other process / evicted)--> resent with bytes
    any    --worker process died (BrokenProcessPool)--> pool restarted, future fails
                                                        with CorruptImage
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from desktop_app.medical.codecs import install_decoders
from desktop_app.medical.display import DEFAULT_MAX_SIZE, DisplaySource, prepare, render
from desktop_app.medical.errors import CorruptImage
from desktop_app.medical.geometry import Spacing, pixel_spacing
from desktop_app.medical.loading import DicomSource, LoadedImage, describe, load_image
from desktop_app.medical.pixels import decode_frame

WORKER_IMAGE_CACHE = 4  # parsed files kept per worker process
PARENT_FRAME_CACHE = 32  # finished/in-flight frame futures kept by the parent
WORKER_NICENESS = 5  # worker processes run below the GUI's priority
PRERENDER_MAX_PIXELS = 1024 * 1024  # display pixels up to which the worker renders too


@dataclass(frozen=True)
class DecodedFrame:
    """What the viewer needs for one frame; small enough to pickle quickly."""

    display: DisplaySource
    frame: int
    frames: int
    spacing: Spacing
    # display rendered with its default VOI, made here so scrolling a stack does no
    # lookup on the GUI thread; None for large frames (the parent caches results)
    pixels: NDArray[np.uint8] | None = None


class _NeedSource(Exception):
    """Worker does not hold the file for this token; the parent resends the bytes."""


# Process-local state of a *worker* process, created by its initializer. The parent
# process never touches it.
_cache: OrderedDict[str, LoadedImage] = OrderedDict()


def _init_worker() -> None:
    # Decoding ahead must never take the CPU from the window it decodes for: on a busy
    # ward PC (or two cores shared with other programs) the scheduler then runs the
    # GUI thread first and the stack does not stall while the next slices decode.
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    install_decoders()


def _decode_in_worker(
    token: str, source: DicomSource | None, frame: int, max_size: int
) -> DecodedFrame:
    img = _cache.get(token)
    if img is None:
        if source is None:
            raise _NeedSource(token)
        img = load_image(source)
        _cache[token] = img
        while len(_cache) > WORKER_IMAGE_CACHE:
            _cache.popitem(last=False)
    _cache.move_to_end(token)
    display = prepare(img, decode_frame(img, frame), max_size, frame)
    rendered = render(display) if display.pixels.size <= PRERENDER_MAX_PIXELS else None
    return DecodedFrame(display, frame, img.header.frames, pixel_spacing(img.dataset), rendered)


def source_token(source: DicomSource) -> str:
    """Identity of a source: path + size + mtime, or the object identity of the bytes."""
    if isinstance(source, Path):
        try:
            st = source.stat()
        except OSError:
            return f"path:{source}"
        return f"path:{source.resolve()}:{st.st_size}:{st.st_mtime_ns}"
    return f"bytes:{id(source)}:{len(source)}"


class DecodeWorker:
    """A spawn-context process pool for decoding, started once by the caller."""

    def __init__(self, processes: int = 1, max_size: int = DEFAULT_MAX_SIZE) -> None:
        self._processes = processes
        self._max_size = max_size
        self._lock = threading.RLock()  # relay callbacks may run inside decode()
        self._pool = self._new_pool()
        # token -> (source kept alive so id() stays unique, {frame: future})
        self._frames: OrderedDict[tuple[str, int], Future[DecodedFrame]] = OrderedDict()
        self._sources: dict[str, DicomSource] = {}
        self._sent: set[str] = set()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
        )

    def warm_up(self) -> None:
        """Start the worker processes now (imports take ~1 s) rather than on first use."""
        self._pool.submit(_init_worker).result()

    def decode(self, source: DicomSource, frame: int = 0) -> Future[DecodedFrame]:
        """Future of a display-ready frame; repeated requests share one future."""
        token = source_token(source)
        with self._lock:
            key = (token, frame)
            existing = self._frames.get(key)
            if existing is not None:
                self._frames.move_to_end(key)
                return existing
            self._sources[token] = source
            outer: Future[DecodedFrame] = Future()
            self._frames[key] = outer
            while len(self._frames) > PARENT_FRAME_CACHE:
                self._frames.popitem(last=False)
            self._live_tokens_only()
            self._submit(outer, token, frame, with_source=token not in self._sent)
            self._sent.add(token)
        return outer

    def decode_ahead(
        self, source: DicomSource, start: int, count: int, frames: int
    ) -> list[Future[DecodedFrame]]:
        """Queue the next `count` frames after `start` (wrapping) for smooth cine."""
        return [self.decode(source, (start + k) % frames) for k in range(1, count + 1)]

    def _live_tokens_only(self) -> None:
        live = {token for token, _ in self._frames}
        for token in [t for t in self._sources if t not in live]:
            del self._sources[token]
            self._sent.discard(token)

    def _submit(
        self, outer: Future[DecodedFrame], token: str, frame: int, *, with_source: bool
    ) -> None:
        source = self._sources.get(token) if with_source else None
        if with_source and source is None:
            outer.set_exception(CorruptImage("the file was closed before it was decoded"))
            return
        try:
            inner = self._pool.submit(_decode_in_worker, token, source, frame, self._max_size)
        except BrokenProcessPool:  # a worker died while idle: start afresh, resend bytes
            self._restart()
            source = self._sources.get(token)
            inner = self._pool.submit(_decode_in_worker, token, source, frame, self._max_size)

        def relay(done: Future[Any]) -> None:
            if done.cancelled():
                outer.cancel()
                return
            exc = done.exception()
            if exc is None:
                outer.set_result(done.result())
            elif isinstance(exc, _NeedSource):
                with self._lock:
                    self._submit(outer, token, frame, with_source=True)
            elif isinstance(exc, BrokenProcessPool):
                self._restart()
                label = describe(self._sources.get(token, b""))
                outer.set_exception(
                    CorruptImage(f"the decoder crashed on {label} (frame {frame + 1})")
                )
            else:
                outer.set_exception(exc)

        inner.add_done_callback(relay)

    def _restart(self) -> None:
        with self._lock:
            broken, self._pool = self._pool, self._new_pool()
            self._sent.clear()
            self._frames = OrderedDict(
                (k, f) for k, f in self._frames.items() if f.done() and not f.exception()
            )
        broken.shutdown(wait=False, cancel_futures=True)

    def process_ids(self) -> list[int]:
        """Worker PIDs (for diagnostics and the crash-recovery test)."""
        return [p.pid for p in self._pool._processes.values() if p.pid is not None]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> DecodeWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

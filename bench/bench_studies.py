"""Study benchmark (issue 18): scan, pack, open -> first image, stack scrolling; Qt offscreen.

A synthetic 512x512 16-bit CT series (tests/medical/generators.py, shuffled file names)
is scanned from a folder, packed as the study attachment (streamed, memory measured as
the growth of peak RSS), then shown in the StudyViewer with a DecodeWorker process:

  scan              load_study on the folder (headers only)
  pack              package_chunks streamed through SHA-256 (what store_study encrypts)
  first image       StudyViewer created -> first slice painted (worker already warm)
  scroll            PageDown through the stack, each slice waited for: slices/s
  UI stall          longest gap between ticks of a 2 ms QTimer while scrolling (wall)
  GUI-thread CPU    thread_time of the GUI thread per slice, and its longest turn
  send / receive    peak RSS of `wardlink client send-study` and of the `sync` that
                    downloads a 1,000-slice study through a relay process, after the
                    Argon2 unlock (its 256 MiB-class peak is shown as "whole process"),
                    beside a text-only sync of the same run (bench/study_transfer.py)
The scroll runs in alternating rounds in the same process: the rendering path as before
the stall work (baseline), then the current one, so the ratio holds on a loaded machine;
the wall-clock stall there is mostly time the process was not scheduled, the GUI-thread
CPU is the work the change removed.
Goals: first image <= 500 ms, >= 30 slices/s, no stall > 50 ms, RSS <= 300 MB. Nothing
is asserted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.table import print_table

TRANSFER_SLICES = 1000  # 512x512x16 bit: about 525 MB, the 500 MB study
ROUNDS = 2  # before/now pairs of scroll runs
WAIT_S = 30.0  # a slice that does not arrive in this time ends the run with a message


def _wait(app: object, done: object, what: str) -> None:
    deadline = time.perf_counter() + WAIT_S
    while not done():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise SystemExit(f"bench_studies: {what} did not arrive within {WAIT_S:.0f} s")
        app.processEvents()  # type: ignore[attr-defined]


_SENDER = """
import hashlib, resource, sys
from pathlib import Path
from desktop_app.medical.study import load_study
from desktop_app.medical.study_package import package_chunks
digest = hashlib.sha256()
for chunk in package_chunks(load_study(Path(sys.argv[1]))):
    digest.update(chunk)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _sender_rss_mb(folder: Path) -> float:
    """Peak RSS of a fresh process that scans and packs the study (what send-study does
    before encrypting), so the bench's own generated data does not count."""
    out = subprocess.run(
        [sys.executable, "-c", _SENDER, str(folder)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1]) / 1024


def _generate(folder: Path, slices: int) -> Path:
    """One 512x512 16-bit CT series of ``slices`` files with shuffled names."""
    from tests.medical.generators import make_ct_series, to_bytes

    folder.mkdir()
    order = list(range(slices))
    random.Random(1).shuffle(order)
    series_uid = ""
    for batch in range(0, slices, 20):  # generate in batches: bounded memory here too
        for k, ds in enumerate(make_ct_series(min(20, slices - batch), 512, 512)):
            series_uid = series_uid or str(ds.SeriesInstanceUID)  # one series in all
            ds.SeriesInstanceUID = series_uid
            ds.InstanceNumber = batch + k + 1
            ds.ImagePositionPatient = [-160.0, -160.0, -100.0 + 2.5 * (batch + k)]
            (folder / f"{order[batch + k]:04d}").write_bytes(to_bytes(ds))
    return folder


def _transfer_rows(tmp: Path, slices: int) -> list[tuple[str, str, str]]:
    """Send and receive a study through a relay process with the real CLI; peak RSS."""
    from bench.study_transfer import transfer_rss

    folder = _generate(tmp / "transfer", slices)
    size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    rss = transfer_rss(folder, tmp / "ward")

    def shown(key: str) -> str:
        return f"{rss[key][1]:.0f} MB (whole process {rss[key][0]:.0f} MB)"

    base = f"same-run baseline, sync of one text: {shown('baseline')}"
    return [
        (f"send {slices} slices, {size_mb:.0f} MB", shown("send"), "goal <= 300 MB"),
        (f"receive {slices} slices", shown("receive"), "goal <= 300 MB"),
        ("  (baseline)", "", base),
    ]


def _scroll(viewer: Any, slices: int) -> tuple[float, float, float, float]:
    """PageDown through the stack, each slice shown and painted before the next.

    Returns slices/s, the longest gap between ticks of a 2 ms timer (wall ms: on a
    loaded machine mostly time the process was not scheduled), the longest GUI-thread
    CPU time between two ticks (ms) and the GUI thread's CPU per slice (ms). The loop
    waits in a QEventLoop, so an idle GUI thread uses no CPU and thread_time counts work.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    gaps: list[tuple[float, float]] = []
    last = [time.perf_counter(), time.thread_time()]

    def tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gaps.append((now - last[0], cpu - last[1]))
        last[:] = [now, cpu]

    loop = QEventLoop()
    painted = _paint_watch(viewer, loop)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(loop.quit)
    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(2)
    start, start_cpu = time.perf_counter(), time.thread_time()
    last[:] = [start, start_cpu]
    for k in range(1, slices):
        painted.wanted = k
        viewer.step(1)
        give_up.start(int(WAIT_S * 1000))
        loop.exec()  # until slice k has been painted (as the app paints: on update())
        if painted.wanted is not None:
            raise SystemExit(f"bench_studies: slice {k + 1} did not arrive within {WAIT_S:.0f} s")
    elapsed, cpu = time.perf_counter() - start, time.thread_time() - start_cpu
    ticker.stop()
    viewer.view.removeEventFilter(painted)
    return (
        (slices - 1) / elapsed,
        max(g[0] for g in gaps) * 1000,
        max(g[1] for g in gaps) * 1000,
        cpu / (slices - 1) * 1000,
    )


def _paint_watch(viewer: Any, loop: Any) -> Any:
    """An event filter on the viewer's image that quits `loop` once `wanted` is painted
    (PySide6 is imported only in main(), after the platform is chosen)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatch(QObject):
        """Ends the wait once the view paints the wanted slice (the loop quits right
        after that paint event has been handled)."""

        def __init__(self, viewer: Any, loop: Any) -> None:
            super().__init__()
            self.viewer, self.loop, self.wanted = viewer, loop, None
            viewer.view.installEventFilter(self)

        def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and self.viewer.shown == self.wanted:
                self.wanted = None
                QTimer.singleShot(0, self.loop.quit)
            return False

    return PaintWatch(viewer, loop)


@contextlib.contextmanager
def _render_path(*, baseline: bool) -> Iterator[None]:
    """With baseline=True the image view renders as before issue 18's stall work: on the
    GUI thread with the VOI table rebuilt per slice (not the worker's picture), a QImage
    copy, overlay lines laid out on every paint."""
    if not baseline:
        yield
        return
    from PySide6.QtGui import QPixmap

    from desktop_app.medical.display import render
    from desktop_app.ui.viewers import image_view
    from desktop_app.ui.viewers.qimage import array_to_qimage

    saved = (image_view.display_pixels, image_view.pixmap_over, image_view.paint_overlays)
    image_view.display_pixels = lambda source, voi, _rendered: render(source, voi)  # type: ignore[assignment]
    image_view.pixmap_over = lambda px: (QPixmap.fromImage(array_to_qimage(px)), px)  # type: ignore[assignment]
    image_view.paint_overlays = _overlays_as_before  # type: ignore[assignment]
    try:
        yield
    finally:
        image_view.display_pixels, image_view.pixmap_over, image_view.paint_overlays = saved


def _overlays_as_before(painter: Any, rect: Any, texts: dict[Any, list[str]]) -> None:
    """overlays.paint_overlays as it was: every line laid out five times per paint."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QFont, QFontMetricsF

    from desktop_app.ui.viewers.overlays import Corner

    font = QFont(painter.font())
    font.setPixelSize(max(11, min(15, int(rect.height() / 40))))
    painter.save()
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    for corner, lines in texts.items():
        right = corner in (Corner.TOP_RIGHT, Corner.BOTTOM_RIGHT)
        bottom = corner in (Corner.BOTTOM_LEFT, Corner.BOTTOM_RIGHT)
        for i, text in enumerate(lines):
            row = len(lines) - 1 - i if bottom else i
            y = (
                rect.bottom() - 6.0 - row * metrics.height() - metrics.descent()
                if bottom
                else rect.top() + 6.0 + row * metrics.height() + metrics.ascent()
            )
            width = metrics.horizontalAdvance(text)
            x = rect.right() - 6.0 - width if right else rect.left() + 6.0
            painter.setPen(QColor(0, 0, 0))
            for dx, dy in ((1, 1), (-1, -1), (1, -1), (-1, 1)):
                painter.drawText(QPointF(x + dx, y + dy), text)
            painter.setPen(QColor(255, 255, 190))
            painter.drawText(QPointF(x, y), text)
    painter.restore()


def main(argv: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication exists
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.medical.study import load_study
    from desktop_app.medical.study_package import (
        package_chunks,
        read_series,
        read_thumbnail_sources,
    )
    from desktop_app.medical.worker import DecodeWorker
    from desktop_app.ui.viewers.study_viewer import StudyViewer

    slices = 60 if "--quick" in argv else 300
    app = QApplication.instance() or QApplication([])
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = _generate(Path(tmp) / "ct", slices)
        size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6

        start = time.perf_counter()
        study = load_study(folder)
        rows.append(("scan (headers)", f"{(time.perf_counter() - start) * 1000:.0f} ms", ""))
        start = time.perf_counter()
        digest = hashlib.sha256()
        for chunk in package_chunks(study):
            digest.update(chunk)
        pack_s = time.perf_counter() - start
        rows.append(
            (
                f"pack {size_mb:.0f} MB",
                f"{size_mb / pack_s:.0f} MB/s",
                f"sender peak RSS {_sender_rss_mb(folder):.0f} MB (fresh process)",
            )
        )
        package = list(package_chunks(study))  # the viewer's side, in memory for the bench
        rows += _transfer_rows(Path(tmp), 60 if "--quick" in argv else TRANSFER_SLICES)

    with DecodeWorker(processes=1) as worker:
        worker.warm_up()
        manifest, thumbs = read_thumbnail_sources(iter(package))
        timer = QElapsedTimer()
        timer.start()
        viewer = StudyViewer(
            manifest, thumbs, lambda i, deliver: deliver(read_series(iter(package), i)[1]), worker
        )
        viewer.resize(1024, 900)
        viewer.show()
        _wait(app, lambda: viewer.shown == 0, "the first slice")
        rows.append(("open -> first image", f"{timer.elapsed()} ms", "goal <= 500 ms"))

        runs = [("before", True), ("now", False)] * ROUNDS  # alternated: load drifts
        for number, (path, baseline) in enumerate(runs):
            label = f"{path}, round {number // 2 + 1}"
            with _render_path(baseline=baseline):
                viewer.slider.setValue(0)
                _wait(app, lambda: viewer.shown == 0, "the first slice again")
                rate, stall, turn_cpu, slice_cpu = _scroll(viewer, slices)
            rows.append(
                (
                    f"scroll {slices} slices 512x512, {label}",
                    f"{rate:.1f} slices/s",
                    "goal >= 30/s",
                )
            )
            rows.append((f"longest UI stall, {label}", f"{stall:.0f} ms", "goal <= 50 ms (wall)"))
            rows.append(
                (
                    f"GUI-thread CPU, {label}",
                    f"{slice_cpu:.2f} ms/slice",
                    f"longest turn {turn_cpu:.1f} ms CPU",
                )
            )
        viewer.close()
    print_table(("study", "result", "note"), rows)


if __name__ == "__main__":
    main(sys.argv[1:])

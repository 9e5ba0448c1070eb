"""Study benchmark (issue 18): scan, pack, open -> first image, stack scrolling; Qt offscreen.

A synthetic 512x512 16-bit CT series (tests/medical/generators.py, shuffled file names)
is scanned from a folder, packed as the study attachment (streamed, memory measured as
the growth of peak RSS), then shown in the StudyViewer with a DecodeWorker process:

  scan              load_study on the folder (headers only)
  pack              package_chunks streamed through SHA-256 (what store_study encrypts)
  first image       StudyViewer created -> first slice painted (worker already warm)
  scroll            PageDown through the stack, each slice waited for: slices/s
  UI stall          longest gap between ticks of a 2 ms QTimer while scrolling
  send / receive    peak RSS of `wardlink client send-study` and of the `sync` that
                    downloads a 1,000-slice study through a relay process, after the
                    Argon2 unlock (its 256 MiB-class peak is shown as "whole process"),
                    beside a text-only sync of the same run (bench/study_transfer.py)
Goals: first image <= 500 ms, >= 30 slices/s, no stall > 50 ms, RSS <= 300 MB. Nothing is asserted.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.table import print_table

TRANSFER_SLICES = 1000  # 512x512x16 bit: about 525 MB, the 500 MB study
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


def main(argv: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication exists
    from PySide6.QtCore import QElapsedTimer, QTimer
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

        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        ticker = QTimer()
        ticker.timeout.connect(tick)
        ticker.start(2)
        start = time.perf_counter()
        for k in range(1, slices):
            viewer.step(1)
            _wait(app, lambda k=k: viewer.shown == k, f"slice {k + 1}")
            viewer.view.repaint()
        elapsed = time.perf_counter() - start
        ticker.stop()
        rows.append(
            (
                f"scroll {slices} slices 512x512",
                f"{(slices - 1) / elapsed:.1f} slices/s",
                "goal >= 30/s",
            )
        )
        rows.append(("longest UI stall", f"{max(gaps) * 1000:.0f} ms", "goal <= 50 ms"))
        viewer.close()
    print_table(("study", "result", "note"), rows)


if __name__ == "__main__":
    main(sys.argv[1:])

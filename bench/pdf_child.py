"""The PDF rows of bench_viewers: a page drawn by the renderer process against in-process.

ours: the viewer's path — a request to its PdfProcess (QProcess pipe), PDFium in the
child, the RGB32 pixels back over the pipe and turned into a QImage; base: the same page
rendered by QtPdf in this process (what the app did before, and what `wardlink view
--png` still does). CPU per page is also given: this process (time.process_time) plus
the child's (utime + stime from /proc, Linux only), since the wall time on a shared
machine says little. The chat card's one-shot preview (start a child, open, render,
exit) stands against open + render in-process.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSize

from desktop_app.ui.viewers.pdf_document import open_pdf, render_page
from desktop_app.ui.viewers.pdf_launch import render_once, to_qimage
from desktop_app.ui.viewers.pdf_process import PdfProcess

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _child_cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _timed(action: Callable[[], Any], repeats: int, pid: int = 0) -> tuple[float, float]:
    """Median wall ms and mean CPU ms (this process plus child `pid`) of `action`."""
    walls = []
    cpu_start = time.process_time() + (_child_cpu_s(pid) if pid else 0.0)
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        walls.append((time.perf_counter() - start) * 1000)
    cpu = time.process_time() + (_child_cpu_s(pid) if pid else 0.0) - cpu_start
    return statistics.median(walls), cpu * 1000 / repeats


def _child_render(renderer: PdfProcess, box: QSize) -> None:
    loop = QEventLoop()
    got: list[Any] = []

    def answered(_tag: object, header: dict[str, Any], body: bytes) -> None:
        got.append(to_qimage(int(header["width"]), int(header["height"]), body))
        loop.quit()

    renderer.answered.connect(answered)
    renderer.failed.connect(loop.quit)
    renderer.request({"op": "render", "page": 0, "width": box.width(),
                      "height": box.height()}, "bench")  # fmt: skip
    loop.exec()
    renderer.answered.disconnect(answered)
    renderer.failed.disconnect(loop.quit)
    if not got:
        raise RuntimeError(renderer.failure)


def pdf_rows(
    named: list[tuple[str, bytes]], sizes: list[tuple[str, QSize]], repeats: int
) -> list[tuple[str, float, float, str]]:
    """(name, ours ms, base ms, note) per PDF and size, and the one-shot card preview."""
    return [row for name, data in named for row in _document_rows(name, data, sizes, repeats)]


def _document_rows(
    name: str, data: bytes, sizes: list[tuple[str, QSize]], repeats: int
) -> list[tuple[str, float, float, str]]:
    rows = []
    document = open_pdf(data, "bench")
    renderer = PdfProcess("bench")
    renderer.open(data, "")
    pid = renderer.pid()
    for label, box in sizes:
        _child_render(renderer, box)  # warm: fonts, caches
        base, base_cpu = _timed(lambda b=box: render_page(document, 0, b), repeats)
        ours, cpu = _timed(lambda b=box: _child_render(renderer, b), repeats, pid)
        note = f"CPU/page: child+app {cpu:.1f} ms, in-process {base_cpu:.1f} ms"
        rows.append((f"PDF page {label}, {name}", ours, base, note))
    renderer.close()
    document.close()
    card = sizes[-1][1]
    base, _ = _timed(lambda: render_page(open_pdf(data, "bench"), 0, card), repeats)
    ours, _ = _timed(lambda: render_once(data, "bench", card.width(), card.height()), 3)
    rows.append((f"PDF chat preview one-shot child, {name}", ours, base,
                 "start + open + page 1 vs open + page 1 in-process"))  # fmt: skip
    return rows

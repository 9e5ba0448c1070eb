"""PDF pages rendered, and searched, in a separate process: a hostile PDF cannot kill the app.

PDFium (QtPdf) parses whatever the sender put in the file. In the GUI process a crash in
it would take the whole messenger down, and a hang would freeze it. So each open PDF
gets its own small process (spawned, so nothing of the GUI's state is inherited) that
holds the QPdfDocument; the viewer asks it for page images and search hits and shows
the pixels. A crash in that process, or a request that takes longer than
RENDER_TIMEOUT_S (the process is then killed), becomes a PdfRendererFailed with a clear
message; the app stays up. The bytes go over the pipe, never to a file.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from desktop_app.medical.errors import MedicalError

OPEN_TIMEOUT_S = 30.0  # process start (~1 s) plus PDFium parsing a large but honest file
RENDER_TIMEOUT_S = 20.0  # one page or one search; a longer one is taken as a hang
MAX_HITS = 2000  # search hits kept; enough to step through, bounded for a hostile file

T = TypeVar("T")


class PdfRendererFailed(MedicalError):
    """The renderer process crashed or hung on this PDF; the message says which."""


@dataclass(frozen=True)
class PdfInfo:
    pages: int
    title: str
    page_points: tuple[tuple[float, float], ...]  # width, height of each page in points


@dataclass(frozen=True)
class PageImage:
    page: int
    width: int
    height: int
    rgb32: bytes  # QImage.Format_RGB32, width * 4 bytes per line


@dataclass(frozen=True)
class Hit:
    page: int
    rect: tuple[float, float, float, float]  # x, y, width, height in points


# -- inside the worker process only
_state: dict[str, Any] = {}


def _init_worker() -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no window system in the worker
    from PySide6.QtGui import QGuiApplication

    _state["app"] = QGuiApplication.instance() or QGuiApplication([])


def _open_in_worker(data: bytes, label: str, fallback_title: str) -> PdfInfo:
    from desktop_app.ui.viewers.pdf_document import open_pdf, pdf_title

    document = open_pdf(data, label)  # PdfUnreadable pickles back with its message
    _state["document"] = document
    sizes = tuple(
        (document.pagePointSize(p).width(), document.pagePointSize(p).height())
        for p in range(document.pageCount())
    )
    return PdfInfo(document.pageCount(), pdf_title(document, fallback_title), sizes)


def _render_in_worker(page: int, width: int, height: int) -> PageImage:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    from desktop_app.ui.viewers.pdf_document import render_page

    image = render_page(_state["document"], page, QSize(width, height))
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return PageImage(page, image.width(), image.height(), data)


def _search_in_worker(text: str) -> list[Hit]:
    document = _state["document"]
    needle = text.casefold()
    hits: list[Hit] = []
    for page in range(document.pageCount()):
        haystack = document.getAllText(page).text().casefold()
        start = haystack.find(needle)
        while start >= 0 and len(hits) < MAX_HITS:
            box = document.getSelectionAtIndex(page, start, len(text)).boundingRectangle()
            hits.append(Hit(page, (box.x(), box.y(), box.width(), box.height())))
            start = haystack.find(needle, start + max(len(needle), 1))
    return hits


# -- in the app
class PdfWorker:
    """One renderer process holding one PDF; close() ends it."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
        )
        self._closed = False
        self.failure = ""  # set once the process crashed or hung: later requests fail at once

    def open(self, data: bytes, fallback_title: str) -> PdfInfo:
        """Load the PDF in the worker and wait for it (MedicalError if it cannot be shown)."""
        future: Future[PdfInfo] = self._submit(_open_in_worker, data, self.label, fallback_title)
        try:
            return future.result(OPEN_TIMEOUT_S + RENDER_TIMEOUT_S)
        except FutureTimeout:  # the watchdog kills first; this is the backstop
            self._fail(f"opening the PDF {self.label} took too long")
            raise PdfRendererFailed(self.failure) from None

    def render(self, page: int, width: int, height: int) -> Future[PageImage]:
        return self._submit(_render_in_worker, page, width, height)

    def search(self, text: str) -> Future[list[Hit]]:
        return self._submit(_search_in_worker, text)

    def process_ids(self) -> list[int]:
        """The renderer's PID (for the crash and hang tests)."""
        processes = self._pool._processes or {}
        return [p.pid for p in processes.values() if p.pid is not None]

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._fail("the PDF viewer was closed")
        self._kill()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _submit(self, fn: Any, *args: Any) -> Future[Any]:
        outer: Future[Any] = Future()
        if self.failure:
            outer.set_exception(PdfRendererFailed(self.failure))
            return outer
        try:
            inner = self._pool.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError):  # died while idle, or closed
            self._fail(f"the PDF renderer stopped on {self.label}")
            outer.set_exception(PdfRendererFailed(self.failure))
            return outer
        timeout = OPEN_TIMEOUT_S if fn is _open_in_worker else RENDER_TIMEOUT_S
        watchdog = threading.Timer(timeout, self._hung, (inner,))
        watchdog.daemon = True
        watchdog.start()

        def relay(done: Future[Any]) -> None:
            watchdog.cancel()
            exc = None if done.cancelled() else done.exception()
            if done.cancelled() or isinstance(exc, BrokenProcessPool):
                self._fail(
                    self.failure
                    or f"the PDF renderer crashed on {self.label}: it is damaged "
                    "or made to attack PDF readers"
                )
                outer.set_exception(PdfRendererFailed(self.failure))
            elif exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(done.result())

        inner.add_done_callback(relay)
        return outer

    def _hung(self, inner: Future[Any]) -> None:
        if not inner.done():
            self._fail(f"the PDF renderer hung on {self.label} and was stopped")
            self._kill()

    def _fail(self, reason: str) -> None:
        if not self.failure:
            self.failure = reason

    def _kill(self) -> None:
        for process in list((self._pool._processes or {}).values()):
            if process.is_alive():
                process.kill()

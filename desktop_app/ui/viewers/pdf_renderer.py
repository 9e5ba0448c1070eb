"""The PDF renderer process: PDFium (QtPdf) runs here, never in the app's process.

Started by the app as `python -m desktop_app.ui.viewers.pdf_renderer`, or in the frozen
app as `wardlink --pdf-renderer` (installer/wardlink_main.py), with QT_QPA_PLATFORM=
offscreen. It reads requests from stdin and answers on stdout (pdf_protocol.py): the PDF
once, then pages and searches, one at a time, in order. A PDF that crashes or hangs
PDFium ends or stalls only this process; the app kills it and says so. At the end of
stdin (the app closed the viewer, or the app itself is gone) it exits.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, BinaryIO

from desktop_app.crypto.secret_memory import no_core_dumps
from desktop_app.ui.viewers.pdf_protocol import (
    ABORT_MARKER,
    FAULT_ENV,
    HANG_MARKER,
    MAX_BODY,
    MAX_HEADER,
    MAX_HITS,
    MAX_SIDE,
    ProtocolError,
    encode,
    parse_header,
)


def _read_exactly(stream: BinaryIO, count: int) -> bytes | None:
    chunks, missing = [], count
    while missing:
        chunk = stream.read(missing)
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def _read_frame(stream: BinaryIO, bound: int) -> bytes | None:
    raw = _read_exactly(stream, 4)
    if raw is None:
        return None
    length = int.from_bytes(raw, "big")
    if length > bound:
        raise ProtocolError(f"frame of {length} bytes announced")
    return _read_exactly(stream, length)


class Renderer:
    """Holds the one document of this process and answers requests about it."""

    def __init__(self) -> None:
        self.document: Any = None
        self.data = b""
        self.faults = bool(os.environ.get(FAULT_ENV))

    def answer(self, header: dict[str, Any], body: bytes) -> tuple[dict[str, Any], bytes]:
        from desktop_app.medical.errors import MedicalError

        try:
            op = header.get("op")
            if op == "open":
                return self._open(header, body), b""
            if self.document is None:
                raise ProtocolError("no PDF opened")
            if op == "render":
                return self._render(header)
            if op == "search":
                return self._search(str(header["text"])), b""
            raise ProtocolError(f"unknown request {op!r}")
        except MedicalError as exc:
            return {"ok": False, "error": str(exc)}, b""

    def _open(self, header: dict[str, Any], body: bytes) -> dict[str, Any]:
        from desktop_app.ui.viewers.pdf_document import open_pdf, pdf_title

        label, fallback = str(header.get("label", "")), str(header.get("title", ""))
        self.data = body
        self.document = open_pdf(body, label)
        count = self.document.pageCount()
        sizes = [
            [self.document.pagePointSize(p).width(), self.document.pagePointSize(p).height()]
            for p in range(count)
        ]
        return {"ok": True, "pages": count, "title": pdf_title(self.document, fallback),
                "sizes": sizes}  # fmt: skip

    def _render(self, header: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QImage

        from desktop_app.ui.viewers.pdf_document import check_page, render_page

        page = int(header["page"])
        width = min(max(int(header["width"]), 1), MAX_SIDE)
        height = min(max(int(header["height"]), 1), MAX_SIDE)
        check_page(self.document, page, "the PDF")
        if self.faults and ABORT_MARKER in self.data:
            os.abort()  # as a segfault in PDFium would end the process
        if self.faults and HANG_MARKER in self.data:
            time.sleep(3600)  # as an endless loop in a content stream would
        image = render_page(self.document, page, QSize(width, height))
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        line = image.width() * 4
        if image.bytesPerLine() == line:
            pixels = bytes(image.constBits())[: line * image.height()]
        else:
            full = bytes(image.constBits())
            stride = image.bytesPerLine()
            pixels = b"".join(full[y * stride : y * stride + line] for y in range(image.height()))
        return {"ok": True, "width": image.width(), "height": image.height()}, pixels

    def _search(self, text: str) -> dict[str, Any]:
        document, needle = self.document, text.casefold()
        hits: list[list[float]] = []
        for page in range(document.pageCount()):
            haystack = document.getAllText(page).text().casefold()
            start = haystack.find(needle) if needle else -1
            while start >= 0 and len(hits) < MAX_HITS:
                box = document.getSelectionAtIndex(page, start, len(text)).boundingRectangle()
                hits.append([page, box.x(), box.y(), box.width(), box.height()])
                start = haystack.find(needle, start + len(needle))
        return {"ok": True, "hits": hits}


def _die_with_the_app() -> None:
    """Linux: killed when the app dies, even while stuck in PDFium (not reading stdin)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # then only the end of stdin ends it


def main() -> int:
    _die_with_the_app()
    no_core_dumps()  # a PDF that crashes it must not leave its decrypted bytes in a core
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["wardlink-pdf-renderer"])
    renderer = Renderer()
    while True:
        head = _read_frame(source, MAX_HEADER)
        body = _read_frame(source, MAX_BODY) if head is not None else None
        if head is None or body is None:
            break  # stdin closed: the viewer is gone
        header, reply_body = renderer.answer(parse_header(head), body)
        header["id"] = parse_header(head).get("id")
        sink.write(encode(header, reply_body))
        sink.flush()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())

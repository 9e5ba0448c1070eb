"""The pipe protocol between the app and its PDF renderer process (pdf_renderer.py).

Every message is two frames, each a 4-byte big-endian length and that many bytes: a
JSON header (an object, at most MAX_HEADER bytes) and a body (the PDF once, a page's
pixels, or nothing; at most MAX_BODY bytes). A length over the bound is a protocol
error, so neither side ever allocates what a broken or hostile peer announces.
Requests: {"op": "open", "label", "title"} + the PDF bytes; {"op": "render", "page",
"width", "height"} -> {"width", "height"} + RGB32 pixels (width * 4 bytes a line);
{"op": "search", "text"} -> {"hits": [[page, x, y, w, h], ...]} in points. A reply has
"ok": true, or "ok": false and "error", a sentence for the user.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any

from desktop_app.medical.errors import MedicalError

MAX_HEADER = 1 << 20  # JSON: a 5,000-page document's sizes or 2,000 hits fit easily
MAX_PDF_BYTES = 512 << 20  # beyond any attachment WardLink sends
MAX_SIDE = 8192  # pixels per side of one rendered page (Qt's own QImage limits are higher)
MAX_BODY = max(MAX_PDF_BYTES, MAX_SIDE * MAX_SIDE * 4)
MAX_HITS = 2000  # search hits sent back; enough to step through, bounded for a hostile file
REQUEST_TIMEOUT_S = 10.0  # one open, page or search; longer is taken as a hang
START_TIMEOUT_S = 20.0  # the first reply also waits for Python and Qt to start
_LENGTH = struct.Struct(">I")

# A test hook, honoured by the renderer only when FAULT_ENV is set: a PDF holding one of
# these markers (e.g. as a trailing comment) makes the renderer abort or hang on a page.
FAULT_ENV = "WARDLINK_PDF_RENDERER_TEST_FAULTS"
ABORT_MARKER = b"%WARDLINK-TEST-ABORT"
HANG_MARKER = b"%WARDLINK-TEST-HANG"


class PdfRendererFailed(MedicalError):
    """The renderer process crashed, hung or broke the protocol on this PDF."""


class ProtocolError(ValueError):
    """A frame announces more than the bounds allow, or its header is not JSON."""


@dataclass(frozen=True)
class PdfInfo:
    pages: int
    title: str
    page_points: tuple[tuple[float, float], ...]  # width, height of each page in points


@dataclass(frozen=True)
class Hit:
    page: int
    rect: tuple[float, float, float, float]  # x, y, width, height in points


def encode(header: dict[str, Any], body: bytes = b"") -> bytes:
    head = json.dumps(header, separators=(",", ":")).encode()
    if len(head) > MAX_HEADER or len(body) > MAX_BODY:
        raise ProtocolError("message too large for the PDF renderer pipe")
    return b"".join((_LENGTH.pack(len(head)), head, _LENGTH.pack(len(body)), body))


class Decoder:
    """Collects bytes as they arrive and yields complete (header, body) messages."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[tuple[dict[str, Any], bytes]]:
        self._buffer += data
        messages: list[tuple[dict[str, Any], bytes]] = []
        while True:
            message = self._take()
            if message is None:
                return messages
            messages.append(message)

    def _take(self) -> tuple[dict[str, Any], bytes] | None:
        buffer = self._buffer
        if len(buffer) < 4:
            return None
        (head_len,) = _LENGTH.unpack_from(buffer, 0)
        if head_len > MAX_HEADER:
            raise ProtocolError(f"header of {head_len} bytes announced")
        if len(buffer) < 8 + head_len:
            return None
        (body_len,) = _LENGTH.unpack_from(buffer, 4 + head_len)
        if body_len > MAX_BODY:
            raise ProtocolError(f"body of {body_len} bytes announced")
        end = 8 + head_len + body_len
        if len(buffer) < end:
            return None
        header = parse_header(bytes(buffer[4 : 4 + head_len]))
        body = bytes(buffer[8 + head_len : end])
        del buffer[:end]
        return header, body


def parse_header(raw: bytes) -> dict[str, Any]:
    try:
        header = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError("header is not JSON") from exc
    if not isinstance(header, dict):
        raise ProtocolError("header is not an object")
    return header


def info_from(header: dict[str, Any]) -> PdfInfo:
    sizes = tuple((float(w), float(h)) for w, h in header["sizes"])
    return PdfInfo(int(header["pages"]), str(header["title"]), sizes)


def hits_from(header: dict[str, Any]) -> list[Hit]:
    return [Hit(int(p), (float(x), float(y), float(w), float(h))) for p, x, y, w, h in
            header["hits"][:MAX_HITS]]  # fmt: skip

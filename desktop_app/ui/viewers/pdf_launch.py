"""How the renderer process is started, and a one-shot render for chat card previews.

From source the renderer is `python -m desktop_app.ui.viewers.pdf_renderer`; in the
frozen app (PyInstaller sets sys.frozen) there is no python, so the app's own executable
is started with the hidden first argument RENDERER_FLAG, which installer/wardlink_main.py
dispatches before anything else. Its environment gets QT_QPA_PLATFORM=offscreen: it
never opens a window.

`render_once` serves the chat's preview thread (the bridge's offload thread): a child of
its own per preview, fed the PDF and two requests at once through subprocess pipes, with
one deadline for all of it (POSIX communicate() waits with select, no thread); a crash
or a hang becomes PdfRendererFailed, the child is killed and reaped either way. The
children run registered in the caller's OneShotRenderers, which the chat's thumbnail
cache kills when the app quits, so no preview holds up the exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from PySide6.QtGui import QImage

from desktop_app.medical.errors import MedicalError
from desktop_app.ui.viewers.pdf_document import PdfUnreadable
from desktop_app.ui.viewers.pdf_protocol import (
    REQUEST_TIMEOUT_S,
    START_TIMEOUT_S,
    Decoder,
    PdfInfo,
    PdfRendererFailed,
    ProtocolError,
    encode,
    info_from,
)

RENDERER_MODULE = "desktop_app.ui.viewers.pdf_renderer"
RENDERER_FLAG = "--pdf-renderer"  # hidden: only the app starts itself with it


class OneShotRenderers:
    """The preview renderers one owner (a chat's thumbnail cache) has running. Previews
    run on the offload thread and quitting on the GUI's, hence the lock."""

    def __init__(self) -> None:
        self._children: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()

    def add(self, child: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._children.add(child)

    def discard(self, child: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._children.discard(child)

    def kill_all(self) -> None:
        """Kill the preview renderers still running; their render_once raises at once."""
        with self._lock:
            for child in self._children:
                if child.poll() is None:
                    child.kill()


def renderer_command() -> list[str]:
    """Program and arguments of a renderer process, from source or frozen."""
    if getattr(sys, "frozen", False):
        return [sys.executable, RENDERER_FLAG]
    return [sys.executable, "-m", RENDERER_MODULE]


def renderer_environment() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def crashed(label: str) -> str:
    return f"the PDF renderer stopped on {label}: it is damaged or made to attack PDF readers"


def hung(label: str) -> str:
    return f"the PDF renderer hung on {label} and was stopped"


def to_qimage(width: int, height: int, pixels: bytes) -> QImage:
    if len(pixels) != width * height * 4:
        raise ProtocolError("page pixels of the wrong size")
    image = QImage(pixels, width, height, width * 4, QImage.Format.Format_RGB32)
    return image.copy()  # own the pixels: the bytes object goes away


def raise_for(header: dict[str, object]) -> None:
    """A refusal from the renderer (damaged, protected PDF) as the app's own error."""
    if not header.get("ok"):
        raise PdfUnreadable(str(header.get("error", "the PDF cannot be opened")))


def render_once(
    data: bytes,
    label: str,
    width: int,
    height: int,
    title: str = "",
    running: OneShotRenderers | None = None,
) -> tuple[PdfInfo, QImage]:
    """Page 1 of `data` fitted into width x height, rendered by a child of its own,
    registered in ``running`` while it works."""
    running = running or OneShotRenderers()
    requests = encode({"op": "open", "label": label, "title": title, "id": 1}, data) + encode(
        {"op": "render", "page": 0, "width": width, "height": height, "id": 2}
    )
    child = subprocess.Popen(  # noqa: S603 (our own renderer, no shell)
        renderer_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=renderer_environment(),
    )
    running.add(child)
    try:
        out, _ = child.communicate(requests, timeout=START_TIMEOUT_S + REQUEST_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise PdfRendererFailed(hung(label)) from None
    finally:
        running.discard(child)
        if child.poll() is None:
            child.kill()
        child.wait()
    try:
        replies = Decoder().feed(out)
        if replies:
            raise_for(replies[0][0])
        if len(replies) != 2 or child.returncode != 0:
            raise PdfRendererFailed(crashed(label))
        (opened, _), (page, pixels) = replies
        raise_for(page)
        return info_from(opened), to_qimage(int(page["width"]), int(page["height"]), pixels)
    except MedicalError:
        raise
    except (ProtocolError, KeyError, TypeError, ValueError):
        raise PdfRendererFailed(crashed(label)) from None

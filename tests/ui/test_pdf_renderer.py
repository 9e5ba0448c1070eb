"""PDFium runs in a renderer process: a PDF that crashes or hangs it leaves the app up.

The renderer honours a test hook (pdf_protocol.FAULT_ENV): a PDF carrying a marker as a
trailing comment makes it os.abort() (as a segfault in PDFium would end it) or sleep (as
an endless loop in a content stream would) when asked for a page. No PDF is known that
crashes this PDFium build, so the hook stands in for one.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat.previews import decode_preview
from desktop_app.ui.viewers import pdf_launch, pdf_process
from desktop_app.ui.viewers.pdf_launch import (
    RENDERER_FLAG,
    OneShotRenderers,
    render_once,
    renderer_command,
)
from desktop_app.ui.viewers.pdf_protocol import (
    ABORT_MARKER,
    FAULT_ENV,
    HANG_MARKER,
    MAX_HEADER,
    Decoder,
    PdfRendererFailed,
    ProtocolError,
    encode,
)
from desktop_app.ui.viewers.pdf_view import PdfViewer, renderer_failed_text
from desktop_app.ui.viewers.qimage import qimage_to_array
from desktop_app.ui.viewers.viewer_window import ErrorNotice, ViewerWindow
from tests.ui.pdf_samples import make_pdf

PAGES = ["Kalium 4,2 mmol/l", "Sinusrhythmus 72/min", "Seite drei"]
TIMEOUT_MS = 15_000
ROOT = Path(__file__).resolve().parents[2]


def _children() -> set[int]:
    """Process ids of this process's live (not zombie) children running the renderer."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and b"pdf_renderer" in cmdline:
            found.add(int(stat.parent.name))
    return found


_windows: list[ViewerWindow] = []  # qtbot holds them weakly; the chat holds them too


def _window(qtbot: QtBot, data: bytes) -> ViewerWindow:
    window = ViewerWindow(data, None, title="befund.pdf")
    qtbot.addWidget(window)
    _windows.append(window)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def _shown(qtbot: QtBot, data: bytes) -> PdfViewer:
    viewer = _window(qtbot, data).viewer
    assert isinstance(viewer, PdfViewer), getattr(viewer, "text", lambda: "")()
    qtbot.waitUntil(lambda: viewer.view.shown is not None or viewer.failed, timeout=TIMEOUT_MS)
    return viewer


def test_a_page_renders_with_text_pixels_and_search_jumps_and_closing_ends_the_renderer(
    qtbot: QtBot,
) -> None:
    before = _children()
    viewer = _shown(qtbot, make_pdf(PAGES))
    assert _children() - before == {viewer.renderer.pid()}  # PDFium is not in this process
    pixels = qimage_to_array(viewer.view.page_label.pixmap().toImage())[..., :3].min(axis=-1)
    top, bottom = pixels[: pixels.shape[0] // 6], pixels[pixels.shape[0] // 2 :]
    assert int(np.count_nonzero(top < 100)) > 500  # dark glyphs of "Kalium" at the top
    assert int(bottom.min()) == 255  # white paper below
    viewer.find_box.setText("Sinusrhythmus")
    qtbot.waitUntil(lambda: viewer.view.shown == (1, viewer.effective_zoom()), timeout=TIMEOUT_MS)
    assert viewer.current_hit == 0 and viewer.find_status.text() == "1 of 1"
    shown = qimage_to_array(viewer.view.page_label.pixmap().toImage())
    marked = (shown[..., 0] > 200) & (shown[..., 1] > 150) & (shown[..., 2] < 150)
    assert int(np.count_nonzero(marked)) > 500  # the hit is marked on page 2
    viewer.window().close()
    assert _children() == before
    _windows.clear()


@pytest.mark.parametrize("marker", [ABORT_MARKER, HANG_MARKER])
def test_a_renderer_that_crashes_or_hangs_leaves_the_app_up_with_a_clear_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, marker: bytes
) -> None:
    monkeypatch.setenv(FAULT_ENV, "1")
    monkeypatch.setattr(pdf_process, "REQUEST_TIMEOUT_S", 1.0)
    before = _children()
    viewer = _shown(qtbot, make_pdf(PAGES) + b"\n" + marker + b"\n")
    qtbot.waitUntil(lambda: viewer.failed, timeout=TIMEOUT_MS)
    assert viewer.view.page_label.text() == renderer_failed_text()
    assert "could not be displayed" in viewer.view.page_label.text()
    reason = "stopped on befund.pdf" if marker == ABORT_MARKER else "hung on befund.pdf"
    assert reason in viewer.failure
    assert viewer.isVisible() and _children() == before  # the hung one was killed
    viewer.go_to(2)  # later requests fail at once, nothing waits or restarts
    viewer.find_box.setText("Kalium")
    again = _shown(qtbot, make_pdf(PAGES))  # the app is up; the next PDF works
    assert again.view.shown is not None and not again.failed
    again.window().close()
    viewer.window().close()
    assert _children() == before
    _windows.clear()


@pytest.mark.parametrize("marker", [ABORT_MARKER, HANG_MARKER])
def test_a_chat_preview_of_such_a_pdf_is_an_error_line(
    monkeypatch: pytest.MonkeyPatch, marker: bytes
) -> None:
    monkeypatch.setenv(FAULT_ENV, "1")
    if marker == HANG_MARKER:  # the abort needs no deadline; the hang one that ends soon
        monkeypatch.setattr(pdf_launch, "REQUEST_TIMEOUT_S", 1.0)
        monkeypatch.setattr(pdf_launch, "START_TIMEOUT_S", 2.0)
    before = _children()
    preview = decode_preview(make_pdf(PAGES) + b"\n" + marker + b"\n", QSize(300, 300))
    assert preview.image is None
    reason = "stopped on attachment" if marker == ABORT_MARKER else "hung on attachment"
    assert reason in preview.error
    assert _children() == before


def test_quitting_kills_a_preview_renderer_that_hangs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FAULT_ENV, "1")
    monkeypatch.setattr(pdf_launch, "REQUEST_TIMEOUT_S", 600.0)  # only the kill can end it
    before = _children()
    errors: list[str] = []
    box = QSize(300, 300)
    data = make_pdf(PAGES) + b"\n" + HANG_MARKER + b"\n"
    renderers = OneShotRenderers()  # a chat's thumbnail cache has one
    thread = threading.Thread(
        target=lambda: errors.append(decode_preview(data, box, renderers).error)
    )
    thread.start()
    try:
        while not _children() - before and thread.is_alive():
            time.sleep(0.05)
        time.sleep(0.5)  # let it read the PDF and start to hang
        renderers.kill_all()  # what the cache does when the app is about to quit
    finally:
        thread.join(60)
    assert not thread.is_alive() and errors and "stopped on attachment" in errors[0]
    assert _children() == before


def test_the_frozen_apps_hidden_renderer_command_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert renderer_command() == [sys.executable, RENDERER_FLAG]
    # The frozen executable runs installer/wardlink_main.py; so does this command.
    entry = [sys.executable, str(ROOT / "installer" / "wardlink_main.py"), RENDERER_FLAG]
    monkeypatch.setattr(pdf_launch, "renderer_command", lambda: entry)
    info, image = render_once(make_pdf(PAGES), "letter.pdf", 200, 200, "Brief")
    assert (info.pages, info.title) == (3, "Brief") and image.height() == 200
    with pytest.raises(PdfRendererFailed):
        monkeypatch.setattr(pdf_launch, "renderer_command", lambda: [sys.executable, "-c", ""])
        render_once(make_pdf(PAGES), "letter.pdf", 200, 200)


def test_frames_beyond_the_bounds_are_refused_before_reading_them() -> None:
    decoder = Decoder()
    message = encode({"op": "search", "text": "x"})
    assert decoder.feed(message[:5]) == [] and decoder.feed(message[5:])[0][0]["text"] == "x"
    with pytest.raises(ProtocolError):
        Decoder().feed((MAX_HEADER + 1).to_bytes(4, "big"))
    with pytest.raises(ProtocolError):
        Decoder().feed(b"\x00\x00\x00\x02[]\x00\x00\x00\x00")


def test_quitting_the_app_leaves_no_renderer_running(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from desktop_app.ui.viewers.viewer_window import ErrorNotice, ViewerWindow
        from tests.ui.pdf_samples import make_pdf
        app = QApplication([])
        windows = [ViewerWindow(make_pdf(["a"]), None, title="a.pdf") for _ in range(2)]
        for window in windows:
            window.show()
            print(window.viewer.renderer.pid(), flush=True)
        QTimer.singleShot(200, app.quit)  # as the app quits, with both viewers open
        app.exec()
        os._exit(0)  # no destructors: only aboutToQuit may have ended the renderers
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, timeout=60, check=True
    )
    pids = [int(line) for line in done.stdout.split()]
    assert len(pids) == 2
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or "Z" in _state(pid), pid


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_a_renderer_that_dies_while_opening_gives_the_clear_message_not_a_viewer(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dies = [sys.executable, "-c", "import os; os.abort()"]
    monkeypatch.setattr(pdf_process, "renderer_command", lambda: dies)
    before = _children()
    window = _window(qtbot, make_pdf(PAGES))
    assert isinstance(window.viewer, ErrorNotice)
    assert renderer_failed_text() in window.viewer.text()
    assert _children() == before  # the dead renderer was reaped, nothing else runs
    window.close()
    _windows.clear()


def test_a_viewer_deleted_without_being_closed_ends_its_renderer(qtbot: QtBot) -> None:
    before = _children()
    window = ViewerWindow(make_pdf(PAGES), None, title="befund.pdf")
    viewer = window.viewer
    assert isinstance(viewer, PdfViewer)
    pid = viewer.renderer.pid()
    assert pid in _children()
    window.deleteLater()  # no closeEvent: Qt deletes the viewer and its QProcess
    del window, viewer
    qtbot.waitUntil(lambda: pid not in _children(), timeout=TIMEOUT_MS)
    assert _children() == before


def _core_limit(pid: int) -> str:
    line = next(
        text
        for text in Path(f"/proc/{pid}/limits").read_text().splitlines()
        if text.startswith("Max core file size")
    )
    return " ".join(line.split()[4:6])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux core dumps")
def test_a_renderer_leaves_no_core_file_of_the_decrypted_pdf(qtbot: QtBot) -> None:
    """A PDF may crash its renderer (by design harmless); on a PC with core dumps on, the
    crash wrote the decrypted PDF into a core file in clear."""
    soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # a PC with core dumps on
    try:
        if hard == 0:
            pytest.skip("core dumps cannot be switched on here")
        viewer = _shown(qtbot, make_pdf(PAGES))
        assert _core_limit(int(viewer.renderer.pid())) == "0 0"
        viewer.window().close()
        _windows.clear()
    finally:
        resource.setrlimit(resource.RLIMIT_CORE, (soft, hard))

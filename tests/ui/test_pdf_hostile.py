"""A PDF that crashes or hangs the renderer stops the renderer process, not the app.

No PDF is known that crashes this PDFium build, so the renderer process is made to die
(SIGKILL, as a segfault in PDFium would end it) or to hang (SIGSTOP, as an endless loop
in a content stream would) while the viewer uses it: the viewer says so in place of the
page, and the app, and the next PDF, carry on.
"""

from __future__ import annotations

import os
import signal

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.ui.viewers import pdf_worker
from desktop_app.ui.viewers.pdf_view import PdfViewer
from desktop_app.ui.viewers.viewer_window import open_viewer
from tests.ui.pdf_samples import make_pdf

TIMEOUT_MS = 15_000
PAGES = ["Kalium 4,2 mmol/l", "Sinusrhythmus 72/min", "Seite drei"]


def _shown(qtbot: QtBot) -> PdfViewer:
    viewer = open_viewer(make_pdf(PAGES), None)
    assert isinstance(viewer, PdfViewer), getattr(viewer, "text", lambda: "")()
    qtbot.addWidget(viewer)
    viewer.resize(900, 700)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.view.shown is not None, timeout=TIMEOUT_MS)
    return viewer


def _still_works(qtbot: QtBot) -> None:
    again = _shown(qtbot)  # the app is up and the next PDF opens in a fresh renderer
    again.go_to(2)
    qtbot.waitUntil(lambda: again.view.shown == (2, again.effective_zoom()), timeout=TIMEOUT_MS)
    assert not again.failed


@pytest.mark.parametrize("how", ["crash", "hang"])
def test_a_renderer_that_crashes_or_hangs_leaves_the_app_up_with_a_clear_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr(pdf_worker, "RENDER_TIMEOUT_S", 2.0)
    viewer = _shown(qtbot)
    (pid,) = viewer.worker.process_ids()
    os.kill(pid, signal.SIGKILL if how == "crash" else signal.SIGSTOP)
    viewer.go_to(1)  # the next page is asked of the dead or stuck renderer
    qtbot.waitUntil(lambda: viewer.failed, timeout=TIMEOUT_MS)
    assert "renderer crashed or hung" in viewer.view.page_label.text()
    assert viewer.view.shown is None and viewer.isVisible()
    reason = "crashed" if how == "crash" else "hung"
    assert reason in viewer.worker.failure
    viewer.find_box.setText("Kalium")  # later requests fail at once, nothing waits
    qtbot.waitUntil(lambda: viewer.find_status.text() == "", timeout=TIMEOUT_MS)
    _still_works(qtbot)

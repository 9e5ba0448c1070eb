""" "Compare with…" through the real relay: two X-rays of the chat history side by side in
one window, zoom and pan in step while "Synchronize" is on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat.menu import message_menu
from desktop_app.ui.viewers.compare_window import CompareWindow
from desktop_app.ui.viewers.view_geometry import geometry_state
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    chat_view,
    rows,
    wait_row,
)
from tests.ui.conftest import small_dx

__all__ = ["chat_view"]  # the fixture


def test_compare_two_images_of_the_chat_with_synchronized_zoom(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    _anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    paths = []
    for name in ("thorax-gestern.dcm", "thorax-heute.dcm"):
        paths.append(tmp_path / name)
        small_dx().save_as(paths[-1], enforce_file_format=True)
    anna_view.composer.add_files(paths)
    anna_view.composer.submit()
    wait_row(qtbot, jonas_view, lambda r: r.message.attachments != () and
             r.message.attachments[0].file_name == "thorax-heute.dcm")  # fmt: skip
    today = next(r for r in rows(jonas_view) if r.message.attachments and
                 r.message.attachments[0].file_name == "thorax-heute.dcm")  # fmt: skip

    menu = message_menu(jonas_view, jonas_view.model.index_of(today.message_id), None)
    action = next(a for a in menu.actions() if a.text() == "Compare with…")
    action.trigger()
    comparer = jonas_view.opener.compare
    qtbot.waitUntil(lambda: comparer.picker is not None, timeout=TIMEOUT_MS)
    picker = comparer.picker
    assert picker is not None
    assert [c.attachment.file_name for c in picker.choices] == ["thorax-gestern.dcm"]
    picker.accept()
    qtbot.waitUntil(
        lambda: any(isinstance(w, CompareWindow) for w in jonas_view.opener.windows),
        timeout=TIMEOUT_MS,
    )
    window = next(w for w in jonas_view.opener.windows if isinstance(w, CompareWindow))
    left, right = window.image_viewers()
    assert (
        "thorax-heute.dcm" in window.windowTitle() and "thorax-gestern.dcm" in window.windowTitle()
    )
    for viewer in (left, right):
        qtbot.waitUntil(lambda v=viewer: v.view.source is not None, timeout=TIMEOUT_MS)

    left.view.zoom_by(2.0, QPointF(40, 60))
    zoom, pan = geometry_state(right.view)
    assert zoom is not None and abs(zoom - 2.0) < 1e-6
    assert pan == geometry_state(left.view)[1] and pan != QPointF(0, 0)
    window.sync.setChecked(False)
    left.view.zoom_by(2.0)
    assert geometry_state(right.view)[0] == zoom  # no longer follows
    right.view.fit()
    assert geometry_state(left.view)[0] is not None

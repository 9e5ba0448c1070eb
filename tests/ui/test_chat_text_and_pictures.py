"""Lab values and duty plans (TXT/CSV) and plain pictures sent through the real relay open
in the app from memory: a read-only text window, a picture window that fits the screen."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.model import Attachment
from desktop_app.ui.chat import ChatView
from desktop_app.ui.viewers.picture_window import ImageWindow
from desktop_app.ui.viewers.text_window import MAX_TEXT_BYTES, TextWindow, decode_text
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    chat_view,
    wait_row,
)
from tests.ui.test_chat_attachments import _card_centre, _files_containing

__all__ = ["chat_view"]  # the fixture

LAB = "Laborwerte Zimmer 12\r\nKalium   4,2 mmol/l – ok\r\nTroponin 48 ng/l  ↑\r\n"
PLAN = "Datum;Früh;Spät\n05.12.;Müller;Weber\n"


def _received(qtbot: QtBot, view: ChatView, name: str) -> Attachment:
    row = wait_row(qtbot, view, lambda r: any(a.file_name == name for a in r.message.attachments))
    return next(a for a in row.message.attachments if a.file_name == name)


def _downloaded(qtbot: QtBot, view: ChatView, attachment: Attachment) -> None:
    """Wait until the receiver's container holds the body (the row is listed before)."""
    outcome: list[bool] = []

    def ask() -> bool:
        view.ctx.bridge.call(view.ctx.client.attachment_bytes, attachment.attachment_id,
                             done=lambda _b: outcome.append(True),
                             error=lambda _e: outcome.append(False))  # fmt: skip
        qtbot.waitUntil(lambda: bool(outcome), timeout=TIMEOUT_MS)
        return outcome.pop()

    qtbot.waitUntil(ask, timeout=TIMEOUT_MS)


def _open(qtbot: QtBot, view: ChatView, attachment: Attachment, kind: type) -> Any:
    _downloaded(qtbot, view, attachment)
    if kind is ImageWindow:  # the card grows once its thumbnail is there
        qtbot.waitUntil(lambda: view.thumbnails.peek(attachment.attachment_id) is not None,
                        timeout=TIMEOUT_MS)  # fmt: skip
    failures: list[str] = []
    view.opener.failed.connect(failures.append)
    before = len(view.opener.windows)
    view.activateWindow()  # back from a viewer window: the chat is clicked again
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.mouseClick(
        view.list.viewport(), Qt.MouseButton.LeftButton, pos=_card_centre(view, attachment)
    )
    qtbot.waitUntil(lambda: len(view.opener.windows) > before or bool(failures),
                    timeout=TIMEOUT_MS)  # fmt: skip
    assert not failures
    window = view.opener.windows[-1]
    assert isinstance(window, kind)
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def two_chats(qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any) -> Any:
    _anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    return anna_view, jonas_view


def test_lab_values_and_a_duty_plan_open_as_text_from_memory(
    qtbot: QtBot, two_chats: Any, tmp_path: Path
) -> None:
    started = time.time() - 1
    anna_view, jonas_view = two_chats
    lab, plan = tmp_path / "laborwerte.txt", tmp_path / "dienstplan.csv"
    lab.write_bytes(LAB.encode("cp1252", errors="replace"))  # an older lab system
    plan.write_bytes(b"\xef\xbb\xbf" + PLAN.encode("utf-8"))  # Excel's "CSV UTF-8"
    anna_view.composer.add_files([lab, plan])
    anna_view.composer.submit()

    window = _open(qtbot, jonas_view, _received(qtbot, jonas_view, "laborwerte.txt"), TextWindow)
    assert "laborwerte.txt" in window.windowTitle()
    shown = window.editor.toPlainText()
    assert "Kalium   4,2 mmol/l – ok" in shown and "Troponin 48 ng/l  ?" in shown
    assert window.editor.isReadOnly() and QFontInfo(window.editor.font()).fixedPitch()
    # Ctrl+F, type, Enter: the match is selected.
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_box, "troponin")
    assert window.editor.textCursor().selectedText() == "Troponin"
    qtbot.keyClicks(window.find_box, "x")
    assert window.find_status.text() == "Not found"
    qtbot.keyClick(window.find_box, Qt.Key.Key_Escape)  # first Escape: the find bar
    assert not window.find_bar.isVisible() and window.isVisible()
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)  # second: the window
    qtbot.waitUntil(lambda: not window.isVisible())

    window = _open(qtbot, jonas_view, _received(qtbot, jonas_view, "dienstplan.csv"), TextWindow)
    assert window.editor.toPlainText() == PLAN  # no BOM character shown
    qtbot.keyClick(window.editor, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())

    assert _files_containing([Path(tempfile.gettempdir())], "Früh;Spät".encode(), started) == []


def test_a_text_file_above_the_cap_says_so_instead_of_opening(
    qtbot: QtBot, two_chats: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna_view, _ = two_chats
    log = tmp_path / "geraet.log"
    log.write_text("ok\n", encoding="utf-8")
    anna_view.composer.add_files([log])
    anna_view.composer.submit()
    attachment = _received(qtbot, anna_view, "geraet.log")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    assert anna_view.opener.show_bytes(attachment, b"x" * (MAX_TEXT_BYTES + 1)) is None
    assert told and "geraet.log is too large to show in WardLink" in told[0]
    assert "the limit is 5 MB" in told[0] and anna_view.opener.windows == []


def test_decoding_handles_boms_utf8_and_cp1252() -> None:
    assert decode_text("Grüße".encode()) == "Grüße"
    assert decode_text(b"\xef\xbb\xbfGr\xc3\xbc\xc3\x9fe") == "Grüße"
    assert decode_text("Grüße".encode("utf-16")) == "Grüße"
    assert decode_text("Grüße – 4,2".encode("cp1252")) == "Grüße – 4,2"
    assert decode_text(b"\x81\xff") == "\ufffd\xff"  # cp1252 has no 0x81: replaced


def test_a_large_picture_opens_fully_on_the_screen_with_zoom(
    qtbot: QtBot, two_chats: Any, tmp_path: Path
) -> None:
    anna_view, jonas_view = two_chats
    available = jonas_view.screen().availableGeometry()
    # The chat sits in the bottom-right corner: a window centred on it would hang off.
    jonas_view.move(available.right() - 200, available.bottom() - 200)
    picture = QImage(3000, 2000, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2a7ab0"))
    path = tmp_path / "wunde-tag3.png"
    assert picture.save(str(path))
    anna_view.composer.add_files([path])
    anna_view.composer.submit()

    window = _open(qtbot, jonas_view, _received(qtbot, jonas_view, "wunde-tag3.png"), ImageWindow)
    assert "wunde-tag3.png" in window.windowTitle()
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)
    assert available.contains(window.geometry())
    # ... and uses the room there is: clamped to the screen, not a small default window.
    assert window.width() > 0.9 * available.width() or window.height() > 0.9 * available.height()
    view = window.view
    assert view.scale_factor() < 0.5  # fitted: the whole picture is visible
    one_to_one = next(a for a in window.toolbar.actions() if a.text() == "1:1")
    qtbot.mouseClick(window.toolbar.widgetForAction(one_to_one), Qt.MouseButton.LeftButton)
    assert view.scale_factor() == pytest.approx(1.0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert view.scale_factor() < 0.5
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())

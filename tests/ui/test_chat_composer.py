"""The composer: disabled without a conversation, drafts per conversation, nothing lost on a
failed send, files by paste and by drag and drop, and marking a conversation read."""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct, wait_row

__all__ = ["chat_view"]  # the fixture


def _files_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_no_conversation_means_a_disabled_composer_with_a_hint(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    view = chat_view(live_session(gui_ward, "weber.anna"))
    editor = view.composer.editor
    assert not editor.isEnabled() and not view.composer.send_button.isEnabled()
    assert "Choose a conversation" in editor.placeholderText()
    for widget in (editor, view.composer.send_button, view.composer.urgent_button,
                   view.composer.attach_button, view.list):  # fmt: skip
        assert widget.accessibleName()


def test_failed_send_keeps_the_text_and_says_why(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    view: ChatView = chat_view(live_session(gui_ward, "weber.anna"))
    view.show_conversation("no-such-conversation", "Verschwunden")
    qtbot.keyClicks(view.composer.editor, "Wichtige Übergabe")
    qtbot.keyClick(view.composer.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(view.status.is_error, timeout=TIMEOUT_MS)
    assert view.status.text().startswith("Not sent: ")
    assert view.composer.editor.toPlainText() == "Wichtige Übergabe"


def test_drafts_stay_with_their_conversation(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, dx_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    to_jonas = start_direct(qtbot, anna, "mueller.jonas")
    to_lena = start_direct(qtbot, anna, "schmidt.lena")
    view: ChatView = chat_view(anna)
    view.show_conversation(to_jonas, "Jonas Müller")
    view.composer.editor.setPlainText("für Jonas")
    view.composer.add_files([dx_path])
    view.show_conversation(to_lena, "Dr. Lena Schmidt")
    assert view.composer.editor.toPlainText() == "" and view.composer.files() == []
    view.show_conversation(to_jonas, "Jonas Müller")
    assert view.composer.editor.toPlainText() == "für Jonas"
    assert view.composer.files() == [dx_path]


def test_files_come_by_paste_and_by_drop(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, dx_path: Path, ecg_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    view: ChatView = chat_view(anna)
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view.show_conversation(cid, "Jonas Müller")
    view.composer.editor.insertFromMimeData(_files_mime(dx_path))
    assert view.composer.files() == [dx_path]
    assert view.composer.editor.toPlainText() == ""  # no file:// text pasted

    mime = _files_mime(ecg_path)
    position = QPointF(view.list.geometry().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(position.toPoint(), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(position, actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, drop)
    assert view.composer.files() == [dx_path, ecg_path]
    chips = [c.text() for c in view.composer.chips.findChildren(type(view.composer.send_button))]
    assert any("ruhe-ekg.dcm" in c for c in chips)

    view.composer.remove_file(dx_path)
    assert view.composer.files() == [ecg_path] and dx_path.exists()  # never deletes own files


def test_showing_a_conversation_in_the_active_window_marks_it_read(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    jonas_view: ChatView = chat_view(jonas)
    with qtbot.waitSignal(jonas.ctx.events.messages, timeout=TIMEOUT_MS):
        anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(cid, "Bitte lesen"))

    def unread() -> int:
        rows = call(qtbot, jonas, jonas.ctx.client.conversations)
        return next(r.unread for r in rows if r.conversation_id == cid)

    assert unread() == 1
    jonas_view.activateWindow()
    qtbot.waitUntil(jonas_view.isActiveWindow, timeout=TIMEOUT_MS)
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    wait_row(qtbot, jonas_view, lambda r: r.message.body == "Bitte lesen")
    qtbot.waitUntil(lambda: unread() == 0, timeout=TIMEOUT_MS)


def test_keyboard_only_tab_order_and_enter_on_a_message(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    view: ChatView = chat_view(anna)
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view.show_conversation(cid, "Jonas Müller")
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=TIMEOUT_MS)
    composer = view.composer
    composer.editor.setFocus()
    order = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    # The header's Call button shows only where calls are wired (not in this bare view).
    assert order == [composer.urgent_button, composer.send_button, composer.attach_button,
                     composer.voice_button, view.tasks_button, view.calendar_button,
                     view.files_button, view.list]  # fmt: skip
    qtbot.keyClick(view.list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is composer.editor
    qtbot.keyClicks(composer.editor, "Hallo")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    wait_row(qtbot, view, lambda r: r.message.body == "Hallo")
    view.list.setFocus()  # Tab into the list lands on the newest message
    assert view.list.currentIndex().data(Qt.ItemDataRole.DisplayRole) == "Hallo"


def _png(image: QImage) -> bytes:
    """The PNG bytes Qt writes for ``image`` (what a paste would hold)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(data.data())


def _in_temp(needle: bytes, since: float) -> list[Path]:
    """Files in the system temp folder changed since ``since`` that contain ``needle``."""
    hits = []
    for dirpath, dirnames, filenames in os.walk(tempfile.gettempdir()):
        dirnames[:] = [d for d in dirnames if not d.startswith(("pytest-of-", "bash_jobs"))]
        for name in filenames:
            path = Path(dirpath) / name
            try:
                if path.is_file() and path.stat().st_mtime >= since and needle in path.read_bytes():
                    hits.append(path)
            except OSError:
                continue
    return hits


def test_pasted_pictures_stay_in_memory_until_sent(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Issue 16 #13: a pasted screenshot is never written in clear to the temp folder
    (ward PCs share one OS login), neither while it waits nor while it is sent."""
    started = time.time() - 1
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    to_jonas = start_direct(qtbot, anna, "mueller.jonas")
    to_lena = start_direct(qtbot, anna, "schmidt.lena")
    view: ChatView = chat_view(anna)
    view.show_conversation(to_jonas, "Jonas Müller")
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    noise = random.Random(16)
    for x in range(40):
        for y in range(30):
            picture.setPixelColor(x, y, QColor(noise.randrange(1 << 24)))
    png = _png(picture)
    needle = png[len(png) // 2 : len(png) // 2 + 256]  # compressed pixels, unique to it
    composer = view.composer

    removed = composer.add_image(picture)
    assert _in_temp(needle, started) == []  # pending: in memory only
    assert removed is not None and removed.data == png
    composer.remove_file(removed)  # the chip's ✕
    assert composer.files() == []

    kept = composer.add_image(picture)
    assert kept is not None
    view.show_conversation(to_lena, "Dr. Lena Schmidt")  # the draft waits for Jonas …
    view.show_conversation(to_jonas, "Jonas Müller")
    assert composer.files() == [kept]
    assert _in_temp(needle, started) == []
    view.clear()  # … until the lock: then it is gone with the draft
    assert composer.files() == []

    view.show_conversation(to_jonas, "Jonas Müller")
    sending = composer.add_image(picture)
    assert sending is not None and sending.name == "Pasted image 3.png"
    composer.submit()
    rows = wait_row(qtbot, view, lambda r: r.message.attachments != ())
    (attachment,) = rows.message.attachments
    assert (attachment.file_name, attachment.mime_type) == ("Pasted image 3.png", "image/png")
    assert attachment.size == len(png) and attachment.sha256 == hashlib.sha256(png).hexdigest()
    assert _in_temp(needle, started) == []  # sent: never on disk in clear
    profile = gui_ward.profiles["weber.anna"]
    assert not any(needle in p.read_bytes() for p in profile.rglob("*") if p.is_file())

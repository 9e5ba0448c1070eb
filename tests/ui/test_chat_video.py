"""Video clips in the chat, between two PCs through a real relay: the receiver's card
shows the poster with a play symbol and the measured duration; a click opens the video
window playing from a QBuffer that holds the decrypted bytes; Esc closes it, the lock
closes it and drops the bytes; a clip Qt cannot play shows one sentence instead."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop_app.domain.model import Attachment
from desktop_app.services.live_views import MemoryFile
from desktop_app.services.video import MAX_VIDEO_BYTES
from desktop_app.ui.chat import opening
from desktop_app.ui.chat.formatting import AttachmentKind
from desktop_app.ui.chat.previews import needs_bytes
from desktop_app.ui.chat.video_window import VideoWindow
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, german, start_direct, wait_row
from tests.ui.test_chat_attachments import _await, _card_centre
from tests.video_samples import make_clip

__all__ = ["chat_view"]  # the fixture


def test_video_card_plays_in_a_window_from_memory(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, monkeypatch: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    jonas_view = chat_view(jonas)
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    clip = make_clip("libx264", "mp4", seconds=1.0, size=(320, 240))
    clip_file = MemoryFile("verband-tag3.mp4", clip)
    _await(qtbot, anna, lambda: anna.ctx.client.send_files(cid, [clip_file], "Verband"))

    row = wait_row(qtbot, jonas_view, lambda r: bool(r.message.attachments))
    (attachment,) = row.message.attachments
    received = call(qtbot, jonas, jonas.ctx.client.attachment_bytes, attachment.attachment_id)
    assert hashlib.sha256(received).digest() == hashlib.sha256(clip).digest()

    # The card: a picture card with the poster, the play symbol and the duration.
    qtbot.waitUntil(lambda: jonas_view.thumbnails.peek(attachment.attachment_id) is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    preview = jonas_view.thumbnails.peek(attachment.attachment_id)
    assert preview is not None and preview.image is not None and not preview.image.isNull()
    assert preview.duration_ms is not None and abs(preview.duration_ms - 1000) <= 50
    assert preview.detail == "0:01" and preview.aspect == 320 / 240
    assert preview.image.pixelColor(2, 100).red() > 150  # the poster's red bar
    index = jonas_view.model.index_of(row.message_id)
    jonas_view.list.scrollTo(index)
    rect = jonas_view.list.visualRect(index)
    (card,) = jonas_view.delegate.layout_for(index, rect.width()).cards
    assert card.kind is AttachmentKind.VIDEO and card.preview.isValid()
    jonas_view.list.viewport().update()
    qtbot.wait(50)
    shot = jonas_view.list.viewport().grab().toImage()
    centre = card.preview.translated(rect.topLeft()).center()
    assert shot.pixelColor(centre.x() + 2, centre.y()) == QColor("white")  # the triangle

    # A click opens the video window, its player reading the decrypted bytes from memory.
    window = _open(qtbot, jonas_view, attachment)
    assert "verband-tag3.mp4" in window.windowTitle()
    assert window.buffer is not None and window.player.sourceDevice() is window.buffer
    assert bytes(window.buffer.data().data()) == clip
    assert window.play_button.accessibleName() == "Play" and window.play_button.isEnabled()
    assert window.stack.currentWidget() is window.surface
    # The media loads (no frames needed): the slider spans the clip, the label says so.
    qtbot.waitUntil(lambda: window.slider.maximum() > 0, timeout=TIMEOUT_MS)
    assert abs(window.slider.maximum() - 1000) <= 50 and window.time_label.text() == "0:00 / 0:01"
    window.toggle()  # the player is told from the event loop (ui/media_calls.py)
    qtbot.waitUntil(lambda: window.playing, timeout=TIMEOUT_MS)
    assert window.play_button.accessibleName() == "Pause"
    window.toggle()
    qtbot.waitUntil(lambda: not window.playing, timeout=TIMEOUT_MS)
    assert window.play_button.accessibleName() == "Play"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: jonas_view.opener.windows == [], timeout=TIMEOUT_MS)

    # Locking closes the window and lets go of the bytes.
    window = _open(qtbot, jonas_view, attachment)
    buffer = window.buffer
    assert buffer is not None
    jonas_view.clear()
    assert jonas_view.opener.windows == [] and window.buffer is None
    player = window.player  # lets go of the device, or goes with the closed window
    qtbot.waitUntil(
        lambda: not shiboken6.isValid(player) or player.sourceDevice() is None,
        timeout=TIMEOUT_MS,
    )

    # A clip beyond the limit is neither decrypted for a poster nor opened: export it.
    huge = replace(attachment, size=MAX_VIDEO_BYTES + 1)
    assert not needs_bytes(huge) and needs_bytes(attachment)
    said: list[str] = []
    monkeypatch.setattr(opening.QMessageBox, "information", lambda *a: said.append(a[2]))
    jonas_view.opener.open(huge)
    assert "too large" in said[0] and "100 MB" in said[0] and jonas_view.opener.windows == []


def test_a_clip_qt_cannot_play_shows_a_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    broken = make_clip()[:200]  # the header of an MP4 without its pictures
    window = VideoWindow(broken, "kaputt.mp4")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.message, timeout=TIMEOUT_MS)
    assert window.message.text() == "This video format cannot be played here."
    assert not window.play_button.isEnabled() and not window.slider.isEnabled()
    hostile = VideoWindow(b"#EXTM3U\nfile:///etc/hostname\n", "playlist.mp4")
    qtbot.addWidget(hostile)
    assert hostile.stack.currentWidget() is hostile.message  # never handed to FFmpeg
    assert hostile.player.sourceDevice() is None
    with german(tmp_path):
        window = VideoWindow(b"", "leer.webm")
        qtbot.addWidget(window)
        assert window.message.text() == "Dieses Videoformat kann hier nicht abgespielt werden."
        assert window.play_button.toolTip() == "Abspielen"


def _open(qtbot: QtBot, view: Any, attachment: Attachment) -> VideoWindow:
    qtbot.mouseClick(
        view.list.viewport(), Qt.MouseButton.LeftButton, pos=_card_centre(view, attachment)
    )
    qtbot.waitUntil(lambda: bool(view.opener.windows), timeout=TIMEOUT_MS)
    window = view.opener.windows[-1]
    assert isinstance(window, VideoWindow)
    return window

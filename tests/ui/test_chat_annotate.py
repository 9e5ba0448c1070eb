"""Annotate and send back, through the real relay: Jonas draws an arrow and a text on
Anna's X-ray, "Send annotated" replies with a GSPS, and Anna's chat shows the reply;
opening it shows her own copy of the X-ray with the arrow where Jonas drew it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from pytestqt.qtbot import QtBot

from desktop_app.medical.presentation_state import GSPS_SOP_CLASS, parse_bytes
from desktop_app.ui.chat import ChatView
from desktop_app.ui.viewers.annotation_marks import ArrowMark, EllipseMark, TextMark
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.measure import Tool
from desktop_app.ui.viewers.qimage import qimage_to_array
from desktop_app.ui.viewers.viewer_window import ErrorNotice, ViewerWindow
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    call,
    chat_view,
    start_direct,
    wait_row,
)
from tests.ui.conftest import small_dx

__all__ = ["chat_view"]  # the fixture


def _open_viewer(qtbot: QtBot, view: ChatView, attachment: Any) -> ImageViewer:
    before = len(view.opener.windows)
    view.opener.open(attachment)
    qtbot.waitUntil(lambda: len(view.opener.windows) > before, timeout=TIMEOUT_MS)
    window = view.opener.windows[-1]
    assert isinstance(window, ViewerWindow), window
    viewer = window.viewer
    assert isinstance(viewer, ImageViewer), viewer
    qtbot.waitUntil(lambda: viewer.view.source is not None, timeout=TIMEOUT_MS)
    return viewer


def _drag(qtbot: QtBot, viewer: ImageViewer, a: QPoint, b: QPoint) -> None:
    widget = viewer.view
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(widget, pos=(a + b) / 2)
    qtbot.mouseMove(widget, pos=b)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=b)


def _cyan_near(pixels: np.ndarray, p: QPointF) -> bool:
    x, y = round(p.x()), round(p.y())
    patch = pixels[y - 2 : y + 3, x - 2 : x + 3].reshape(-1, 3).astype(int)
    return bool(((patch[:, 2] > 150) & (patch[:, 0] < 90)).any())


def test_draw_an_arrow_send_annotated_and_the_other_side_sees_it(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    dx_path = tmp_path / "thorax.dcm"
    original = small_dx()
    original.save_as(dx_path, enforce_file_format=True)
    anna_view.composer.add_files([dx_path])
    anna_view.composer.submit()
    dx_row = wait_row(qtbot, jonas_view, lambda r: bool(r.message.attachments))
    dx = dx_row.message.attachments[0]

    viewer = _open_viewer(qtbot, jonas_view, dx)
    viewer.tool_actions[Tool.ARROW].trigger()
    w, h = viewer.view.width(), viewer.view.height()
    tail, tip = QPoint(w // 3, h // 3), QPoint(w // 2, h // 2)
    _drag(qtbot, viewer, tail, tip)
    drawn_tail = viewer.view.screen_to_image(QPointF(tail))
    drawn_tip = viewer.view.screen_to_image(QPointF(tip))
    viewer.annotations.ask_text = lambda: "Pneumothorax?"
    viewer.tool_actions[Tool.TEXT].trigger()
    qtbot.mouseClick(viewer.view, Qt.MouseButton.LeftButton, pos=QPoint(w // 4, h // 4))
    viewer.tool_actions[Tool.ELLIPSE].trigger()
    _drag(qtbot, viewer, QPoint(w // 2, h // 2), QPoint(w * 2 // 3, h * 3 // 5))
    marks = viewer.view.editor.marks
    assert isinstance(marks[0], ArrowMark) and isinstance(marks[1], TextMark)
    assert marks[1].text == "Pneumothorax?" and isinstance(marks[2], EllipseMark)
    assert viewer.annotations.send_action in viewer.toolbar.actions()
    viewer.annotations.send_action.trigger()
    qtbot.waitUntil(lambda: "Sent" in viewer.hint.text(), timeout=TIMEOUT_MS)

    reply = wait_row(  # Anna's chat shows Jonas's reply to her X-ray, once downloaded
        qtbot, anna_view, lambda r: r.message.reply_to == dx_row.message_id and
        bool(r.message.attachments)
    )  # fmt: skip
    gsps = reply.message.attachments[0]
    assert gsps.file_name == "thorax-annotated.dcm"
    qtbot.waitUntil(
        lambda: call(qtbot, anna, anna.ctx.client.attachment_bytes, gsps.attachment_id) != b"",
        timeout=TIMEOUT_MS,
    )
    data = call(qtbot, anna, anna.ctx.client.attachment_bytes, gsps.attachment_id)
    ds = parse_bytes(data)
    assert ds.SOPClassUID == GSPS_SOP_CLASS and "PixelData" not in ds
    assert (
        ds.ReferencedSeriesSequence[0].ReferencedImageSequence[0].ReferencedSOPInstanceUID
        == original.SOPInstanceUID
    )

    # The reply's card shows Anna's copy of the X-ray, small, with the arrow on it.
    anna_view.thumbnails.get(gsps)
    qtbot.waitUntil(
        lambda: anna_view.thumbnails.peek(gsps.attachment_id) is not None, timeout=TIMEOUT_MS
    )
    preview = anna_view.thumbnails.peek(gsps.attachment_id)
    assert preview is not None and preview.image is not None, preview
    assert preview.detail == "Annotations"
    thumb = qimage_to_array(preview.image)
    scale = preview.image.width() / original.Columns
    assert _cyan_near(thumb, (drawn_tail + drawn_tip) / 2 * scale)

    shown = _open_viewer(qtbot, anna_view, gsps)  # her own copy of the X-ray, annotated
    qtbot.waitUntil(lambda: bool(shown.view.editor.marks), timeout=TIMEOUT_MS)
    arrow = next(m for m in shown.view.editor.marks if isinstance(m, ArrowMark))
    assert abs(arrow.a.x() - drawn_tail.x()) < 0.01 and abs(arrow.b.y() - drawn_tip.y()) < 0.01
    ellipse = next(m for m in shown.view.editor.marks if isinstance(m, EllipseMark))
    box = QRectF(ellipse.a, ellipse.b).normalized()
    drawn = QRectF(marks[2].a, marks[2].b).normalized()
    assert abs(box.left() - drawn.left()) < 0.01 and abs(box.bottom() - drawn.bottom()) < 0.01
    assert any(isinstance(m, TextMark) and m.text == "Pneumothorax?"
               for m in shown.view.editor.marks)  # fmt: skip
    pixels = qimage_to_array(shown.view.grab().toImage())
    to_screen = shown.view.image_to_screen()
    middle = (arrow.a + arrow.b) / 2
    assert _cyan_near(pixels, to_screen.map(middle))
    assert _cyan_near(pixels, to_screen.map(arrow.b))


def test_a_gsps_without_its_original_says_so(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    from desktop_app.medical.presentation_state import Shape, ShapeKind, make_presentation

    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    jonas_view = chat_view(jonas)
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    arrow = Shape(ShapeKind.ARROW, ((1.0, 1.0), (9.0, 9.0)))
    path = tmp_path / "only-annotations.dcm"
    unseen = small_dx()
    path.write_bytes(make_presentation(unseen, [arrow], window=None, area=None))
    anna_view = chat_view(anna)
    anna_view.show_conversation(cid, "Jonas Müller")
    anna_view.composer.add_files([path])
    anna_view.composer.submit()
    row = wait_row(qtbot, jonas_view, lambda r: bool(r.message.attachments))
    before = len(jonas_view.opener.windows)
    jonas_view.opener.open(row.message.attachments[0])
    qtbot.waitUntil(lambda: len(jonas_view.opener.windows) > before, timeout=TIMEOUT_MS)
    notice = jonas_view.opener.windows[-1]
    assert isinstance(notice, ErrorNotice)
    assert "not on this PC" in notice.text() and unseen.SOPInstanceUID in notice.text()

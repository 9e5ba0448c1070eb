"""Viewer details a ward user meets: readable names and dates in the info panel, the
angle tool by three clicks with a hint, the picture window (zoom, Ctrl+W, placement
that keeps the frame on the screen), German in the text and picture windows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QAction, QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop_app.ui.viewers.image_view import ImageView
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.measure import AngleMark, Tool
from desktop_app.ui.viewers.picture_window import ImageWindow
from desktop_app.ui.viewers.placement import FRAME_ALLOWANCE, placed_rect
from desktop_app.ui.viewers.text_window import TextWindow
from tests.ui.conftest import small_dx
from tests.ui.test_viewer_translation import german

__all__ = ["german"]  # the fixture


def _attribute(viewer: ImageViewer, keyword_name: str) -> str:
    """The value shown for an attribute under "All attributes" (by its DICOM name)."""
    top = viewer.metadata.topLevelItem(1)
    assert top is not None
    for i in range(top.childCount()):
        item: QTreeWidgetItem | None = top.child(i)
        if item is not None and item.text(0).endswith(keyword_name):
            return item.text(1)
    raise AssertionError(f"{keyword_name} not listed")


def _open_info(qtbot: QtBot, viewer: ImageViewer) -> None:
    info = next(a for a in viewer.toolbar.actions() if a.text() == "Info")
    assert isinstance(info, QAction)
    info.trigger()
    assert viewer.metadata.isVisibleTo(viewer)


def test_info_panel_shows_names_dates_and_times_in_english(qtbot: QtBot, dx_path: Path) -> None:
    viewer = ImageViewer(dx_path, None)
    qtbot.addWidget(viewer)
    _open_info(qtbot, viewer)
    info = viewer.metadata.values()
    assert info["Patient"] == "Mustermann, Erika"
    assert info["Birth date"] == "1964-08-12"
    assert info["Study"].startswith("2026-11-27")
    assert _attribute(viewer, "Patient's Name") == "Mustermann, Erika"
    assert _attribute(viewer, "Referring Physician's Name") == "Weber, Anna"
    assert _attribute(viewer, "Study Date") == "2026-11-27"
    assert _attribute(viewer, "Study Time") == "08:15:00"
    assert viewer.view.overlay_texts()["top-left"][0] == "Mustermann, Erika"


def test_info_panel_formats_in_german_and_shows_malformed_values_raw(
    qtbot: QtBot, tmp_path: Path, german: None
) -> None:
    ds = small_dx()
    ds.StudyDate = "20261327"  # no 13th month: shown as stored
    ds.StudyTime = "141503.25"
    ds.AcquisitionDateTime = "20261127141503.5+0100"
    path = tmp_path / "odd.dcm"
    ds.save_as(path, enforce_file_format=True)
    viewer = ImageViewer(path, None)
    qtbot.addWidget(viewer)
    info = viewer.metadata.values()
    assert info["Patient"] == "Mustermann, Erika"
    assert info["Geburtsdatum"] == "12.08.1964"  # the label in the UI language too
    assert _attribute(viewer, "Study Date") == "20261327"
    assert _attribute(viewer, "Study Time") == "14:15:03"
    assert _attribute(viewer, "Acquisition DateTime") == "27.11.2026 14:15:03 +0100"
    assert viewer.view.overlay_texts()["top-left"][2] == "*12.08.1964 F"


def _viewer_at_one_to_one(qtbot: QtBot, path: Path) -> ImageViewer:
    viewer = ImageViewer(path, None)
    qtbot.addWidget(viewer)
    viewer.resize(900, 800)
    viewer.show()
    qtbot.waitExposed(viewer)
    qtbot.keyClick(viewer.view, Qt.Key.Key_1)
    return viewer


def _hover(view: ImageView, pos: QPoint) -> None:
    """A mouse move over the view with no button pressed, delivered at once. QTest's
    mouseMove moves the cursor instead, and its event is lost when an earlier test left
    the cursor where Qt does not expect it."""
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(view.mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, event)


def _at(view: ImageView, x: float, y: float) -> QPoint:
    return view.image_to_screen().map(QPointF(x, y)).toPoint()


def _choose_angle(qtbot: QtBot, viewer: ImageViewer) -> None:
    button = viewer.toolbar.widgetForAction(viewer.tool_actions[Tool.ANGLE])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert viewer.view.tool is Tool.ANGLE


def test_angle_by_three_clicks_with_a_hint_and_escape_cancels(qtbot: QtBot, tmp_path: Path) -> None:
    ds = small_dx()
    del ds.ImagerPixelSpacing
    path = tmp_path / "plain.dcm"
    ds.save_as(path, enforce_file_format=True)
    viewer = _viewer_at_one_to_one(qtbot, path)
    view = viewer.view
    assert not viewer.hint.isVisible()
    assert "then the vertex" in viewer.tool_actions[Tool.ANGLE].toolTip()
    _choose_angle(qtbot, viewer)
    assert viewer.hint.isVisible()
    assert viewer.hint.text() == "Angle: click the end of the first arm. Esc cancels."

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_at(view, 100, 300))  # first arm
    assert viewer.hint.text() == "Angle: click the vertex. Esc cancels."
    _hover(view, _at(view, 250, 300))
    active = view.editor.active
    assert isinstance(active, AngleMark) and active.vertex == QPointF(250, 300)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_at(view, 300, 300))  # vertex
    assert viewer.hint.text() == "Angle: click the end of the second arm. Esc cancels."
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_at(view, 300, 100))  # second arm
    assert [m.label(view.spacing) for m in view.editor.marks] == ["90.0° (uncalibrated)"]
    assert viewer.hint.text() == "Angle: click the end of the first arm. Esc cancels."

    # Escape after two clicks drops the half-made angle; the finished one stays, and
    # the window is not closed by that Escape.
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_at(view, 100, 400))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_at(view, 200, 400))
    assert view.editor.busy
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.editor.busy and len(view.editor.all_marks()) == 1
    assert viewer.hint.text() == "Angle: click the end of the first arm. Esc cancels."
    assert viewer.isVisible()


def test_the_angle_hint_speaks_german(qtbot: QtBot, dx_path: Path, german: None) -> None:
    viewer = _viewer_at_one_to_one(qtbot, dx_path)
    _choose_angle(qtbot, viewer)
    assert viewer.hint.text().startswith("Winkel:")
    qtbot.mouseClick(viewer.view, Qt.MouseButton.LeftButton, pos=_at(viewer.view, 100, 300))
    assert "Scheitel" in viewer.hint.text() and "Esc" in viewer.hint.text()


def test_text_and_picture_windows_speak_german(qtbot: QtBot, german: None) -> None:
    text = TextWindow("Kalium 4,2", "labor.txt")
    qtbot.addWidget(text)
    assert text.find_box.placeholderText() == "Im Text suchen"
    picture = ImageWindow(QImage(8, 8, QImage.Format.Format_RGB32), "foto.png")
    qtbot.addWidget(picture)
    labels = [a.text() for a in picture.toolbar.actions()]
    assert labels == ["Einpassen", "1:1", "Vergrößern", "Verkleinern"]


def test_placement_keeps_the_frame_inside_the_available_area() -> None:
    # A second screen to the right, task bar at its bottom; the opener in its far corner.
    available = QRect(1920, 0, 1366, 728)
    for wanted in (QSize(1280, 900), QSize(3000, 2000), QSize(400, 300)):
        rect = placed_rect(wanted, available, QPoint(3280, 720))
        frame = rect.adjusted(
            -FRAME_ALLOWANCE.width() // 2,
            -(FRAME_ALLOWANCE.height() - FRAME_ALLOWANCE.width() // 2),
            FRAME_ALLOWANCE.width() // 2,
            FRAME_ALLOWANCE.width() // 2,
        )
        assert available.contains(frame), (wanted, frame)
        assert rect.width() <= wanted.width() and rect.height() <= wanted.height()
    centred = placed_rect(QSize(400, 300), available, available.center())
    assert centred.center() == available.center()


def test_a_quick_third_click_that_arrives_as_a_double_click_still_counts(
    qtbot: QtBot, dx_path: Path
) -> None:
    viewer = _viewer_at_one_to_one(qtbot, dx_path)
    view = viewer.view
    _choose_angle(qtbot, viewer)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_at(view, 100, 300))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_at(view, 300, 300))
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=_at(view, 300, 100))
    assert len(view.editor.marks) == 1 and not view.editor.busy
    assert view.editor.marks[0].label(view.spacing).startswith("90.0°")


def test_picture_window_zooms_with_the_wheel_and_ctrl_w_closes(qtbot: QtBot) -> None:
    window = ImageWindow(QImage(1200, 900, QImage.Format.Format_RGB32), "foto.png")
    qtbot.addWidget(window)
    window.resize(700, 600)
    window.show()
    qtbot.waitExposed(window)
    view = window.view
    fitted = view.scale_factor()
    assert fitted < 1.0  # a picture larger than the window is fitted, whole
    centre = view.viewport().rect().center()
    wheel = QWheelEvent(
        QPointF(centre), QPointF(view.viewport().mapToGlobal(centre)), QPoint(0, 0),
        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.scale_factor() == pytest.approx(fitted * 1.25**2)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())

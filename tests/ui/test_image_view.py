"""The image view as a user drives it: drag, wheel, keys, measurements, overlays."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.medical.greyscale import Window, to_grey
from desktop_app.ui.viewers.image_view import ImageView
from desktop_app.ui.viewers.measure import Tool
from desktop_app.ui.viewers.overlays import OverlayInfo
from desktop_app.ui.viewers.qimage import qimage_to_array
from desktop_app.ui.viewers.render import image_view_for
from tests.medical import generators
from tests.medical.conftest import shipped
from tests.ui.conftest import SPACING_MM, checker_dx, small_dx

VIEW = QSize(600, 600)  # the 500 x 600 image at 1:1 sits at screen x + 50, y + 0


def make_view(qtbot: QtBot, data: bytes | None = None) -> ImageView:
    view = image_view_for(data if data is not None else generators.to_bytes(small_dx()))
    qtbot.addWidget(view)
    view.resize(VIEW)
    view.show()
    qtbot.waitExposed(view)
    return view


def overlay_pixels(view: ImageView) -> int:
    """Pixels in the overlay's yellow (the image itself is grey: R == G == B)."""
    rgb = qimage_to_array(view.render_image(view.size())).astype(int)
    return int(np.count_nonzero(rgb[..., 0] - rgb[..., 2] > 30))


def screen(view: ImageView, x: float, y: float) -> QPoint:
    return view.image_to_screen().map(QPointF(x, y)).toPoint()


def test_drag_changes_window_level_overlay_and_pixels(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert view.overlay_texts()["bottom-right"][0] == "C 2000 / W 4000"
    pixels = view.displayed_pixels()
    assert pixels is not None and pixels[150, 150] == 0  # 4000 at full window, MONOCHROME1
    start = QPoint(300, 300)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(100, 50))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(100, 50))
    # 12-bit range / 512 px = 8 per pixel: width +800, center +400
    assert view.overlay_texts()["bottom-right"][0] == "C 2400 / W 4800"
    expected = to_grey(np.array([4000.0, 1000.0]), view.source.chain, Window(2400, 4800))  # type: ignore[union-attr]
    shown = view.displayed_pixels()
    assert shown is not None and shown[150, 150] == expected[0] == 42
    # what reaches the screen: the bright square's centre, drawn through the view transform
    rgb = qimage_to_array(view.render_image(VIEW))
    p = screen(view, 150, 150)
    assert rgb[p.y(), p.x()].tolist() == [42, 42, 42]


def test_right_drag_is_window_level_in_any_tool(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.tool = Tool.DISTANCE
    qtbot.mousePress(view, Qt.MouseButton.RightButton, pos=QPoint(300, 300))
    qtbot.mouseMove(view, QPoint(300, 250))
    qtbot.mouseRelease(view, Qt.MouseButton.RightButton, pos=QPoint(300, 250))
    assert view.overlay_texts()["bottom-right"][0] == "C 1600 / W 4000"
    assert not view.editor.marks


def send_wheel(view: ImageView, at: QPointF, notches: int) -> None:
    event = QWheelEvent(
        at,
        view.mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def test_wheel_zooms_around_the_cursor(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    before = view.zoom()
    at = QPointF(200, 150)
    under = view.screen_to_image(at)
    send_wheel(view, at, 2)
    assert view.zoom() == pytest.approx(before * 1.25**2)
    after = view.image_to_screen().map(under)
    assert (after.x(), after.y()) == pytest.approx((200, 150))
    assert view.overlay_texts()["bottom-right"][1] == f"Zoom {before * 156.25:.0f}%"
    send_wheel(view, at, -2)
    assert view.zoom() == pytest.approx(before)


def test_fit_one_to_one_pan_rotate_flip_invert_reset(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert view.zoom() == pytest.approx(0.98)  # 600 rows into 600 px, 2 % margin
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert view.zoom() == 1.0
    assert screen(view, 0, 0) == QPoint(50, 0)
    view.tool = Tool.PAN
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseMove(view, QPoint(130, 90))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(130, 90))
    assert screen(view, 0, 0) == QPoint(80, -10)
    view.rotate(90)  # clockwise: the image's top-left corner goes to the top right
    corner = screen(view, 0, 0)
    assert corner.x() > 300 and corner.y() < 300
    view.rotate(-90)
    view.flip_horizontal()
    assert screen(view, 0, 0).x() > 300
    before = view.displayed_pixels()
    qtbot.keyClick(view, Qt.Key.Key_I)
    after = view.displayed_pixels()
    assert before is not None and after is not None
    assert np.array_equal(after, 255 - before)
    assert "Inverted" in view.overlay_texts()["bottom-right"]
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert (view.rotation, view.flip_h, view.inverted) == (0, False, False)
    assert view.zoom() == pytest.approx(0.98) and screen(view, 0, 0) == QPoint(55, 6)
    assert np.array_equal(view.displayed_pixels(), before)  # type: ignore[arg-type]


def drag_measure(view: ImageView, qtbot: QtBot, a: tuple[int, int], b: tuple[int, int]) -> None:
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=screen(view, *a))
    qtbot.mouseMove(view, screen(view, *b))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=screen(view, *b))


@pytest.mark.parametrize(
    ("magnification", "expected"),
    [
        (False, f"{500 * SPACING_MM:.1f} mm (detector)"),
        (True, f"{500 * SPACING_MM / 1.1:.1f} mm (magnification-corrected)"),
    ],
)
def test_distance_in_mm_with_calibration_kind(
    qtbot: QtBot, magnification: bool, expected: str
) -> None:
    view = make_view(qtbot, generators.to_bytes(small_dx(magnification=magnification)))
    qtbot.keyClick(view, Qt.Key.Key_1)  # 1:1, so screen pixels are image pixels
    view.tool = Tool.DISTANCE
    drag_measure(view, qtbot, (100, 100), (400, 500))  # 300 x 400 px -> 500 px
    assert [m.label(view.spacing) for m in view.editor.marks] == [expected]
    assert expected == "69.5 mm (detector)" or expected.startswith("63.2 mm")
    # the label is drawn beside the line, in the measurement colour
    rgb = qimage_to_array(view.render_image(VIEW)).astype(int)
    end = screen(view, 400, 500)
    box = rgb[end.y() - 30 : end.y(), end.x() : end.x() + 200]
    assert np.count_nonzero((box[..., 0] > 200) & (box[..., 2] < 60)) > 50


def test_uncalibrated_distance_is_in_pixels_and_angle_in_degrees(qtbot: QtBot) -> None:
    ds = small_dx()
    del ds.ImagerPixelSpacing
    view = make_view(qtbot, generators.to_bytes(ds))
    qtbot.keyClick(view, Qt.Key.Key_1)
    view.tool = Tool.DISTANCE
    drag_measure(view, qtbot, (100, 100), (400, 500))
    assert view.editor.marks[0].label(view.spacing) == "500.0 px (uncalibrated)"
    view.tool = Tool.ANGLE
    drag_measure(view, qtbot, (100, 300), (300, 300))  # first arm, ends at the vertex
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=screen(view, 300, 100))
    assert view.editor.marks[1].label(view.spacing) == "90.0° (uncalibrated)"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert view.editor.marks == []


def test_overlay_key_hides_the_overlays(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    texts = view.overlay_texts()
    assert texts["top-left"] == ["Mustermann, Erika", "ID PID-4711", "*1964-08-12 F"]
    assert texts["bottom-left"][-1] == "Image 1/1"
    assert overlay_pixels(view) > 200
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert view.overlay_texts() == {} and overlay_pixels(view) == 0
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert overlay_pixels(view) > 200


def test_lossy_flag_in_overlay(qtbot: QtBot) -> None:
    ds = small_dx()
    ds.LossyImageCompression = "01"
    view = make_view(qtbot, generators.to_bytes(ds))
    assert "LOSSY" in view.overlay_texts()["bottom-right"]
    rgb = qimage_to_array(view.render_image(VIEW)).astype(int)
    red = (rgb[..., 0] > 200) & (rgb[..., 1] < 120) & (rgb[..., 2] < 120)
    assert np.count_nonzero(red) > 20


def test_colour_image_shows_as_stored_and_ignores_window_drags(qtbot: QtBot) -> None:
    view = make_view(qtbot, shipped("SC_rgb_rle.dcm").read_bytes())
    before = view.displayed_pixels()
    assert before is not None and before[5, 50].tolist() == [255, 0, 0]
    assert view.overlay_texts()["bottom-right"][0] == "Colour"
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    qtbot.mouseMove(view, QPoint(380, 340))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(380, 340))
    assert np.array_equal(view.displayed_pixels(), before)  # type: ignore[arg-type]


def test_person_names_read_naturally() -> None:
    ds = small_dx()
    for raw, shown in (("OB^^^^", "OB"), ("Weber^Anna^Maria", "Weber, Anna Maria"), ("", "ID")):
        ds.PatientName = raw
        assert OverlayInfo.from_dataset(ds).patient[0].startswith(shown)


def test_magnified_view_shows_full_resolution_pixels(qtbot: QtBot) -> None:
    view = make_view(qtbot, generators.to_bytes(checker_dx()))
    assert view.source is not None and view.source.scale == 2  # 2100 px -> 1050 px copy
    fit = qimage_to_array(view.render_image(VIEW))
    assert view.detail is None and not view.magnified()
    centre = screen(view, 1050, 150)
    assert 100 < fit[centre.y(), centre.x(), 0] < 156  # the copy averages the checker
    qtbot.keyClick(view, Qt.Key.Key_1)
    rgb = qimage_to_array(view.render_image(VIEW))
    assert view.magnified() and view.detail is not None
    row = rgb[300, 100:110, 0].tolist()  # image row 300 - 0 ... at 1:1 on screen
    assert sorted(set(row)) == [0, 255] and row[0] != row[1]  # MONOCHROME1: 4000 is black
    renders = view.detail.renders
    view.render_image(VIEW)
    assert view.detail.renders == renders  # a repaint reuses the rendered crop
    view.set_voi(Window(2000, 8000))
    rgb = qimage_to_array(view.render_image(VIEW))
    assert view.detail.renders == renders + 1 and sorted(set(rgb[300, 100:110, 0])) == [64, 191]

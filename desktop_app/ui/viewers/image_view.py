"""The image canvas: window/level, zoom, pan, rotate, flip, invert, measurements, overlays.

A plain QWidget with one view transform rather than a QGraphicsScene: the scene would
add an item tree for a single picture, and every gesture here is a change of one of
five numbers (zoom, pan, rotation, two flips) or of the VOI window. Mouse buttons:
left = the current Tool (W/L by default), middle = pan, right = W/L; wheel zooms around
the cursor. Keys: ui/viewers/image_keys.py.

Coordinates: "image" means the full-resolution pixel grid (x = column, y = row).
The pixels drawn come from medical.display's reduced copy (`DisplaySource.scale`
original pixels per copy pixel); a W/L change re-renders only that copy through a
uint8 lookup table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from desktop_app.medical.display import DisplaySource, Voi
from desktop_app.medical.geometry import UNCALIBRATED, Spacing
from desktop_app.medical.greyscale import VoiFunction, Window
from desktop_app.ui.viewers.detail import DetailLayer
from desktop_app.ui.viewers.image_keys import key_action
from desktop_app.ui.viewers.measure import MARK_TOOLS, MeasureEditor, Tool, paint_marks
from desktop_app.ui.viewers.overlays import OverlayInfo, corner_texts, paint_overlays
from desktop_app.ui.viewers.stack_render import display_pixels, pixmap_over

WHEEL_STEP = 1.25  # zoom factor per wheel notch (120 units)
MIN_ZOOM, MAX_ZOOM = 0.02, 40.0
FIT_MARGIN = 0.98
WL_STEPS_PER_RANGE = 512  # a drag across 512 px sweeps the whole stored value range


@dataclass
class _Drag:
    button: Qt.MouseButton
    mode: Tool
    start: QPointF
    voi: Window
    pan: QPointF


class ImageView(QWidget):
    """Shows one frame; the owner feeds frames with set_frame and header data with set_header."""

    voi_changed = Signal(object)  # Window | LookupTable
    view_changed = Signal()
    frame_step_requested = Signal(int)
    detail_wanted = Signal(int)  # frame: magnified, please set_detail() its full resolution
    marks_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setMinimumSize(160, 120)
        self._source: DisplaySource | None = None
        self._pixmap: QPixmap | None = None
        self._rendered: NDArray[np.uint8] | None = None  # the frame at its default VOI
        self.detail: DetailLayer | None = None
        self._detail_asked = -1  # frame for which detail_wanted was emitted
        self._pixels: NDArray[np.uint8] | None = None
        self._voi: Voi | None = None
        self._user_voi = False
        self._info = OverlayInfo((), (), (), lossy=False)
        self.spacing: Spacing = UNCALIBRATED
        self.frame, self.frames = 0, 1
        self._zoom: float | None = None  # None: fit to the widget
        self._pan = QPointF(0.0, 0.0)  # screen pixels
        self.rotation = 0  # degrees clockwise, a multiple of 90
        self.flip_h = self.flip_v = False
        self.inverted = False
        self.tool = Tool.WINDOW
        self.overlays_visible = True
        self.editor = MeasureEditor()
        self._drag: _Drag | None = None
        self._mark_press: QPointF | None = None  # screen position of a measuring press
        self.error_text = ""  # a message instead of the picture (an error, or "Decoding …")
        self._message_is_error = True

    # ----------------------------------------------------------------- content
    def set_header(self, info: OverlayInfo, spacing: Spacing, frames: int) -> None:
        self._info, self.spacing, self.frames = info, spacing, max(frames, 1)
        self.update()

    def set_frame(
        self, source: DisplaySource, frame: int, rendered: NDArray[np.uint8] | None = None
    ) -> None:
        """Show `frame`; a W/L the user chose survives frame changes, a default does not.
        `rendered`: its pixels at the default VOI, made by the decode worker."""
        first = self._source is None
        self._source, self.frame, self._rendered = source, frame, rendered
        if self.detail is not None and self.detail.frame != frame:
            self.detail = None
        if not self._user_voi or self._voi is None:
            self._voi = source.default_voi
        self._rerender()
        if first:
            self._zoom = None
        self.update()

    def set_detail(self, frame: int, source: DisplaySource) -> None:
        """The full-resolution frame `frame` (ignored if the view moved on meanwhile)."""
        if frame == self.frame and source.scale == 1:
            self.detail = DetailLayer(frame, source)
            self.update()

    def ask_detail_again(self) -> None:
        """Emit detail_wanted at the next magnified paint even if it was asked before."""
        self._detail_asked = -1
        self.update()

    def magnified(self) -> bool:
        """True when a display-copy pixel covers more than one screen pixel."""
        source = self._source
        return source is not None and source.scale > 1 and self.zoom() * source.scale > 1.0 + 1e-6

    def show_error(self, text: str) -> None:
        self.show_message(text, error=True)

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Text in place of the image ("" shows the image again)."""
        self.error_text, self._message_is_error = text, error
        self.update()

    @property
    def source(self) -> DisplaySource | None:
        return self._source

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(800, 800)

    # ----------------------------------------------------------------- window/level
    def voi(self) -> Voi | None:
        return self._voi

    def set_voi(self, voi: Voi, *, by_user: bool = True) -> None:
        self._voi, self._user_voi = voi, by_user
        self._rerender()
        self.voi_changed.emit(voi)
        self.update()

    def _current_window(self) -> Window:
        """The W/L a drag starts from; a VOI LUT preset is replaced by a linear window."""
        if isinstance(self._voi, Window):
            return self._voi
        assert self._source is not None
        default = self._source.default_voi
        if isinstance(default, Window):
            return default
        top = float(1 << self._source.chain.bits_stored)
        return Window(top / 2, top, VoiFunction.LINEAR, "")

    def _wl_step(self) -> float:
        if self._source is None:
            return 1.0
        chain = self._source.chain
        span = float(1 << chain.bits_stored) * abs(chain.slope or 1.0)
        return max(span / WL_STEPS_PER_RANGE, 0.01)

    def displayed_pixels(self) -> NDArray[np.uint8] | None:
        """The uint8 pixels on screen before geometry (after VOI and invert)."""
        return self._pixels

    def _rerender(self) -> None:
        if self._source is None:
            return
        # The worker's picture at the default W/L, else one np.take with a cached table.
        pixels = display_pixels(self._source, self._voi, self._rendered)
        if self.inverted:
            pixels = np.subtract(255, pixels, dtype=np.uint8)
        # The pixmap may share the array's buffer: both are replaced together, here.
        self._pixmap, self._pixels = pixmap_over(pixels)

    # ----------------------------------------------------------------- geometry
    def _image_size(self) -> tuple[float, float]:
        if self._source is None:
            return 1.0, 1.0
        return float(self._source.columns), float(self._source.rows)

    def fit_zoom(self) -> float:
        w, h = self._image_size()
        if self.rotation % 180:
            w, h = h, w
        return max(MIN_ZOOM, min(self.width() / w, self.height() / h) * FIT_MARGIN)

    def zoom(self) -> float:
        """Screen pixels per full-resolution image pixel."""
        return self.fit_zoom() if self._zoom is None else self._zoom

    def image_to_screen(self) -> QTransform:
        w, h = self._image_size()
        z = self.zoom()
        t = QTransform()
        t.translate(self.width() / 2 + self._pan.x(), self.height() / 2 + self._pan.y())
        t.scale(-1.0 if self.flip_h else 1.0, -1.0 if self.flip_v else 1.0)
        t.rotate(self.rotation)
        t.scale(z, z)
        t.translate(-w / 2, -h / 2)
        return t

    def screen_to_image(self, point: QPointF) -> QPointF:
        inverse, _ok = self.image_to_screen().inverted()
        return inverse.map(point)

    def fit(self) -> None:
        self._zoom, self._pan = None, QPointF(0.0, 0.0)
        self._changed()

    def zoom_pan(self) -> tuple[float | None, QPointF]:
        """Zoom (None: fit to the widget) and pan in screen pixels (view_geometry.py)."""
        return self._zoom, QPointF(self._pan)

    def set_zoom_pan(self, zoom: float | None, pan: QPointF) -> None:
        self._zoom = None if zoom is None else min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self._pan = QPointF(pan)
        self._changed()

    def one_to_one(self) -> None:
        self._zoom = 1.0
        self._changed()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the image point under `anchor` (screen) where it is."""
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        fixed = self.screen_to_image(anchor)
        self._zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        moved = self.image_to_screen().map(fixed)
        self._pan += anchor - moved
        self._changed()

    def rotate(self, degrees: int = 90) -> None:
        self.rotation = (self.rotation + degrees) % 360
        self._changed()

    def flip_horizontal(self) -> None:
        self.flip_h = not self.flip_h
        self._changed()

    def flip_vertical(self) -> None:
        self.flip_v = not self.flip_v
        self._changed()

    def set_inverted(self, on: bool) -> None:
        self.inverted = on
        self._rerender()
        self._changed()

    def reset(self) -> None:
        """Back to what the file asked for: fit, no rotation/flip/invert, header W/L."""
        self.rotation, self.flip_h, self.flip_v = 0, False, False
        self._zoom, self._pan = None, QPointF(0.0, 0.0)
        self.inverted = False
        self.editor.clear()
        if self._source is not None:
            self.set_voi(self._source.default_voi, by_user=False)
        self._changed()

    def toggle_overlays(self) -> None:
        self.overlays_visible = not self.overlays_visible
        self.update()

    def overlay_texts(self) -> dict[str, list[str]]:
        """What the corners show now, keyed by corner name (empty when hidden)."""
        if not self.overlays_visible or self._voi is None:
            return {}
        texts = corner_texts(
            self._info, self.frame, self.frames, self._shown_voi(), self.zoom(), self.inverted
        )
        return {corner.value: lines for corner, lines in texts.items()}

    def _shown_voi(self) -> Voi | None:
        grey = self._source is not None and self._source.kind == "grey"
        return self._voi if grey else None

    def _changed(self) -> None:
        self.view_changed.emit()
        self.update()

    # ----------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        self.paint(painter)
        painter.end()

    def paint(self, painter: QPainter) -> None:
        """Everything the user sees, onto any painter (screen or a headless QImage)."""
        painter.fillRect(self.rect(), QColor(0, 0, 0))
        if self.error_text:
            painter.setPen(
                QColor(255, 120, 120) if self._message_is_error else QColor(200, 200, 200)
            )
            painter.drawText(
                QRectF(self.rect()).adjusted(20, 20, -20, -20),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                self.error_text,
            )
            return
        if self._pixmap is None or self._source is None:
            return
        to_screen = self.image_to_screen()
        painter.save()
        scale = float(self._source.scale)
        painter.setTransform(QTransform.fromScale(scale, scale) * to_screen)
        smooth = self.zoom() * scale < 3.0
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.restore()
        if self.magnified():
            self._paint_detail(painter, to_screen)
        paint_marks(painter, to_screen, self.editor.all_marks(), self.spacing)
        if self.overlays_visible and self._voi is not None:
            texts = corner_texts(
                self._info, self.frame, self.frames, self._shown_voi(), self.zoom(), self.inverted
            )
            paint_overlays(painter, QRectF(self.rect()), texts)

    def _paint_detail(self, painter: QPainter, to_screen: QTransform) -> None:
        if self.detail is None and self._detail_asked != self.frame:
            self._detail_asked = self.frame
            self.detail_wanted.emit(self.frame)  # a direct slot may set it right away
        if self.detail is None or self._voi is None:
            return
        inverse, _ok = to_screen.inverted()
        found = self.detail.crop(inverse.mapRect(QRectF(self.rect())), self._voi, self.inverted)
        if found is None:
            return
        pixmap, x, y = found
        painter.save()
        painter.setTransform(to_screen)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.zoom() < 3.0)
        painter.drawPixmap(x, y, pixmap)
        painter.restore()

    def render_image(self, size: QSize) -> QImage:
        """Headless: the view at `size` as an RGB32 image (no window needed)."""
        self.setMinimumSize(1, 1)  # the interactive minimum must not clip a small render
        self.resize(size)
        image = QImage(size, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        self.paint(painter)
        painter.end()
        return image

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.view_changed.emit()

    # ----------------------------------------------------------------- input
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._source is None:
            return
        button = event.button()
        pos = event.position()
        if button == Qt.MouseButton.LeftButton and self.tool in MARK_TOOLS:
            self._mark_press = pos
            self.editor.press(self.tool, self.screen_to_image(pos))
            self.marks_edited()
            return
        mode = {
            Qt.MouseButton.LeftButton: self.tool,
            Qt.MouseButton.MiddleButton: Tool.PAN,
            Qt.MouseButton.RightButton: Tool.WINDOW,
        }.get(button)
        if mode is not None:
            self._drag = _Drag(button, mode, pos, self._current_window(), QPointF(self._pan))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        pos = event.position()
        if self._drag is None:
            if self.editor.busy:
                self.editor.move(self.screen_to_image(pos))
                self.marks_edited()
            return
        delta = pos - self._drag.start
        if self._drag.mode is Tool.PAN:
            self._pan = self._drag.pan + delta
            self._changed()
        elif self._drag.mode is Tool.WINDOW and self._source is not None:
            if self._source.kind != "grey":
                return  # colour images have no window
            step = self._wl_step()
            start = self._drag.voi
            self.set_voi(
                Window(
                    start.center + delta.y() * step,
                    max(1.0, start.width + delta.x() * step),
                    start.function,
                    "",
                )
            )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._drag is not None and event.button() == self._drag.button:
            self._drag = None
        elif self.editor.busy and event.button() == Qt.MouseButton.LeftButton:
            pos = event.position()
            pressed = self._mark_press if self._mark_press is not None else pos
            click = (pos - pressed).manhattanLength() < QApplication.startDragDistance()
            self.editor.release(self.screen_to_image(pos), click=click)
            self._mark_press = None
            self.marks_edited()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.tool in (Tool.WINDOW, Tool.PAN):
            self.fit()
        else:  # quick angle clicks arrive as a double click: it is still a click
            self.mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        notches = event.angleDelta().y() / 120.0
        if notches:
            self.zoom_by(WHEEL_STEP**notches, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        action = key_action(self, event.key())  # ui/viewers/image_keys.py
        if action is None:
            super().keyPressEvent(event)
            return
        action()

    def marks_edited(self) -> None:
        self.marks_changed.emit()
        self.update()

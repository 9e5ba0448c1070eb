"""Zoom and pan of an ImageView set from outside: a GSPS displayed area, a synced pane.

Kept out of image_view.py, which owns the gestures; these only read and set its
(zoom, pan) pair through `zoom_pan`/`set_zoom_pan`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from desktop_app.ui.viewers.image_view import ImageView

# Zoom relative to the image's fit (None: fitted) and pan in image pixels: the same
# state means the same framing on two images of different sizes.
GeometryState = tuple[float | None, QPointF]


def show_area(view: ImageView, area: QRectF) -> None:
    """Zoom and pan so that `area` (image coordinates) fills the view, centred."""
    if area.width() <= 0 or area.height() <= 0:
        return
    width, height = area.width(), area.height()
    if view.rotation % 180:  # turned by 90°: the area's width runs down the screen
        width, height = height, width
    zoom = min(view.width() / width, view.height() / height)
    view.set_zoom_pan(zoom, QPointF(0.0, 0.0))
    centre = QPointF(view.width() / 2, view.height() / 2)
    view.set_zoom_pan(view.zoom(), centre - view.image_to_screen().map(area.center()))


def geometry_state(view: ImageView) -> GeometryState:
    zoom, pan = view.zoom_pan()
    return (None if zoom is None else zoom / view.fit_zoom(), pan / view.zoom())


def set_geometry_state(view: ImageView, state: GeometryState) -> None:
    relative, pan = state
    zoom = None if relative is None else relative * view.fit_zoom()
    view.set_zoom_pan(zoom, pan * (view.fit_zoom() if zoom is None else zoom))

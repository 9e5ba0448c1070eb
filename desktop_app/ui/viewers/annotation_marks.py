"""Arrows, ellipses and free text drawn on an image, and their GSPS shapes.

Like the measurements (measure.py) they live in full-resolution image coordinates, so
they stay on the anatomy at any zoom; drawing is in screen space so the strokes and
text keep a readable size. `to_shapes`/`from_shapes` convert to and from the pure
medical.presentation_state shapes that travel as a GSPS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF, QTransform

from desktop_app.medical.presentation_state import Shape, ShapeKind

COLOUR = QColor(0, 230, 255)
HEAD_LENGTH = 14.0  # screen pixels
HEAD_ANGLE = math.radians(25)
TEXT_PIXELS = 15


@dataclass
class ArrowMark:
    """From the tail `a` to the tip `b`."""

    a: QPointF
    b: QPointF


@dataclass
class EllipseMark:
    """The ellipse inside the box with opposite corners a and b."""

    a: QPointF
    b: QPointF


@dataclass
class TextMark:
    at: QPointF
    text: str = ""


@dataclass
class LineMark:
    """Any other polyline (received from another viewer's presentation state)."""

    points: list[QPointF]


Annotation = ArrowMark | EllipseMark | TextMark | LineMark


def _xy(p: QPointF) -> tuple[float, float]:
    return (p.x(), p.y())


def to_shape(mark: Annotation) -> Shape:
    if isinstance(mark, ArrowMark):
        return Shape(ShapeKind.ARROW, (_xy(mark.a), _xy(mark.b)))
    if isinstance(mark, EllipseMark):
        return Shape(ShapeKind.ELLIPSE, (_xy(mark.a), _xy(mark.b)))
    if isinstance(mark, TextMark):
        return Shape(ShapeKind.TEXT, (_xy(mark.at),), mark.text)
    return Shape(ShapeKind.LINE, tuple(_xy(p) for p in mark.points))


def from_shape(shape: Shape) -> Annotation | None:
    """The mark for a received shape; measurements are made by measure.py's marks."""
    points = [QPointF(x, y) for x, y in shape.points]
    if shape.kind is ShapeKind.ARROW:
        return ArrowMark(points[0], points[1])
    if shape.kind is ShapeKind.ELLIPSE:
        return EllipseMark(points[0], points[1])
    if shape.kind is ShapeKind.TEXT:
        return TextMark(points[0], shape.text)
    if shape.kind is ShapeKind.LINE:
        return LineMark(points)
    return None


def paint_annotation(
    painter: QPainter, to_screen: QTransform, mark: Annotation, text_pixels: int = TEXT_PIXELS
) -> None:
    """One annotation in screen space, with a dark outline so it reads on bone and air."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for colour, width in ((QColor(0, 0, 0), 4.0), (COLOUR, 2.0)):
        painter.setPen(QPen(colour, width))
        if isinstance(mark, ArrowMark):
            _arrow(painter, to_screen.map(mark.a), to_screen.map(mark.b))
        elif isinstance(mark, EllipseMark):
            box = to_screen.mapRect(QRectF(mark.a, mark.b).normalized())
            painter.drawEllipse(box)
        elif isinstance(mark, LineMark):
            painter.drawPolyline(QPolygonF([to_screen.map(p) for p in mark.points]))
    if isinstance(mark, TextMark):
        font = QFont(painter.font())
        font.setPixelSize(text_pixels)
        font.setBold(True)
        painter.setFont(font)
        where = to_screen.map(mark.at)
        painter.setPen(QColor(0, 0, 0))
        painter.drawText(where + QPointF(1, 1), mark.text)
        painter.setPen(COLOUR)
        painter.drawText(where, mark.text)
    painter.restore()


def _arrow(painter: QPainter, tail: QPointF, tip: QPointF) -> None:
    painter.drawLine(tail, tip)
    direction = math.atan2(tail.y() - tip.y(), tail.x() - tip.x())
    for side in (-HEAD_ANGLE, HEAD_ANGLE):
        end = tip + QPointF(
            HEAD_LENGTH * math.cos(direction + side), HEAD_LENGTH * math.sin(direction + side)
        )
        painter.drawLine(tip, end)

"""Distance and angle measurements on an image, kept in full-resolution pixel coordinates.

Points are stored in the original image's pixel grid (x = column, y = row), not in
screen or display-copy pixels, so a measurement stays right when the user zooms,
rotates, or when the viewer shows a reduced display copy. The number comes from
medical.geometry, which also names the calibration kind printed beside it: a length
on a projection X-ray is only as true as its spacing source.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QTransform

from desktop_app.medical.geometry import Spacing, angle, distance
from desktop_app.ui.viewers.annotation_marks import (
    TEXT_PIXELS,
    Annotation,
    ArrowMark,
    EllipseMark,
    TextMark,
    paint_annotation,
)

HANDLE_RADIUS = 3.0
COLOUR = QColor(255, 214, 0)


class Tool(enum.Enum):
    """What a left-button drag does in the image view."""

    WINDOW = "window/level"
    PAN = "pan"
    DISTANCE = "distance"
    ANGLE = "angle"
    ARROW = "arrow"
    ELLIPSE = "ellipse"
    TEXT = "text"


# Tools whose left-button press draws a mark instead of changing the view.
MARK_TOOLS = (Tool.DISTANCE, Tool.ANGLE, Tool.ARROW, Tool.ELLIPSE, Tool.TEXT)


def _rc(p: QPointF) -> tuple[float, float]:
    return (p.y(), p.x())


@dataclass
class DistanceMark:
    a: QPointF
    b: QPointF

    def label(self, spacing: Spacing) -> str:
        return str(distance(_rc(self.a), _rc(self.b), spacing))


@dataclass
class AngleMark:
    """Angle a-vertex-b; b is None while the user still places the second arm."""

    a: QPointF
    vertex: QPointF
    b: QPointF | None = None

    def label(self, spacing: Spacing) -> str:
        if self.b is None:
            return ""
        return str(angle(_rc(self.vertex), _rc(self.a), _rc(self.b), spacing))


Mark = DistanceMark | AngleMark | Annotation
TwoPoint = DistanceMark | ArrowMark | EllipseMark


class MeasureEditor:
    """Turns presses, drags and releases (in image coordinates) into marks.

    Distance: press at one end, drag, release at the other. Angle, either by three
    clicks (end of the first arm, vertex, end of the second arm) or by pressing on the
    first arm's end, dragging to the vertex, releasing, then clicking the second arm's
    end. Between the steps the next point follows the mouse.
    """

    def __init__(self) -> None:
        self.marks: list[Mark] = []
        self.active: Mark | None = None
        self._presses = 0  # presses on the active angle so far

    def press(self, tool: Tool, point: QPointF) -> None:
        if isinstance(self.active, AngleMark):
            self._presses += 1
            if self.active.b is not None:
                self.active.b = point
                self.marks.append(self.active)
                self.active = None
            else:
                self.active.vertex = point  # the second click places the vertex
        elif tool is Tool.DISTANCE:
            self.active = DistanceMark(point, QPointF(point))
        elif tool is Tool.ARROW:
            self.active = ArrowMark(point, QPointF(point))
        elif tool is Tool.ELLIPSE:
            self.active = EllipseMark(point, QPointF(point))
        elif tool is Tool.TEXT:
            self.active = TextMark(point)  # the viewer asks for the words on release
        elif tool is Tool.ANGLE:
            self.active, self._presses = AngleMark(point, QPointF(point)), 1

    def move(self, point: QPointF) -> None:
        if isinstance(self.active, TwoPoint):
            self.active.b = point
        elif isinstance(self.active, TextMark):
            self.active.at = point
        elif isinstance(self.active, AngleMark):
            if self.active.b is None:
                self.active.vertex = point
            else:
                self.active.b = point

    def release(self, point: QPointF, *, click: bool = False) -> None:
        """``click``: the button went up where it went down (no drag)."""
        if isinstance(self.active, AngleMark) and self._presses == 1 and click:
            return  # first of three clicks: the vertex follows the mouse from here
        self.move(point)
        if isinstance(self.active, TwoPoint | TextMark):
            self.marks.append(self.active)
            self.active = None
        elif isinstance(self.active, AngleMark) and self.active.b is None:
            self.active.b = QPointF(point)  # the second arm now follows the mouse

    def angle_step(self) -> int:
        """0: no angle begun; 1: the vertex is next; 2: the second arm's end is next."""
        if not isinstance(self.active, AngleMark):
            return 0
        return 1 if self.active.b is None else 2

    @property
    def busy(self) -> bool:
        return self.active is not None

    def clear(self) -> None:
        self.marks.clear()
        self.active = None

    def cancel(self) -> None:
        """Drop the half-made mark (Escape)."""
        self.active = None

    def all_marks(self) -> list[Mark]:
        return [*self.marks, *([self.active] if self.active is not None else [])]


def paint_marks(
    painter: QPainter,
    to_screen: QTransform,
    marks: list[Mark],
    spacing: Spacing,
    text_pixels: int = TEXT_PIXELS,
) -> None:
    """Lines, handles and labels in screen space (constant size at any zoom); smaller
    `text_pixels` for free text on thumbnails."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont(painter.font())
    font.setPixelSize(13)
    font.setBold(True)
    painter.setFont(font)
    for mark in marks:
        if not isinstance(mark, DistanceMark | AngleMark):
            paint_annotation(painter, to_screen, mark, text_pixels)
            continue
        if isinstance(mark, DistanceMark):
            points = [to_screen.map(mark.a), to_screen.map(mark.b)]
        else:
            points = [to_screen.map(mark.a), to_screen.map(mark.vertex)]
            if mark.b is not None:
                points.append(to_screen.map(mark.b))
        painter.setPen(QPen(COLOUR, 1.5))
        for p, q in itertools.pairwise(points):
            painter.drawLine(p, q)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for p in points:
            painter.drawEllipse(p, HANDLE_RADIUS, HANDLE_RADIUS)
        text = mark.label(spacing)
        if text:
            anchor = points[1] if isinstance(mark, AngleMark) else points[-1]
            where = anchor + QPointF(8, -8)
            painter.setPen(QColor(0, 0, 0))
            painter.drawText(where + QPointF(1, 1), text)
            painter.setPen(COLOUR)
            painter.drawText(where, text)
    painter.restore()

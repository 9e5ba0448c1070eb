"""An event's label painted inside its box in the week, day and month views.

A label is elided to its box's width, but elision measures advances, and combining
marks have none: a colleague's event titled with one letter and its 199 marks (a title
holds 200 characters) kept them all, stacked, and painted them some 40 px above the box,
over the hour or the events above. So the label is clipped to its box.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QStaticText


def draw_label(painter: QPainter, box: QRectF, text: QStaticText, offset: QPointF) -> None:
    """Draw ``text`` at ``offset`` from the box's top left, nothing of it outside."""
    painter.save()
    painter.setClipRect(box, Qt.ClipOperation.IntersectClip)
    painter.drawStaticText(box.topLeft() + offset, text)
    painter.restore()

"""The image view's marks, W/L and zoom area to and from a GSPS.

"Send annotated" takes what the user sees now (marks, window, visible area) and
turns it into medical.presentation_state shapes; a received GSPS is applied the
other way round onto the receiver's copy of the original image.
"""

from __future__ import annotations

from pydicom.dataset import Dataset
from PySide6.QtCore import QPointF, QRectF

from desktop_app.medical.greyscale import Window
from desktop_app.medical.presentation_state import (
    Area,
    Presentation,
    Shape,
    ShapeKind,
    make_presentation,
)
from desktop_app.ui.viewers.annotation_marks import TextMark, from_shape, to_shape
from desktop_app.ui.viewers.image_view import ImageView
from desktop_app.ui.viewers.measure import AngleMark, DistanceMark, Mark
from desktop_app.ui.viewers.view_geometry import show_area

WHOLE_IMAGE_TOLERANCE = 0.5  # image pixels: a fitted view shows the whole image


def _xy(p: QPointF) -> tuple[float, float]:
    return (p.x(), p.y())


def marks_to_shapes(marks: list[Mark]) -> list[Shape]:
    shapes = []
    for mark in marks:
        if isinstance(mark, DistanceMark):
            shapes.append(Shape(ShapeKind.DISTANCE, (_xy(mark.a), _xy(mark.b))))
        elif isinstance(mark, AngleMark):
            if mark.b is not None:
                points = (_xy(mark.a), _xy(mark.vertex), _xy(mark.b))
                shapes.append(Shape(ShapeKind.ANGLE, points))
        elif not (isinstance(mark, TextMark) and not mark.text):  # unwritten text: dropped
            shapes.append(to_shape(mark))
    return shapes


def shapes_to_marks(shapes: tuple[Shape, ...]) -> list[Mark]:
    marks: list[Mark] = []
    for shape in shapes:
        points = [QPointF(x, y) for x, y in shape.points]
        if shape.kind is ShapeKind.DISTANCE:
            marks.append(DistanceMark(points[0], points[1]))
        elif shape.kind is ShapeKind.ANGLE:
            marks.append(AngleMark(points[0], points[1], points[2]))
        else:
            mark = from_shape(shape)
            if mark is not None:
                marks.append(mark)
    return marks


def _whole(rect: QRectF, columns: int, rows: int) -> bool:
    edges = (rect.left(), rect.top(), rect.right() - columns, rect.bottom() - rows)
    return all(abs(edge) < WHOLE_IMAGE_TOLERANCE for edge in edges)


def visible_area(view: ImageView) -> Area | None:
    """The part of the image on screen now (None when the whole image is visible)."""
    source = view.source
    if source is None:
        return None
    image = QRectF(0, 0, source.columns, source.rows)
    shown = (
        QRectF(
            view.screen_to_image(QPointF(0, 0)),
            view.screen_to_image(QPointF(view.width(), view.height())),
        ).normalized()
        & image
    )
    if shown.isEmpty() or _whole(shown, source.columns, source.rows):
        return None
    return Area(shown.left(), shown.top(), shown.right(), shown.bottom())


def spatial_of(rotation: int, flip_h: bool, flip_v: bool) -> tuple[int, bool]:
    """The view turns first, then flips; DICOM flips (horizontally) first, then turns.
    A vertical flip is a horizontal one turned by 180°."""
    if flip_v:
        return ((180 + rotation) % 360, False) if flip_h else ((180 - rotation) % 360, True)
    return ((-rotation) % 360, True) if flip_h else (rotation % 360, False)


def presentation_of(view: ImageView, original: Dataset) -> bytes:
    """A GSPS with what `view` shows over `original` (its header; pixels untouched)."""
    voi = view.voi()
    grey = view.source is not None and view.source.kind == "grey"
    rotation, flip = spatial_of(view.rotation, view.flip_h, view.flip_v)
    return make_presentation(
        original,
        marks_to_shapes(view.editor.marks),
        window=voi if grey and isinstance(voi, Window) else None,
        area=visible_area(view),
        rotation=rotation,
        flip=flip,
    )


def apply_presentation(view: ImageView, state: Presentation) -> None:
    """Draw a received GSPS over the view's image (its marks replace the view's)."""
    view.editor.clear()
    view.editor.marks.extend(shapes_to_marks(state.shapes))
    view.flip_h, view.flip_v = state.flip, False
    view.rotation = (-state.rotation) % 360 if state.flip else state.rotation
    if state.window is not None:
        view.set_voi(state.window)
    area = state.area
    source = view.source
    rect = None if area is None else QRectF(area.left, area.top, area.right - area.left,
                                            area.bottom - area.top)  # fmt: skip
    if rect is None or (source is not None and _whole(rect, source.columns, source.rows)):
        view.fit()  # the whole image (highdicom's default area): fitted as anywhere else
    else:
        show_area(view, rect)
    view.update()
